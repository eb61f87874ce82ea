namespace Dashboard.Core.Metrics;

public enum Interval
{
    Day,
    Week,
    Month,
    Quarter,
    Year,
}

public static class Intervals
{
    public static Interval Parse(string text) => text.Trim().ToLowerInvariant() switch
    {
        "day" => Interval.Day,
        "week" => Interval.Week,
        "month" => Interval.Month,
        "quarter" => Interval.Quarter,
        "year" => Interval.Year,
        _ => throw new MetricQueryException("interval", $"Unknown interval '{text}'. Use day, week, month, quarter or year."),
    };

    public static string Name(Interval interval) => interval.ToString().ToLowerInvariant();

    /// <summary>The first day of the calendar period (ISO week from Monday) that contains <paramref name="date"/>.</summary>
    public static DateOnly PeriodStart(DateOnly date, Interval interval) => interval switch
    {
        Interval.Day => date,
        Interval.Week => date.AddDays(-(((int)date.DayOfWeek + 6) % 7)),
        Interval.Month => new DateOnly(date.Year, date.Month, 1),
        Interval.Quarter => new DateOnly(date.Year, ((date.Month - 1) / 3 * 3) + 1, 1),
        _ => new DateOnly(date.Year, 1, 1),
    };

    public static DateOnly NextPeriodStart(DateOnly periodStart, Interval interval) => interval switch
    {
        Interval.Day => periodStart.AddDays(1),
        Interval.Week => periodStart.AddDays(7),
        Interval.Month => periodStart.AddMonths(1),
        Interval.Quarter => periodStart.AddMonths(3),
        _ => periodStart.AddYears(1),
    };
}

/// <summary>
/// One bucket: the days <see cref="Start"/>..<see cref="End"/> (both included, clipped to the query range) and the
/// window its window metrics use, <see cref="WindowStart"/>..<see cref="End"/> (the bucket itself, or the trailing
/// 30 days for interval day).
/// </summary>
public readonly record struct Bucket(DateOnly Start, DateOnly End, DateOnly WindowStart)
{
    public const int DailyWindowDays = 30;

    internal MetricWindow Window => new(Start.DayNumber, End.DayNumber, WindowStart.DayNumber);

    /// <summary>The whole range start..end as one bucket whose window is the range itself (a KPI card, a range summary).</summary>
    public static Bucket WholeRange(DateOnly start, DateOnly end) => new(start, end, start);

    public Bucket Shift(int days) => new(Start.AddDays(-days), End.AddDays(-days), WindowStart.AddDays(-days));

    /// <summary>Buckets of a query, clipped to <paramref name="start"/> and <paramref name="end"/>.</summary>
    public static List<Bucket> Plan(DateOnly start, DateOnly end, Interval interval)
    {
        var buckets = new List<Bucket>();
        var periodStart = Intervals.PeriodStart(start, interval);
        while (periodStart <= end)
        {
            var next = Intervals.NextPeriodStart(periodStart, interval);
            var a = periodStart < start ? start : periodStart;
            var b = next.AddDays(-1) > end ? end : next.AddDays(-1);
            buckets.Add(new Bucket(a, b, interval == Interval.Day ? b.AddDays(1 - DailyWindowDays) : a));
            periodStart = next;
        }

        return buckets;
    }
}

/// <summary>A bucket as day numbers: stock at <see cref="End"/>, flows over Start..End, windows over WindowStart..End.</summary>
internal readonly record struct MetricWindow(int Start, int End, int WindowStart);
