using Dashboard.Core.Metrics;
using Dashboard.Web.Features.Metrics;

namespace Dashboard.Web.Features.Overview;

/// <summary>
/// What a card's sparkline shows, as its accessible name ("Monthly values, Dec 8–31, 2025 to Dec 1–7, so far"; a daily
/// rate says its window: "Daily values over the trailing 30 days, Nov 8, 2026 to Dec 7, so far"), and
/// whether its last bucket is still running (drawn dashed, docs/ui.md "Headline numbers").
/// </summary>
public static class SparklineLabel
{
    /// <summary>The sparkline's name from its first and last buckets; null without buckets.</summary>
    public static string? For(IReadOnlyList<MetricPoint> points, Interval interval, DateOnly? today)
    {
        if (points.Count == 0)
        {
            return null;
        }

        var first = PeriodLabels.Bucket(points[0].Date, points[0].EndDate, interval, today);
        var last = PeriodLabels.Bucket(points[^1].Date, points[^1].EndDate, interval, today);
        var values = interval switch
        {
            Interval.Day => "Daily values",
            Interval.Week => "Weekly values",
            Interval.Quarter => "Quarterly values",
            Interval.Year => "Yearly values",
            _ => "Monthly values",
        };
        if (points[0].WindowStart is { } windowStart && windowStart < points[0].Date)
        {
            // A daily rate: each point covers the trailing days up to its own (metrics.md, "Window metrics").
            var days = points[0].EndDate.DayNumber - windowStart.DayNumber + 1;
            values += $" over the trailing {days.ToString(System.Globalization.CultureInfo.InvariantCulture)} days";
        }

        return points.Count == 1 ? $"{values}, {first}" : $"{values}, {first} to {last}";
    }

    /// <summary>True when the last bucket is still running today and has a value, so the line's last segment is drawn as partial.</summary>
    public static bool LastIsPartial(IReadOnlyList<MetricPoint> points, Interval interval, DateOnly? today) =>
        points.Count > 0 && points[^1].Value is not null && PeriodLabels.IsSoFar(points[^1].Date, points[^1].EndDate, interval, today);
}
