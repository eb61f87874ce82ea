using System.Globalization;
using Dashboard.Core.Billing;
using Dashboard.Core.Metrics;
using Dashboard.Core.Segments;
using Dashboard.Core.Timelines;

namespace Dashboard.Core.Tests.Metrics;

/// <summary>
/// Large enough for several storage chunks and for the parallel walks: a set patched by many incremental updates
/// (replacements, removals, insertions that split chunks, new attribute values and a new field) must answer every
/// query exactly like a set built from scratch from the final rows.
/// </summary>
public sealed class ChunkedUpdatePropertyTests
{
    private const int BaseCustomers = 22_000;
    private static readonly string[] Countries = ["US", "GB", "DE", "FR"];
    private static readonly string[] Sources = ["google", "ads", "newsletter", "partner"];
    private static readonly DateTimeOffset Start = Scenario.T("2022-01-01");

    private static readonly string[][] Segments =
    [
        [],
        ["country:eq:US"],
        ["utm_source:neq:partner"],
        ["country:neq:DE", "plan:neq:weekly"],
        ["plan:eq:pro"],
        ["seats:gte:5"],
        ["country:in:JP|FR"],
        ["email:contains:7@"],
        ["tier:eq:gold"],
        ["tier:not_exists"],
    ];

    [Fact]
    public void Incrementally_updated_set_answers_like_a_fresh_build()
    {
        // Final state: customer id -> variant (null = removed); ids are multiples of 10 so later ones can fall in between.
        var state = new SortedDictionary<long, int>();
        for (var k = 1; k <= BaseCustomers; k++)
        {
            state[k * 10L] = 0;
        }

        var engine = new MetricsEngine(Rows(state, withTier: false).Build());
        var random = new Random(7);
        for (var batch = 1; batch <= 4; batch++)
        {
            var update = engine.CreateUpdateBuilder();
            var withTier = batch >= 3;
            if (withTier)
            {
                update.AddAttributeField(3, "tier", AttributeType.String);
            }

            var changed = new SortedDictionary<long, int>();
            for (var n = 0; n < 150; n++)
            {
                changed[random.Next(1, BaseCustomers + 1) * 10L] = batch;
            }

            // A dense run of new ids inside one id range grows that chunk past twice its size, so it splits.
            var runStart = random.Next(1, BaseCustomers - 2000) * 10L;
            for (var n = 0; n < (batch == 2 ? 9000 : 40); n++)
            {
                changed[runStart + 1 + (n / 9 * 10) + (n % 9)] = batch;
            }

            var removed = new List<long>();
            for (var n = 0; n < 100; n++)
            {
                var id = random.Next(1, BaseCustomers + 1) * 10L;
                if (!changed.ContainsKey(id))
                {
                    removed.Add(id);
                }
            }

            foreach (var (id, variant) in changed)
            {
                state[id] = variant;
                AddCustomer(update, id, variant);
            }

            foreach (var id in removed)
            {
                state.Remove(id);
            }

            engine.ReplaceCustomers(update, removed);
        }

        var fresh = new MetricsEngine(Rows(state, withTier: true).Build());
        Assert.Equal(state.Keys, engine.Current.Customers.Select(c => c.Id));
        AssertSameCustomer(fresh.Current.FindCustomer(state.Keys.Last())!, engine.Current.FindCustomer(state.Keys.Last())!);
        AssertSameCustomer(fresh.Current.Customers[5000], engine.Current.Customers[5000]);

        var from = Scenario.D("2022-01-01");
        var to = Scenario.D("2024-12-31");
        foreach (var segment in Segments)
        {
            var filters = segment.Select(SegmentFilter.Parse).ToArray();
            foreach (var metric in MetricCatalog.All)
            {
                Assert.Equal(Values(fresh, metric.Name, from, to, filters), Values(engine, metric.Name, from, to, filters));
            }

            Assert.Equal(Cells(fresh.Cohorts(from, to, filters)), Cells(engine.Cohorts(from, to, filters)));
            foreach (var metric in new[] { "churned_mrr", "mrr", "gross_revenue", "customer_churn_rate", "nrr" })
            {
                var expected = fresh.DrillDown(metric, Scenario.D("2023-05-01"), Scenario.D("2023-06-15"), filters);
                var actual = engine.DrillDown(metric, Scenario.D("2023-05-01"), Scenario.D("2023-06-15"), filters);
                Assert.Equal(expected.Value, actual.Value);
                Assert.Equal(Rows(expected), Rows(actual));

                // The drill-down sums customers one by one, the query reads segment totals (possibly everyone minus
                // the customers the segment drops): they must agree.
                var query = engine.Query(new MetricQuery(metric, Scenario.D("2023-05-01"), Scenario.D("2023-06-15"), Interval.Year) { Filters = filters });
                Assert.Equal(query.Points.Single().Value, actual.Value);
            }
        }
    }

    private static TimelineBuilder Rows(SortedDictionary<long, int> state, bool withTier)
    {
        var builder = new TimelineBuilder();
        AddCatalog(builder, withTier);
        foreach (var (id, variant) in state)
        {
            AddCustomer(builder, id, variant);
        }

        return builder;
    }

    private static void AddCatalog(TimelineBuilder builder, bool withTier)
    {
        builder.AddAttributeField(1, "utm_source", AttributeType.String);
        builder.AddAttributeField(2, "seats", AttributeType.Number);
        if (withTier)
        {
            builder.AddAttributeField(3, "tier", AttributeType.String);
        }

        builder.AddPlan(1, "basic", "Basic", "USD", 1000, BillingInterval.Month, 1, false);
        builder.AddPlan(2, "pro", "Pro", "USD", 2900, BillingInterval.Month, 1, false);
        builder.AddPlan(3, "annual", "Annual", "USD", 29900, BillingInterval.Year, 1, false);
        builder.AddPlan(4, "weekly", "Weekly", "USD", 999, BillingInterval.Week, 1, false);
    }

    /// <summary>One customer's complete rows; the variant changes its history (from 3 on: new values and the tier field).</summary>
    private static void AddCustomer(TimelineBuilder builder, long id, int variant)
    {
        var random = new Random(unchecked((int)(id * 31) + variant));
        var country = variant >= 3 && random.Next(3) == 0 ? "JP" : Countries[random.Next(Countries.Length)];
        var email = random.Next(3) == 0 ? null : "c" + id + "@example.com";
        builder.AddCustomer(id, 1 + random.Next(2), "cus_" + id, "Customer " + id, email, country, "USD");
        if (random.Next(5) > 0)
        {
            builder.AddCustomerAttribute(id, 1, Sources[random.Next(Sources.Length)]);
        }

        builder.AddCustomerAttribute(id, 2, random.Next(1, 10).ToString(CultureInfo.InvariantCulture));
        if (variant >= 3 && id % 3 != 0)
        {
            builder.AddCustomerAttribute(id, 3, id % 3 == 1 ? "gold" : "silver");
        }

        for (var n = 0; n < random.Next(0, 3); n++)
        {
            var subscription = (id * 10) + n;
            var at = Start.AddMinutes(random.Next(0, 900 * 24 * 60));
            var trial = random.Next(6) == 0 ? at.AddDays(14) : (DateTimeOffset?)null;
            var canceled = random.Next(3) == 0 ? at.AddDays(random.Next(1, 400)) : (DateTimeOffset?)null;
            builder.AddSubscription(subscription, id, "sub_" + subscription, at, trial, canceled);
            var stateAt = at;
            for (var k = 0; k < random.Next(1, 4); k++)
            {
                builder.AddSubscriptionState((subscription * 10) + k, subscription, stateAt, 1 + random.Next(4), random.Next(1, 4),
                    random.Next(5) == 0 ? 300 : 0);
                stateAt = stateAt.AddDays(random.Next(1, 200));
            }

            for (var m = 0; m < random.Next(0, 4); m++)
            {
                builder.AddCharge(id, random.Next(100, 10_000), random.Next(0, 300), "USD", at.AddDays(random.Next(0, 500)),
                    random.Next(8) == 0 ? ChargeStatus.Failed : ChargeStatus.Paid, (ChargeKind)random.Next(3));
            }
        }
    }

    private static decimal?[] Values(MetricsEngine engine, string metric, DateOnly from, DateOnly to, SegmentFilter[] filters) =>
        [.. engine.Query(new MetricQuery(metric, from, to) { Filters = filters }).Points.Select(p => p.Value)];

    private static string[] Cells(CohortTable table) =>
        [.. table.Rows.SelectMany(r => r.Periods.Select(p => $"{r.Month} {r.Customers} {r.StartingMrr} {p.Period} {p.ActiveCustomers} {p.Mrr}"))];

    private static string[] Rows(DrillDownResult result) =>
        [.. result.Customers.Select(c => $"{c.CustomerId} {c.Contribution} {string.Join(',', c.Movements.Select(m => $"{m.Date} {m.Kind} {m.Amount}"))}")];

    private static void AssertSameCustomer(CustomerTimeline expected, CustomerTimeline actual)
    {
        Assert.Equal(expected.Id, actual.Id);
        Assert.Equal(expected.Country, actual.Country);
        Assert.Equal(expected.Email, actual.Email);
        Assert.Equal(expected.Attributes.Where(a => a is not null), actual.Attributes.Where(a => a is not null));
        Assert.Equal(expected.Points, actual.Points);
        Assert.Equal(expected.Cash, actual.Cash);
        Assert.Equal(expected.Subscriptions.SelectMany(s => s.Points), actual.Subscriptions.SelectMany(s => s.Points));
        Assert.Equal((expected.FirstDay, expected.LastDay), (actual.FirstDay, actual.LastDay));
    }
}
