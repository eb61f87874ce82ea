using Dashboard.Core.Metrics;
using Dashboard.Core.Segments;

namespace Dashboard.Core.Tests.Metrics;

public sealed class DrillDownCohortAndUpdateTests
{
    private static Scenario Data()
    {
        var s = new Scenario();
        var basic = s.Plan("basic", 1000);
        var pro = s.Plan("pro", 3000);
        var a = s.Subscription(s.Customer("A", "US"), basic, "2024-01-05");
        s.State(a, pro, "2024-02-10");
        s.Subscription(s.Customer("B", "DE"), pro, "2024-01-20", canceledAt: "2024-02-15");
        s.Subscription(s.Customer("C", "US"), basic, "2024-02-03");
        return s;
    }

    [Fact]
    public void Drill_down_lists_each_customer_and_sums_to_the_metric()
    {
        var drill = Data().Engine().DrillDown("net_new_mrr", Scenario.D("2024-02-01"), Scenario.D("2024-02-29"));
        Assert.Equal(0m, drill.Value); // +2000 (A) - 3000 (B) + 1000 (C)
        Assert.Equal([("B", -3000m), ("A", 2000m), ("C", 1000m)], drill.Customers.Select(c => (c.ExternalId, c.Contribution)));
        Assert.Equal("churn", drill.Customers[0].Movements.Single().Kind);

        var churnRate = Data().Engine().DrillDown("customer_churn_rate", Scenario.D("2024-02-01"), Scenario.D("2024-02-29"));
        Assert.Equal(50m, churnRate.Value);
        Assert.Equal("B", churnRate.Customers.Single(c => c.Contribution != 0).ExternalId);
    }

    [Fact]
    public void Cohorts_form_a_triangle_of_active_and_mrr_shares()
    {
        var table = Data().Engine().Cohorts(Scenario.D("2024-01-01"), Scenario.D("2024-03-31"));
        var january = table.Rows[0];
        Assert.Equal(2, january.Customers);             // A and B
        Assert.Equal(4000, january.StartingMrr);        // 1000 + 3000
        Assert.Equal([100m, 50m, 50m], january.Periods.Select(p => p.ActiveShare!.Value));
        Assert.Equal([100m, 75m, 75m], january.Periods.Select(p => p.MrrShare!.Value)); // A alone at $30
        Assert.Equal(2, table.Rows[1].Periods.Count);
        Assert.Single(table.Rows[2].Periods);
        Assert.Equal(0, table.Rows[2].Customers);
        Assert.Null(table.Rows[2].Periods[0].ActiveShare);
    }

    [Fact]
    public void Replacing_a_customer_rebuilds_only_its_timeline_and_the_totals_follow()
    {
        var s = Data();
        var engine = s.Engine();
        var before = engine.Current;
        var untouched = before.Customers.Single(c => c.ExternalId == "A");
        var b = before.Customers.Single(c => c.ExternalId == "B");
        Assert.Equal(4000m, engine.OnDay("mrr", "2024-03-01"));

        var update = engine.CreateUpdateBuilder();
        update.AddCustomer(b.Id, 1, "B", "B", "b@example.com", "DE", "USD");
        update.AddSubscription(9001, b.Id, "sub_b", Scenario.T("2024-01-20"));
        update.AddSubscriptionState(9002, 9001, Scenario.T("2024-01-20"), before.Plans.Single(p => p.ExternalId == "pro").Id);
        engine.ReplaceCustomers(update);

        Assert.Equal(7000m, engine.OnDay("mrr", "2024-03-01"));
        Assert.Equal(0m, engine.Value("churned_mrr", "2024-02-01", "2024-02-29"));
        Assert.Same(untouched, engine.Current.Customers.Single(c => c.ExternalId == "A"));
        Assert.Equal(4000m, new MetricsEngine(before).OnDay("mrr", "2024-03-01")); // the old snapshot is unchanged

        engine.ReplaceCustomers(engine.CreateUpdateBuilder(), [b.Id]);
        Assert.Equal(4000m, engine.OnDay("mrr", "2024-03-01"));
        Assert.Equal(2, engine.Current.Customers.Count);
        var rebuilt = new MetricsEngine(engine.Current.Customers.Count == 2 ? RebuildWithoutB() : before);
        Assert.Equal(rebuilt.Query(new MetricQuery("net_new_mrr", Scenario.D("2024-01-01"), Scenario.D("2024-12-31"))).Points.Select(p => p.Value),
            engine.Query(new MetricQuery("net_new_mrr", Scenario.D("2024-01-01"), Scenario.D("2024-12-31"))).Points.Select(p => p.Value));
    }

    [Fact]
    public void The_engine_says_whether_any_customer_is_left()
    {
        var engine = Data().Engine();
        Assert.True(engine.HasCustomers);

        engine.ReplaceCustomers(engine.CreateUpdateBuilder(), engine.Current.Customers.Select(c => c.Id).ToList());

        Assert.False(engine.HasCustomers);
        Assert.Empty(engine.Current.Customers);
    }

    private static Dashboard.Core.Timelines.TimelineSet RebuildWithoutB()
    {
        var s = new Scenario();
        var basic = s.Plan("basic", 1000);
        var pro = s.Plan("pro", 3000);
        var a = s.Subscription(s.Customer("A", "US"), basic, "2024-01-05");
        s.State(a, pro, "2024-02-10");
        s.Subscription(s.Customer("C", "US"), basic, "2024-02-03");
        return s.Builder.Build();
    }

    [Fact]
    public void Segment_drill_down_and_query_agree()
    {
        var engine = Data().Engine();
        var filters = new[] { SegmentFilter.Parse("country:eq:US") };
        var drill = engine.DrillDown("mrr", Scenario.D("2024-02-01"), Scenario.D("2024-02-29"), filters);
        Assert.Equal(4000m, drill.Value);
        Assert.Equal(4000m, drill.Customers.Sum(c => c.Contribution));
        Assert.Equal(4000m, engine.Value("mrr", "2024-02-01", "2024-02-29", "country:eq:US"));
    }
}
