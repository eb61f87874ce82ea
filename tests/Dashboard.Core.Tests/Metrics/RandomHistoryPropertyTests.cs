using Dashboard.Core.Billing;
using Dashboard.Core.Metrics;
using Dashboard.Core.Segments;
using Dashboard.Core.Timelines;

namespace Dashboard.Core.Tests.Metrics;

/// <summary>Invariants on seeded random histories: movements explain every MRR change, drill-downs add up.</summary>
public sealed class RandomHistoryPropertyTests
{
    private static readonly string[][] Segments =
    [
        [],
        ["country:eq:US"],
        ["plan:eq:pro"],
        ["utm_source:in:google|ads"],
        ["country:neq:DE", "plan:neq:weekly"],
        ["seats:gte:5"],
    ];

    internal static MetricsEngine Build(int seed, string timeZone)
    {
        var random = new Random(seed);
        var s = new Scenario(new MetricSettings { TimeZone = timeZone, PastDueChurnDays = 20 });
        s.Builder.AddAttributeField(1, "utm_source", AttributeType.String);
        s.Builder.AddAttributeField(2, "seats", AttributeType.Number);
        long[] plans =
        [
            s.Plan("basic", 1000), s.Plan("pro", 2900), s.Plan("annual", 29900, BillingInterval.Year),
            s.Plan("quarterly", 7500, BillingInterval.Month, 3), s.Plan("weekly", 999, BillingInterval.Week), s.Plan("daily", 101, BillingInterval.Day),
        ];
        string[] countries = ["US", "DE", "FR"];
        string[] sources = ["google", "ads", "newsletter"];
        var start = Scenario.T("2022-01-01");
        DateTimeOffset RandomInstant(DateTimeOffset after, int maxDays) => after.AddMinutes(random.Next(1, maxDays * 24 * 60));

        for (var c = 0; c < 300; c++)
        {
            var customer = s.Customer("cus_" + c, countries[random.Next(3)]);
            if (random.Next(4) > 0)
            {
                s.Builder.AddCustomerAttribute(customer, 1, sources[random.Next(3)]);
            }

            s.Builder.AddCustomerAttribute(customer, 2, random.Next(1, 10).ToString(System.Globalization.CultureInfo.InvariantCulture));
            var subscriptionCount = random.Next(1, 4);
            for (var n = 0; n < subscriptionCount; n++)
            {
                var at = RandomInstant(start, 900);
                var trial = random.Next(5) == 0 ? at.AddDays(14) : (DateTimeOffset?)null;
                var canceled = random.Next(3) == 0 ? RandomInstant(at, 500) : (DateTimeOffset?)null;
                var id = 100_000 + (c * 10) + n;
                s.Builder.AddSubscription(id, customer, "sub_" + id, at, trial, canceled);
                var stateAt = at;
                for (var k = 0; k < random.Next(1, 5); k++)
                {
                    var status = random.Next(8) switch { 0 => SubscriptionStatus.PastDue, 1 => SubscriptionStatus.Paused, _ => SubscriptionStatus.Active };
                    var stateId = (id * 10) + k;
                    s.Builder.AddSubscriptionState(stateId, id, stateAt, plans[random.Next(plans.Length)], random.Next(1, 4), random.Next(4) == 0 ? random.Next(0, 3000) : 0, status);
                    if (random.Next(4) == 0)
                    {
                        s.Builder.AddAddOn(stateId, random.Next(100, 900), random.Next(1, 3));
                    }

                    stateAt = random.Next(6) == 0 ? stateAt.AddHours(random.Next(1, 20)) : RandomInstant(stateAt, 200);
                }

                for (var m = 0; m < random.Next(0, 6); m++)
                {
                    s.Builder.AddCharge(customer, random.Next(100, 50_000), random.Next(0, 300), "USD", RandomInstant(at, 700),
                        random.Next(6) == 0 ? ChargeStatus.Failed : ChargeStatus.Paid, (ChargeKind)random.Next(3));
                }
            }
        }

        return s.Engine();
    }

    [Theory]
    [InlineData(1, "UTC")]
    [InlineData(2, "America/New_York")]
    [InlineData(3, "Europe/Berlin")]
    public void Movements_explain_the_mrr_change_of_every_bucket(int seed, string timeZone)
    {
        var engine = Build(seed, timeZone);
        var checkedBuckets = 0;
        foreach (var filters in Segments)
        {
            foreach (var (interval, from, to) in new[]
                     {
                         (Interval.Day, "2023-02-15", "2023-04-15"), (Interval.Week, "2022-01-01", "2024-12-31"),
                         (Interval.Month, "2022-01-15", "2024-12-31"), (Interval.Quarter, "2022-02-01", "2024-12-31"), (Interval.Year, "2022-01-01", "2024-12-31"),
                     })
            {
                var mrr = Series(engine, "mrr", interval, from, to, filters, out var buckets);
                var net = Series(engine, "net_new_mrr", interval, from, to, filters, out _);
                var parts = new[] { "new_mrr", "expansion_mrr", "reactivation_mrr", "contraction_mrr", "churned_mrr" }
                    .Select(m => Series(engine, m, interval, from, to, filters, out _)).ToArray();
                var before = engine.Query(new MetricQuery("mrr", buckets[0].AddDays(-1), buckets[0].AddDays(-1), Interval.Day) { Filters = Parse(filters) }).Points[0].Value!.Value;
                for (var i = 0; i < mrr.Length; i++)
                {
                    // The identity holds exactly on the unrounded amounts; each figure shown is its own exact amount
                    // rounded once (half a cent at most), so the shown figures agree within that.
                    var start = i == 0 ? before : mrr[i - 1];
                    Assert.InRange(mrr[i] - start - net[i], -1, 1);
                    Assert.InRange(net[i] - parts.Sum(p => p[i]), -3, 3);
                    checkedBuckets++;
                }
            }
        }

        Assert.True(checkedBuckets > 1000);
        Assert.True(Series(engine, "churned_customers", Interval.Year, "2022-01-01", "2024-12-31", [], out _).Sum() > 20);
        Assert.True(Series(engine, "reactivations", Interval.Year, "2022-01-01", "2024-12-31", [], out _).Sum() > 5);
        Assert.True(Series(engine, "upgrades", Interval.Year, "2022-01-01", "2024-12-31", [], out _).Sum() > 20);
    }

    [Theory]
    [InlineData(4)]
    [InlineData(5)]
    public void Drill_down_contributions_sum_to_the_metric(int seed)
    {
        var engine = Build(seed, "UTC");
        var random = new Random(seed);
        string[] sums = ["mrr", "arr", "net_new_mrr", "churned_mrr", "new_customers", "active_customers", "active_subscriptions", "discounts_mrr", "gross_revenue", "net_revenue", "trial_conversions"];
        string[] rates = ["customer_churn_rate", "revenue_churn_rate", "arpu", "quick_ratio", "nrr"];
        foreach (var filters in Segments)
        {
            var startDay = Scenario.D("2023-01-01").AddDays(random.Next(0, 200));
            var endDay = startDay.AddDays(random.Next(0, 150));
            foreach (var metric in sums.Concat(rates))
            {
                var drill = engine.DrillDown(metric, startDay, endDay, Parse(filters));
                var query = engine.Query(new MetricQuery(metric, startDay, endDay, Interval.Year) { Filters = Parse(filters) }).Points.Single().Value;
                if (MrrAmounts.Contains(metric))
                {
                    // Rows show each customer's exact share rounded once; the numerator is the exact sum of the shares.
                    Assert.All(drill.Customers, c => Assert.Equal(decimal.Round(c.Contribution), c.Contribution));
                    Assert.Equal(decimal.Round(drill.Numerator), drill.Numerator);
                    Assert.InRange(drill.Customers.Sum(c => c.Contribution) - drill.Numerator, -drill.Customers.Count / 2m, drill.Customers.Count / 2m);
                }
                else
                {
                    Assert.Equal(drill.Numerator, drill.Customers.Sum(c => c.Contribution));
                }

                Assert.Equal(query, drill.Value);
                if (sums.Contains(metric))
                {
                    Assert.Equal(query, drill.Numerator);
                }
            }
        }
    }

    [Fact]
    public void A_segment_matching_everyone_equals_the_unfiltered_totals()
    {
        var engine = Build(6, "UTC");
        foreach (var metric in MetricCatalog.All)
        {
            var all = Series(engine, metric.Name, Interval.Month, "2022-01-01", "2024-12-31", [], out _);
            var everyone = Series(engine, metric.Name, Interval.Month, "2022-01-01", "2024-12-31", ["seats:gte:0"], out _);
            Assert.Equal(all, everyone);
        }
    }

    private static readonly string[] MrrAmounts = ["mrr", "arr", "net_new_mrr", "churned_mrr", "discounts_mrr", "revenue_churn_rate", "arpu", "quick_ratio", "nrr"];

    private static SegmentFilter[] Parse(string[] filters) => [.. filters.Select(SegmentFilter.Parse)];

    private static decimal[] Series(MetricsEngine engine, string metric, Interval interval, string from, string to, string[] filters, out DateOnly[] starts)
    {
        var series = engine.Query(new MetricQuery(metric, Scenario.D(from), Scenario.D(to), interval) { Filters = Parse(filters) });
        starts = [.. series.Points.Select(p => p.Date)];
        return [.. series.Points.Select(p => p.Value ?? -1m)];
    }
}
