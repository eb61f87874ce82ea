using System.Globalization;
using Dashboard.Core.Metrics;
using Dashboard.Web.Components.Controls;
using Dashboard.Web.Features.Metrics;

namespace Dashboard.Web.Features.Segments;

/// <summary>One compared segment's series, as the engine returned it for the segment's filters.</summary>
/// <param name="Key">"segment:3" or "group:plan:eq:basic", unique in the view.</param>
/// <param name="Name">The segment's name, or the group's filters.</param>
/// <param name="Filters">The filters applied.</param>
public sealed record CompareSeries(string Key, string Name, IReadOnlyList<string> Filters, MetricSeries Series)
{
    /// <summary>How many customers the filters keep; zero makes the page say so instead of showing a flat line.</summary>
    public int Customers { get; init; } = -1;
}

/// <summary>One chart point of one series.</summary>
public sealed record ComparePoint(string Label, double Value)
{
    /// <summary>The formatted value the chart's tooltip shows.</summary>
    public string Display { get; init; } = string.Empty;

    /// <summary>The segment's name, for the tooltip.</summary>
    public string Series { get; init; } = string.Empty;

    /// <summary>The short name on the chart's category axis ("Dec 7–31", "Nov 30"); <see cref="Label"/> is the full one.</summary>
    public string AxisLabel { get; init; } = Label;
}

/// <summary>One bucket of the table: a value per series, in series order.</summary>
public sealed record CompareRow(DateOnly Date, string Label, IReadOnlyList<decimal?> Values, IReadOnlyList<string> Displays);

/// <summary>What the compare view shows, built without rendering: a chart series, a table column and a card per segment.</summary>
public sealed record CompareModel(
    MetricDefinition Metric,
    string Currency,
    DateOnly Start,
    DateOnly End,
    Interval Interval,
    IReadOnlyList<CompareSeries> Series,
    IReadOnlyList<CompareRow> Rows,
    IReadOnlyList<IReadOnlyList<ComparePoint>> Chart,
    IReadOnlyList<KpiCardModel> Cards)
{
    /// <summary>The category axis text of a bucket's full label (the chart's categories are the unique full labels).</summary>
    public string AxisLabel(object category) =>
        Chart.SelectMany(points => points).FirstOrDefault(p => Equals(p.Label, category))?.AxisLabel ?? category?.ToString() ?? string.Empty;

    public string RangeText =>
        $"{Start.ToString("MMM d, yyyy", CultureInfo.InvariantCulture)} – {End.ToString("MMM d, yyyy", CultureInfo.InvariantCulture)} · by {Intervals.Name(Interval)}";

    public static CompareModel From(MetricDefinition metric, string currency, DateOnly start, DateOnly end, Interval interval,
        IReadOnlyList<CompareSeries> series, Func<string, string>? describe = null, DateOnly? today = null)
    {
        var buckets = series.Count == 0 ? [] : series[0].Series.Points;
        var rows = buckets.Select((bucket, i) =>
        {
            var values = series.Select(s => i < s.Series.Points.Count ? s.Series.Points[i].Value : null).ToList();
            return new CompareRow(bucket.Date, PeriodLabels.Point(bucket, interval, today), values,
                values.Select(v => MetricValues.Full(v, metric.Unit, currency)).ToList());
        }).ToList();
        var chart = series
            .Select(s => (IReadOnlyList<ComparePoint>)s.Series.Points
                .Where(p => p.Value is not null)
                .Select(p => new ComparePoint(PeriodLabels.Point(p, interval, today), MetricValues.Chart(p.Value, metric.Unit, currency))
                {
                    AxisLabel = PeriodLabels.Axis(p.Date, p.EndDate, interval, today),
                    Display = MetricValues.Full(p.Value, metric.Unit, currency),
                    Series = s.Name,
                })
                .ToList())
            .ToList();
        var cardStyle = MetricValues.HeadlineStyle(series.Select(s => (s.Series.WholeRange?.Value, metric.Unit)), currency);
        var cards = series.Select(s =>
        {
            // The one figure for the whole range, as the Overview's cards show it (docs/ui.md, "Headline numbers").
            var value = s.Series.WholeRange?.Value;
            return new KpiCardModel(metric.Name, s.Name, MetricValues.Headline(value, metric.Unit, currency, cardStyle), MetricValues.Raw(value),
                string.Join(" AND ", s.Filters), s.Filters.Count == 0 ? "All customers" : string.Join(" · ", s.Filters.Select(describe ?? (f => f))))
            {
                CompactDisplay = MetricValues.Compact(value, metric.Unit, currency),
                Sparkline = Sparkline.From(s.Series.Points.Select(p => p.Value).ToList()),
            };
        }).ToList();
        return new CompareModel(metric, currency, start, end, interval, series, rows, chart, cards);
    }
}
