using Dashboard.Core.Metrics;

namespace Dashboard.Core.Tests.Metrics;

/// <summary>
/// metrics.md, "Window metrics": a rate's point says which window its value covers (<see cref="MetricPoint.WindowStart"/>):
/// the bucket itself, or by day the trailing 30 days; stocks and flows have none. Labels, exports and the API read it.
/// </summary>
public sealed class WindowStartTests
{
    private static readonly MetricsEngine Engine = RandomHistoryPropertyTests.Build(7, "UTC");

    [Theory]
    [InlineData(Interval.Day, "2023-10-23", "2023-11-21")]
    [InlineData(Interval.Week, "2023-08-22", "2023-11-21")]
    [InlineData(Interval.Month, "2022-11-22", "2023-11-21")]
    [InlineData(Interval.Quarter, "2022-01-01", "2023-11-21")]
    [InlineData(Interval.Year, "2022-03-15", "2023-11-21")]
    public void Rates_carry_the_window_their_value_covers(Interval interval, string from, string to)
    {
        var (start, end) = (Scenario.D(from), Scenario.D(to));
        foreach (var metric in MetricCatalog.All)
        {
            var series = Engine.Query(new MetricQuery(metric.Name, start, end, interval));
            if (metric.Kind != MetricKind.Window)
            {
                Assert.All(series.Points, p => Assert.Null(p.WindowStart));
                Assert.Null(series.WholeRange!.WindowStart);
                continue;
            }

            Assert.Equal(start, series.WholeRange!.WindowStart);
            foreach (var point in series.Points)
            {
                var expected = interval == Interval.Day ? point.EndDate.AddDays(1 - Bucket.DailyWindowDays) : point.Date;
                Assert.Equal(expected, point.WindowStart);
            }

            // The value is the metric over exactly that window, as a drill-down of it counts.
            foreach (var point in new[] { series.Points[0], series.Points[^1] })
            {
                Assert.Equal(Engine.DrillDown(metric.Name, point.WindowStart!.Value, point.EndDate).Value, point.Value);
            }
        }
    }
}
