using System.Globalization;
using Dashboard.Core.Metrics;
using Dashboard.Core.Money;

namespace Dashboard.Web.Features.Metrics;

/// <summary>Readable and raw text of metric values: money from integer minor units, percent and ratios as plain numbers.</summary>
public static class MetricValues
{
    /// <summary>Every digit: $1,234.56, 4.2 %, 1,234, 3.38; a dash when undefined (<see cref="NumberStyle.Exact"/>).</summary>
    public static string Full(decimal? value, MetricUnit unit, string currency) => NumberFormat.Metric(value, unit, currency);

    /// <summary>
    /// Abbreviated for a row of cards at phone width, one decimal for every abbreviated figure of the row: $79.0k,
    /// $947.7k, 4.2 %, 1,234 (<see cref="NumberStyle.CompactRow"/>).
    /// </summary>
    public static string Compact(decimal? value, MetricUnit unit, string currency) =>
        NumberFormat.Metric(value, unit, currency, NumberStyle.CompactRow);

    /// <summary>A value in the style its group of headline figures uses (<see cref="NumberFormat.HeadlineStyle"/>).</summary>
    public static string Headline(decimal? value, MetricUnit unit, string currency, NumberStyle style) =>
        NumberFormat.Metric(value, unit, currency, style);

    /// <summary>The style of a group of headline figures: whole units when any money value of the group reaches 1,000.</summary>
    public static NumberStyle HeadlineStyle(IEnumerable<(decimal? Value, MetricUnit Unit)> figures, string currency) =>
        NumberFormat.HeadlineStyle(figures.Where(f => f.Unit == MetricUnit.Money).Select(f => f.Value), currency);

    /// <summary>The raw value for data-value and CSV: minor units, counts, plain percent numbers; empty when undefined.</summary>
    public static string Raw(decimal? value) =>
        value is { } v ? v.ToString("0.####", CultureInfo.InvariantCulture) : string.Empty;

    /// <summary>A value for the chart's axis: money in major units, everything else as is.</summary>
    public static double Chart(decimal? value, MetricUnit unit, string currency) => value is not { } v
        ? 0
        : (double)(unit == MetricUnit.Money ? v / Currency.MinorPerMajor(currency) : v);

    public static string Label(DateOnly date, Interval interval) => interval switch
    {
        Interval.Year => date.ToString("yyyy", CultureInfo.InvariantCulture),
        Interval.Quarter => $"Q{((date.Month - 1) / 3) + 1} {date.Year}",
        Interval.Month => date.ToString("MMM yyyy", CultureInfo.InvariantCulture),
        _ => date.ToString("MMM d, yyyy", CultureInfo.InvariantCulture),
    };

    /// <summary>
    /// What one figure for the range is (metrics.md, "One figure for a whole range"): "Today" or "At the end of Dec 31,
    /// 2025" for a stock, "Total, Dec 8, 2025 – today" for a flow, "Over Dec 8, 2025 – today" for a rate.
    /// </summary>
    public static string RangeCaption(MetricKind kind, DateOnly start, DateOnly end, DateOnly? today) => kind switch
    {
        MetricKind.Stock => today == end ? "Today" : "At the end of " + end.ToString("MMM d, yyyy", CultureInfo.InvariantCulture),
        MetricKind.Flow => "Total, " + PeriodLabels.Range(start, end, today),
        _ => "Over " + PeriodLabels.Range(start, end, today),
    };

    public static string KindLabel(MetricKind kind) => kind switch
    {
        MetricKind.Stock => "Stock metrics (value at the end of the period)",
        MetricKind.Flow => "Flow metrics (sum over the period)",
        _ => "Window metrics (rates over the period)",
    };
}
