using Dashboard.Core.Metrics;
using Dashboard.Core.Segments;

namespace Dashboard.Core.Tests.Metrics;

/// <summary>
/// metrics.md, "One figure for a whole range": a stock at the end of the range, a flow summed over it, a window metric
/// with the whole range as its window, the same in a query's <see cref="MetricSeries.WholeRange"/> and the range summary.
/// </summary>
public sealed class WholeRangeTests
{
    private static readonly MetricsEngine Engine = RandomHistoryPropertyTests.Build(7, "UTC");

    public static TheoryData<Interval, string, string> Ranges => new()
    {
        { Interval.Day, "2023-10-23", "2023-11-21" },      // 30 days by day
        { Interval.Week, "2023-08-22", "2023-11-21" },     // 3 months by week
        { Interval.Month, "2022-11-22", "2023-11-21" },    // 12 months by month: the first and last months are partial
        { Interval.Month, "2023-01-01", "2023-11-21" },    // year to date
        { Interval.Quarter, "2022-01-01", "2023-11-21" },
        { Interval.Year, "2022-03-15", "2023-11-21" },
    };

    [Theory]
    [MemberData(nameof(Ranges))]
    public void Every_metric_has_one_figure_for_the_range_by_its_kind(Interval interval, string from, string to)
    {
        var (start, end) = (Scenario.D(from), Scenario.D(to));
        var days = end.DayNumber - start.DayNumber + 1;
        var summary = Engine.RangeSummary(start, end, compareToDays: days).ToDictionary(i => i.Metric);
        foreach (var metric in MetricCatalog.All)
        {
            var series = Engine.Query(new MetricQuery(metric.Name, start, end, interval) { CompareToDays = days });
            var whole = series.WholeRange!;
            Assert.Equal((start, end), (whole.Date, whole.EndDate));
            Assert.Equal(summary[metric.Name].Value, whole.Value);
            Assert.Equal(summary[metric.Name].Previous, whole.Previous);
            Assert.Equal(Engine.DrillDown(metric.Name, start, end).Value, whole.Value);

            var points = series.Points.Select(p => p.Value ?? 0).ToList();
            switch (metric.Kind)
            {
                case MetricKind.Stock:
                    Assert.Equal(series.Points[^1].Value, whole.Value);
                    break;
                case MetricKind.Flow when metric.Unit == MetricUnit.Money && metric.Name.EndsWith("_mrr", StringComparison.Ordinal):
                    // Each bucket is its exact sum rounded once, so the buckets' sum may differ by half a cent each.
                    Assert.InRange(points.Sum() - whole.Value!.Value, -points.Count / 2m, points.Count / 2m);
                    break;
                case MetricKind.Flow:
                    Assert.Equal(points.Sum(), whole.Value);
                    break;
                default:
                    // The window is the whole range: one bucket from start to end, however the series is cut.
                    var single = Engine.Query(new MetricQuery(metric.Name, start, end, Interval.Year)).Points;
                    if (single.Count == 1)
                    {
                        Assert.Equal(single[0].Value, whole.Value);
                    }

                    break;
            }

            var previous = Engine.RangeSummary(start.AddDays(-days), end.AddDays(-days)).Single(i => i.Metric == metric.Name);
            Assert.Equal(previous.Value, whole.Previous!.Value);
        }
    }

    [Fact]
    public void Over_the_last_30_days_a_rate_equals_the_daily_series_value_of_the_last_day()
    {
        var (start, end) = (Scenario.D("2023-10-23"), Scenario.D("2023-11-21"));
        foreach (var metric in MetricCatalog.All.Where(m => m.Kind == MetricKind.Window))
        {
            var series = Engine.Query(new MetricQuery(metric.Name, start, end, Interval.Day));
            Assert.Equal(series.Points[^1].Value, series.WholeRange!.Value);
        }
    }

    [Fact]
    public void A_rate_over_twelve_months_is_not_the_rate_of_its_last_month()
    {
        var (start, end) = (Scenario.D("2022-11-22"), Scenario.D("2023-11-21"));
        var churn = Engine.Query(new MetricQuery("churned_customers", start, end, Interval.Month));
        var rate = Engine.Query(new MetricQuery("customer_churn_rate", start, end, Interval.Month));
        Assert.Equal(churn.Points.Sum(p => p.Value), churn.WholeRange!.Value);
        Assert.True(rate.WholeRange!.Value > rate.Points[^1].Value, $"{rate.WholeRange.Value} over the year vs {rate.Points[^1].Value} in the last bucket");
    }

    [Fact]
    public void The_range_summary_follows_the_segment()
    {
        var (start, end) = (Scenario.D("2023-01-01"), Scenario.D("2023-06-30"));
        SegmentFilter[] filters = [SegmentFilter.Parse("country:eq:US")];
        var summary = Engine.RangeSummary(start, end, filters).ToDictionary(i => i.Metric, i => i.Value);
        Assert.Equal(Engine.Query(new MetricQuery("net_revenue", start, end, Interval.Month) { Filters = filters }).WholeRange!.Value, summary["net_revenue"]);
        Assert.NotEqual(Engine.RangeSummary(start, end).Single(i => i.Metric == "net_revenue").Value, summary["net_revenue"]);
    }
}
