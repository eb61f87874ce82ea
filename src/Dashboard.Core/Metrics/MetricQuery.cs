using Dashboard.Core.Segments;

namespace Dashboard.Core.Metrics;

/// <summary>GET /metrics/{metric}: one metric over start..end (both included) per interval bucket.</summary>
public sealed record MetricQuery(string Metric, DateOnly Start, DateOnly End, Interval Interval = Interval.Month)
{
    /// <summary>Segment filters, joined by AND.</summary>
    public IReadOnlyList<SegmentFilter> Filters { get; init; } = [];

    /// <summary>When set, each point also carries the value of the bucket this many days earlier.</summary>
    public int? CompareToDays { get; init; }
}

/// <summary>
/// A metric's points. Values are rounded for output: money in integer minor units of <see cref="Currency"/>,
/// counts as integers, percent (5.9 = 5.9 %) and ratios with 4 decimals; null where undefined (never NaN).
/// </summary>
public sealed record MetricSeries(string Metric, MetricUnit Unit, string Currency, Interval Interval, IReadOnlyList<MetricPoint> Points)
{
    /// <summary>
    /// One figure for the whole range (metrics.md, "One figure for a whole range"): a stock at the end of the range, a
    /// flow summed over it, a window metric with the whole range as its window; with the previous period when the query
    /// compares. This is what a KPI card, a range summary and an export's headline show.
    /// </summary>
    public MetricPoint? WholeRange { get; init; }
}

/// <summary>One bucket: <see cref="Date"/> is its first day inside the query range.</summary>
public sealed record MetricPoint(DateOnly Date, DateOnly EndDate, decimal? Value, PreviousValue? Previous = null)
{
    /// <summary>
    /// For a window metric (a rate), the first day of the window its value covers, which ends on <see cref="EndDate"/>:
    /// the bucket's own first day, or by day the first of the trailing 30 days (metrics.md, "Window metrics"), so before
    /// <see cref="Date"/>. Null for stocks and flows.
    /// </summary>
    public DateOnly? WindowStart { get; init; }
}

/// <summary>The value of the bucket N days earlier and the change to it in percent (null when it was 0 or undefined).</summary>
public sealed record PreviousValue(decimal? Value, decimal? Percent)
{
    /// <summary>The previous value and the change from it to <paramref name="current"/>: (current - previous) / |previous| * 100, to 4 places.</summary>
    public static PreviousValue Of(decimal? current, decimal? previous) => new(
        previous,
        current is { } v && previous is { } p && p != 0 ? Math.Round((v - p) * 100m / Math.Abs(p), 4, MidpointRounding.AwayFromZero) : null);
}

/// <summary>One metric of the summary (GET /metrics?date=).</summary>
public sealed record SummaryItem(string Metric, string Title, MetricUnit Unit, decimal? Value, PreviousValue? Previous = null);

/// <summary>Every metric's value on one day of a summary range.</summary>
public sealed record SummaryDay(DateOnly Date, IReadOnlyList<SummaryItem> Items);
