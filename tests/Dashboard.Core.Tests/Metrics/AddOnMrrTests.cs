using Dashboard.Core.Billing;
using Dashboard.Core.Metrics;
using Dashboard.Core.Timelines;

namespace Dashboard.Core.Tests.Metrics;

/// <summary>The worked example of <c>add_on_mrr</c> in docs/metrics.md ("Add-on MRR").</summary>
public sealed class AddOnMrrTests
{
    private static readonly Lazy<MetricsEngine> Engine = new(Build);

    /// <summary>
    /// Team: $50 a month. Annual: $1,200 a year. A: Team from Mar 1 with 2 seats of $10; from Mar 25 without them.
    /// B: Annual from Mar 10 with a $240-a-year add-on and a $60-a-year discount, canceled Mar 28. C: Team from Mar 1,
    /// in trial until Mar 20, with a $5 add-on.
    /// </summary>
    private static MetricsEngine Build()
    {
        var s = new Scenario();
        var team = s.Plan("team", 5000);
        var annual = s.Plan("annual", 120_000, BillingInterval.Year);
        var (a, b, c) = (s.Customer("A"), s.Customer("B"), s.Customer("C"));

        s.Builder.AddSubscription(101, a, "sub_a", Scenario.T("2024-03-01"), null, null, null);
        s.Builder.AddAddOn(s.State(101, team, "2024-03-01"), 1000, 2);
        s.State(101, team, "2024-03-25");

        s.Builder.AddSubscription(102, b, "sub_b", Scenario.T("2024-03-10"), null, Scenario.T("2024-03-28"), null);
        s.Builder.AddAddOn(s.State(102, annual, "2024-03-10", discount: 6000), 24_000);

        s.Builder.AddSubscription(103, c, "sub_c", Scenario.T("2024-03-01"), Scenario.T("2024-03-20"), null, null);
        s.Builder.AddAddOn(s.State(103, team, "2024-03-01"), 500);
        return s.Engine();
    }

    [Theory]
    [InlineData("2024-03-05", 2000)]
    [InlineData("2024-03-15", 4000)]
    [InlineData("2024-03-22", 4500)]
    [InlineData("2024-03-26", 2500)]
    [InlineData("2024-03-31", 500)]
    public void Add_on_mrr_is_the_add_ons_monthly_amount_of_paying_subscriptions(string day, long expected) =>
        Assert.Equal(expected, Engine.Value.OnDay("add_on_mrr", day));

    [Fact]
    public void Add_ons_count_before_the_discount_and_inside_mrr()
    {
        // On Mar 22: A 5000 + 2000, B (120000 + 24000 - 6000) / 12 = 11500, C 5000 + 500.
        Assert.Equal(24_000m, Engine.Value.OnDay("mrr", "2024-03-22"));
        Assert.Equal(500m, Engine.Value.OnDay("discounts_mrr", "2024-03-22"));
        Assert.Equal(4500m, Engine.Value.OnDay("add_on_mrr", "2024-03-22"));
    }

    [Fact]
    public void Add_on_mrr_follows_segment_filters_and_baremetrics_slug()
    {
        Assert.Equal(2000m, Engine.Value.OnDay("add_on_mrr", "2024-03-15", "plan:eq:annual"));
        Assert.Equal(2000m, Engine.Value.OnDay("add_on_mrr", "2024-03-15", "plan:eq:team"));
        Assert.True(MetricCatalog.TryGet("add_on_mrr", out var metric));
        Assert.Equal((MetricUnit.Money, MetricKind.Stock), (metric.Unit, metric.Kind));
        Assert.Contains("add_on_mrr", BaremetricsSlugs.Summary);
    }

    [Fact]
    public void Drill_down_lists_each_customers_add_on_mrr()
    {
        var result = Engine.Value.DrillDown("add_on_mrr", Scenario.D("2024-03-22"), Scenario.D("2024-03-22"));
        Assert.Equal([("A", 2000m), ("B", 2000m), ("C", 500m)], result.Customers.Select(c => (c.ExternalId, c.Contribution)).OrderBy(c => c.ExternalId));
    }
}
