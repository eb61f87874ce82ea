using Dashboard.Core.Metrics;

namespace Dashboard.Core.Tests.Metrics;

/// <summary>
/// What a change against the previous period rests on (docs/ui.md, "Headline numbers"): a rate's denominator, or a stock's
/// or a flow's own figure, for the whole range and each bucket, equal to the same figures asked of the engine directly.
/// </summary>
public sealed class ComparisonBaseTests
{
    private static readonly MetricsEngine Engine = RandomHistoryPropertyTests.Build(7, "UTC");

    public static TheoryData<Interval, string, string> Ranges => new()
    {
        { Interval.Day, "2023-10-23", "2023-11-21" },
        { Interval.Month, "2022-11-22", "2023-11-21" },
        { Interval.Quarter, "2022-01-01", "2023-11-21" },
    };

    [Theory]
    [MemberData(nameof(Ranges))]
    public void Every_metrics_base_is_its_denominator_or_its_own_figure(Interval interval, string from, string to)
    {
        var (start, end) = (Scenario.D(from), Scenario.D(to));
        var days = end.DayNumber - start.DayNumber + 1;
        foreach (var metric in MetricCatalog.All)
        {
            var query = new MetricQuery(metric.Name, start, end, interval) { CompareToDays = days };
            var bases = Engine.ComparisonBases(query);
            var series = Engine.Query(query);
            Assert.Equal(series.Points.Count, bases.Points.Count);

            var (previousStart, previousEnd) = (start.AddDays(-days), end.AddDays(-days));
            Assert.Equal((previousStart, previousEnd), (bases.WholeRange.PreviousStart, bases.WholeRange.PreviousEnd));
            var (expectedPrevious, expectedCurrent) = Expected(metric.Name, previousStart, previousEnd, start, end);
            Assert.True(Math.Abs(expectedPrevious - bases.WholeRange.Previous) <= 1, $"{metric.Name}: previous {bases.WholeRange.Previous}, expected {expectedPrevious}");
            Assert.True(Math.Abs(expectedCurrent - bases.WholeRange.Current) <= 1, $"{metric.Name}: current {bases.WholeRange.Current}, expected {expectedCurrent}");
            Assert.Equal(bases.WholeRange.Name is null, !HasDenominator(metric.Name));
            Assert.True(bases.WholeRange.Unit is MetricUnit.Money or MetricUnit.Count, metric.Name);
        }
    }

    [Fact]
    public void A_daily_buckets_base_uses_its_trailing_window_and_a_query_that_does_not_compare_is_refused()
    {
        var (start, end) = (Scenario.D("2023-11-01"), Scenario.D("2023-11-21"));
        var bases = Engine.ComparisonBases(new MetricQuery("customer_churn_rate", start, end, Interval.Day) { CompareToDays = 21 });

        // Nov 21's window is Oct 23..Nov 21; 21 days earlier it is Oct 2..Oct 31, whose base is the customers at the end of Oct 1.
        var last = bases.Points[^1];
        Assert.Equal((Scenario.D("2023-10-02"), Scenario.D("2023-10-31")), (last.PreviousStart, last.PreviousEnd));
        Assert.Equal(Stock("active_customers", Scenario.D("2023-10-01")), last.Previous);
        Assert.Equal(Stock("active_customers", Scenario.D("2023-10-22")), last.Current);
        Assert.Throws<MetricQueryException>(() => Engine.ComparisonBases(new MetricQuery("mrr", start, end, Interval.Day)));
    }

    [Theory]
    [InlineData("mrr")]
    [InlineData("new_mrr")]
    [InlineData("active_customers")]
    public void A_daily_stock_or_flow_is_compared_with_its_own_day_not_a_trailing_window(string metric)
    {
        var (start, end) = (Scenario.D("2023-11-01"), Scenario.D("2023-11-21"));
        var query = new MetricQuery(metric, start, end, Interval.Day) { CompareToDays = 21 };
        var bases = Engine.ComparisonBases(query);
        var series = Engine.Query(query);

        // Nov 21 compares with Oct 31 alone: a stock or flow by day covers its day, whatever window a rate would take.
        var last = bases.Points[^1];
        Assert.Equal((Scenario.D("2023-10-31"), Scenario.D("2023-10-31")), (last.PreviousStart, last.PreviousEnd));
        Assert.Null(last.Name);
        Assert.Equal(Math.Abs(series.Points[^1].Previous?.Value ?? 0), last.Previous);
    }

    private static bool HasDenominator(string metric) => metric is "customer_churn_rate" or "revenue_churn_rate" or "net_mrr_churn_rate"
        or "mrr_growth_rate" or "quick_ratio" or "asp" or "trial_conversion_rate" or "arpu" or "ltv" or "nrr" or "grr";

    private static (decimal Previous, decimal Current) Expected(string metric, DateOnly previousStart, DateOnly previousEnd, DateOnly start, DateOnly end)
    {
        decimal Of(DateOnly a, DateOnly b) => metric switch
        {
            "customer_churn_rate" => Stock("active_customers", a.AddDays(-1)),
            "revenue_churn_rate" or "net_mrr_churn_rate" or "mrr_growth_rate" => Stock("mrr", a.AddDays(-1)),
            "quick_ratio" => -(Flow("churned_mrr", a, b) + Flow("contraction_mrr", a, b)),
            "asp" => Flow("new_customers", a, b),
            "trial_conversion_rate" => Flow("new_trials", a, b),
            "arpu" or "ltv" => Stock("active_customers", b),
            "nrr" or "grr" => Stock("mrr", b.AddDays(-365)),
            _ => Math.Abs(Engine.Query(new MetricQuery(metric, a, b, Interval.Year)).WholeRange!.Value ?? 0),
        };

        return (Of(previousStart, previousEnd), Of(start, end));
    }

    private static decimal Stock(string metric, DateOnly day) => Engine.Query(new MetricQuery(metric, day, day, Interval.Day)).Points[0].Value ?? 0;

    private static decimal Flow(string metric, DateOnly a, DateOnly b) => Engine.Query(new MetricQuery(metric, a, b, Interval.Year)).WholeRange!.Value ?? 0;
}
