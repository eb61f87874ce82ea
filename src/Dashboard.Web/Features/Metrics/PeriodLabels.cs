using System.Globalization;
using Dashboard.Core.Metrics;

namespace Dashboard.Web.Features.Metrics;

/// <summary>
/// Names of buckets and ranges that say which days they cover: a whole calendar period by its name ("Dec 2025",
/// "Q4 2025"), a bucket the range cuts by its real dates ("Dec 7–31, 2025"), and a period still running today as such
/// ("Dec 1–7, so far"). The first and last buckets of a range are the ones that can be cut (docs/ui.md, "Headline numbers").
/// </summary>
public static class PeriodLabels
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>True when start..end is a whole calendar period of the interval (a whole month for interval month).</summary>
    public static bool IsWhole(DateOnly start, DateOnly end, Interval interval)
    {
        var periodStart = Intervals.PeriodStart(start, interval);
        return periodStart == start && Intervals.NextPeriodStart(periodStart, interval).AddDays(-1) == end;
    }

    /// <summary>
    /// True when the bucket's period is still running: it reaches <paramref name="today"/> before its calendar period
    /// ends (a day bucket that is today is running too). Null <paramref name="today"/>: never.
    /// </summary>
    public static bool IsSoFar(DateOnly start, DateOnly end, Interval interval, DateOnly? today) =>
        today is { } t && end >= t && start <= t
        && (interval == Interval.Day || Intervals.NextPeriodStart(Intervals.PeriodStart(start, interval), interval).AddDays(-1) > t);

    /// <summary>The bucket's full name, for tables, tooltips and drill-down titles.</summary>
    public static string Bucket(DateOnly start, DateOnly end, Interval interval, DateOnly? today)
    {
        if (IsSoFar(start, end, interval, today))
        {
            return Span(start, end, withYear: start.Year != today!.Value.Year || end.Year != start.Year) + ", so far";
        }

        if (!IsWhole(start, end, interval))
        {
            return Span(start, end, withYear: true);
        }

        return interval switch
        {
            Interval.Year => start.ToString("yyyy", Invariant),
            Interval.Quarter => $"Q{((start.Month - 1) / 3) + 1} {start.Year}",
            Interval.Month => start.ToString("MMM yyyy", Invariant),
            Interval.Week => Span(start, end, withYear: true),
            _ => start.ToString("MMM d, yyyy", Invariant),
        };
    }

    /// <summary>
    /// A point's full name: its bucket's (<see cref="Bucket(DateOnly, DateOnly, Interval, DateOnly?)"/>), or for a rate
    /// whose window reaches back before the bucket (by day, the trailing 30 days) the window it covers: "30 days to
    /// Dec 6, 2026", "30 days to Dec 7, so far" (docs/ui.md, "Headline numbers").
    /// </summary>
    public static string Point(MetricPoint point, Interval interval, DateOnly? today) =>
        point.WindowStart is { } windowStart && windowStart < point.Date
            ? Window(windowStart, point.EndDate, today)
            : Bucket(point.Date, point.EndDate, interval, today);

    /// <summary>"30 days to Dec 6, 2026": a trailing window by its length and last day ("so far" when that is today).</summary>
    public static string Window(DateOnly windowStart, DateOnly end, DateOnly? today)
    {
        var days = end.DayNumber - windowStart.DayNumber + 1;
        var last = today is { } t && end == t
            ? end.ToString("MMM d", Invariant) + ", so far"
            : end.ToString("MMM d, yyyy", Invariant);
        return $"{days.ToString(Invariant)} {(days == 1 ? "day" : "days")} to {last}";
    }

    /// <summary>
    /// A short name for a chart's category axis: "Dec 2025", "Dec 7–31", "Nov 30", "Q4 2025". A whole week is named by its
    /// Monday; a week the range cuts or that is still running by the days it holds ("Dec 1–3", "Dec 7").
    /// </summary>
    public static string Axis(DateOnly start, DateOnly end, Interval interval, DateOnly? today)
    {
        if (interval == Interval.Day || (interval == Interval.Week && IsWhole(start, end, interval)))
        {
            return start.ToString("MMM d", Invariant);
        }

        if (!IsWhole(start, end, interval) || IsSoFar(start, end, interval, today))
        {
            return Span(start, end, withYear: false);
        }

        return Bucket(start, end, interval, today);
    }

    /// <summary>A whole range: "Dec 8, 2025 – Dec 7, 2026", or "Dec 8, 2025 – today" when it ends today.</summary>
    public static string Range(DateOnly start, DateOnly end, DateOnly? today)
    {
        if (today is { } t && end == t)
        {
            return start == end ? "today" : start.ToString("MMM d, yyyy", Invariant) + " – today";
        }

        return start == end ? start.ToString("MMM d, yyyy", Invariant) : Span(start, end, withYear: true);
    }

    /// <summary>"Dec 7–31, 2025", "Nov 23 – Dec 6, 2026", "Dec 28, 2025 – Jan 3, 2026" (without the year when asked).</summary>
    public static string Span(DateOnly start, DateOnly end, bool withYear)
    {
        var year = withYear ? ", " + end.Year.ToString(Invariant) : string.Empty;
        if (start == end)
        {
            return start.ToString("MMM d", Invariant) + year;
        }

        if (start.Year != end.Year)
        {
            return withYear
                ? $"{start.ToString("MMM d, yyyy", Invariant)} – {end.ToString("MMM d, yyyy", Invariant)}"
                : $"{start.ToString("MMM d", Invariant)} – {end.ToString("MMM d", Invariant)}";
        }

        return start.Month == end.Month
            ? $"{start.ToString("MMM d", Invariant)}–{end.Day.ToString(Invariant)}{year}"
            : $"{start.ToString("MMM d", Invariant)} – {end.ToString("MMM d", Invariant)}{year}";
    }
}
