using Dashboard.Core.Metrics;
using Dashboard.Core.Segments;

namespace Dashboard.Core.Tests.Metrics;

public sealed class QueryTests
{
    private static MetricsEngine Engine()
    {
        var s = new Scenario();
        var plan = s.Plan("p", 1000);
        s.Subscription(s.Customer("A"), plan, "2024-01-01");
        s.Subscription(s.Customer("B"), plan, "2024-03-20");
        s.Subscription(s.Customer("C"), plan, "2024-04-02", canceledAt: "2024-05-10");
        return s.Engine();
    }

    [Fact]
    public void Monthly_buckets_are_clipped_to_the_range()
    {
        var series = Engine().Query(new MetricQuery("new_customers", Scenario.D("2024-03-15"), Scenario.D("2024-05-05")));
        Assert.Equal(
            [(Scenario.D("2024-03-15"), Scenario.D("2024-03-31"), 1m), (Scenario.D("2024-04-01"), Scenario.D("2024-04-30"), 1m), (Scenario.D("2024-05-01"), Scenario.D("2024-05-05"), 0m)],
            series.Points.Select(p => (p.Date, p.EndDate, p.Value!.Value)));
    }

    [Fact]
    public void Weeks_start_on_monday_and_quarters_and_years_are_calendar_periods()
    {
        Assert.Equal([Scenario.D("2024-03-06"), Scenario.D("2024-03-11"), Scenario.D("2024-03-18")],
            Bucket.Plan(Scenario.D("2024-03-06"), Scenario.D("2024-03-20"), Interval.Week).Select(b => b.Start));
        Assert.Equal([Scenario.D("2024-02-10"), Scenario.D("2024-04-01"), Scenario.D("2024-07-01")],
            Bucket.Plan(Scenario.D("2024-02-10"), Scenario.D("2024-07-01"), Interval.Quarter).Select(b => b.Start));
        Assert.Equal(Scenario.D("2024-12-31"), Bucket.Plan(Scenario.D("2024-06-01"), Scenario.D("2025-02-01"), Interval.Year)[0].End);
    }

    [Fact]
    public void Daily_window_metrics_use_the_trailing_30_days()
    {
        var bucket = Bucket.Plan(Scenario.D("2024-05-10"), Scenario.D("2024-05-10"), Interval.Day)[0];
        Assert.Equal(Scenario.D("2024-04-11"), bucket.WindowStart);
        // Active at the end of Apr 10: A, B, C (3); C churns May 10 -> 33.3333 %.
        Assert.Equal(33.3333m, Engine().OnDay("customer_churn_rate", "2024-05-10"));
        Assert.Equal(0m, Engine().OnDay("customer_churn_rate", "2024-06-10"));
    }

    [Fact]
    public void Stock_is_taken_at_the_end_of_each_bucket()
    {
        var series = Engine().Query(new MetricQuery("mrr", Scenario.D("2024-01-01"), Scenario.D("2024-06-30"), Interval.Quarter));
        Assert.Equal([2000m, 2000m], series.Points.Select(p => p.Value!.Value));
        Assert.Equal(3000m, Engine().OnDay("mrr", "2024-04-02"));
    }

    [Fact]
    public void Compare_to_reads_the_bucket_n_days_earlier_with_its_percent_change()
    {
        var point = Engine().Query(new MetricQuery("mrr", Scenario.D("2024-04-15"), Scenario.D("2024-04-15"), Interval.Day) { CompareToDays = 30 }).Points[0];
        Assert.Equal(3000m, point.Value);
        Assert.Equal(1000m, point.Previous!.Value); // Mar 16: only A
        Assert.Equal(200m, point.Previous.Percent);
        var fromZero = Engine().Query(new MetricQuery("mrr", Scenario.D("2024-01-15"), Scenario.D("2024-01-15"), Interval.Day) { CompareToDays = 30 }).Points[0];
        Assert.Equal(0m, fromZero.Previous!.Value);
        Assert.Null(fromZero.Previous.Percent);
    }

    [Theory]
    [InlineData("nope", "2024-01-01", "2024-02-01", null, "metric")]
    [InlineData("mrr", "2024-02-01", "2024-01-01", null, "end_date")]
    [InlineData("mrr", "2024-01-01", "2024-02-01", "country:like:x", "filter")]
    [InlineData("mrr", "2024-01-01", "2024-02-01", "shoe_size:eq:4", "filter")]
    [InlineData("mrr", "2024-01-01", "2024-02-01", "country", "filter")]
    public void Bad_queries_throw_naming_the_parameter(string metric, string start, string end, string? filter, string parameter)
    {
        var error = Assert.Throws<MetricQueryException>(() => Engine().Query(
            new MetricQuery(metric, Scenario.D(start), Scenario.D(end)) { Filters = filter is null ? [] : [SegmentFilter.Parse(filter)] }));
        Assert.Equal(parameter, error.Parameter);
    }

    [Fact]
    public void Summary_has_every_metric_and_null_never_nan()
    {
        var summary = Engine().Summary(Scenario.D("2024-04-15"), compareToDays: 30);
        Assert.Equal(MetricCatalog.All.Select(m => m.Name), summary.Select(i => i.Metric));
        Assert.Equal(3000m, summary.Single(i => i.Metric == "mrr").Value);
        Assert.Null(summary.Single(i => i.Metric == "quick_ratio").Value);
    }

    [Fact]
    public void Catalog_lists_units_and_kinds()
    {
        Assert.Equal(42, MetricCatalog.All.Count);
        Assert.Equal(MetricUnit.Money, MetricCatalog.Get("mrr").Unit);
        Assert.Equal(MetricKind.Window, MetricCatalog.Get("quick_ratio").Kind);
        Assert.Equal(MetricUnit.Ratio, MetricCatalog.Get("quick_ratio").Unit);
        Assert.All(MetricCatalog.All, m => Assert.False(string.IsNullOrWhiteSpace(m.Description)));
    }
}
