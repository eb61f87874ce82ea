using System.Globalization;
using Dashboard.Core.Metrics;
using Dashboard.Web.Services.Metrics;

namespace Dashboard.Web.Features.Metrics;

/// <summary>One bucket of the metric table and chart.</summary>
public sealed record MetricRow(
    DateOnly Date,
    DateOnly EndDate,
    string Label,
    decimal? Value,
    string Display,
    double ChartValue,
    decimal? PreviousValue,
    string PreviousDisplay,
    double PreviousChartValue,
    string Change)
{
    /// <summary>The short name on the chart's category axis ("Dec 7–31", "Nov 30").</summary>
    public string AxisLabel { get; init; } = Label;

    /// <summary>"Dec 2025: $12,345.67", what the chart's tooltip says ("30 days to Dec 6, 2026: 4.9 %" for a daily rate).</summary>
    public string Tooltip { get; init; } = Label + ": " + Display;

    /// <summary>The first day of the window a rate covers (<see cref="MetricPoint.WindowStart"/>); null for stocks and flows.</summary>
    public DateOnly? WindowStart { get; init; }

    /// <summary>Why the bucket shows no change against the previous period (the table cell's title); null when it has one or the page does not compare.</summary>
    public string? NoComparison { get; init; }
}

/// <summary>What the metric page shows, built from the engine's series without rendering.</summary>
public sealed record MetricPageModel(
    MetricDefinition Metric,
    string Currency,
    DateOnly Start,
    DateOnly End,
    Interval Interval,
    bool Compare,
    IReadOnlyList<MetricRow> Rows)
{
    /// <summary>
    /// The one figure for the whole range (metrics.md, "One figure for a whole range"), as the Overview's card and the
    /// API's <c>summary</c> show it: a stock at the range's end, a flow summed over it, a rate over the whole range.
    /// </summary>
    public decimal? Current { get; init; }

    /// <summary>The previous period's figure for the whole range, when comparing.</summary>
    public PreviousValue? CurrentPrevious { get; init; }

    /// <summary>What <see cref="Current"/> is: "Today", "Total, Dec 8, 2025 – today", "Over Dec 8, 2025 – today".</summary>
    public string CurrentCaption { get; init; } = string.Empty;

    public string CurrentRaw => MetricValues.Raw(Current);

    /// <summary>
    /// The headline's change against the previous period by the Overview cards' rule (<see cref="PeriodComparison"/>):
    /// "+4.2 %" or "-2.1 pts", or why there is none; empty when not comparing.
    /// </summary>
    public PeriodChange CurrentChange { get; init; } = PeriodChange.NotCompared;

    /// <summary>"+4.2 % vs the previous period" when comparing and there is a change to show.</summary>
    public string? CurrentDelta => CurrentChange.Amount is null ? null : CurrentChange.Signed + " vs the previous period";

    /// <summary>The category axis text of a bucket's full label (the chart's categories are the unique full labels).</summary>
    public string AxisLabel(object category) =>
        Rows.FirstOrDefault(r => Equals(r.Label, category))?.AxisLabel ?? category?.ToString() ?? string.Empty;

    public string CurrentDisplay => MetricValues.Full(Current, Metric.Unit, Currency);

    /// <summary><c>2026-10-01=7000;2026-11-01=6000</c>, as the Overview chart carries.</summary>
    public string SeriesAttribute => string.Join(';', Rows.Select(r => MetricViewState.Day(r.Date) + "=" + MetricValues.Raw(r.Value)));

    public string RangeText => $"{Start.ToString("MMM d, yyyy", CultureInfo.InvariantCulture)} – {End.ToString("MMM d, yyyy", CultureInfo.InvariantCulture)}";

    public static MetricPageModel From(MetricViewData data, bool compare)
    {
        var unit = data.Metric.Unit;
        var rows = data.Series.Points.Select((p, i) =>
        {
            var previous = p.Previous?.Value;
            var rowChange = compare
                ? PeriodComparison.Of(data.Metric, data.Currency, data.FirstDataDay, p.Value, p.Previous, data.Bases?.Points.ElementAtOrDefault(i))
                : PeriodChange.NotCompared;
            var change = rowChange.Amount is not null ? rowChange.Signed : compare ? "–" : string.Empty;
            var label = PeriodLabels.Point(p, data.Interval, data.Today);
            var display = MetricValues.Full(p.Value, unit, data.Currency);
            return new MetricRow(p.Date, p.EndDate, label, p.Value, display, MetricValues.Chart(p.Value, unit, data.Currency),
                previous, compare ? MetricValues.Full(previous, unit, data.Currency) : string.Empty,
                MetricValues.Chart(previous, unit, data.Currency), change)
            {
                AxisLabel = PeriodLabels.Axis(p.Date, p.EndDate, data.Interval, data.Today),
                WindowStart = p.WindowStart,
                Tooltip = compare ? $"{label}: {display} (previous period {MetricValues.Full(previous, unit, data.Currency)})" : $"{label}: {display}",
                NoComparison = rowChange.NoComparison,
            };
        }).ToList();
        return new MetricPageModel(data.Metric, data.Currency, data.Start, data.End, data.Interval, compare, rows)
        {
            Current = data.Series.WholeRange?.Value,
            CurrentPrevious = data.Series.WholeRange?.Previous,
            CurrentChange = compare
                ? PeriodComparison.Of(data.Metric, data.Currency, data.FirstDataDay, data.Series.WholeRange?.Value, data.Series.WholeRange?.Previous,
                    data.Bases?.WholeRange)
                : PeriodChange.NotCompared,
            CurrentCaption = MetricValues.RangeCaption(data.Metric.Kind, data.Start, data.End, data.Today),
        };
    }
}

/// <summary>One customer behind a clicked value.</summary>
public sealed record DrillDownRow(long CustomerId, string Customer, string? Email, decimal Contribution, string ContributionDisplay, string Movements)
{
    /// <summary>The customer's id in its source (Stripe's cus_…).</summary>
    public string ExternalId { get; init; } = string.Empty;
}

/// <summary>The drill-down list: rows whose contributions sum to <see cref="Total"/> (the value for sums and counts).</summary>
public sealed record DrillDownView(string Title, MetricUnit Unit, decimal? Value, string ValueDisplay, decimal Total, string TotalDisplay,
    bool TotalIsValue, IReadOnlyList<DrillDownRow> Rows)
{
    /// <summary>The drilled window's first day (the clicked bucket's start, or its trailing window's).</summary>
    public DateOnly Start { get; init; }

    /// <summary>The drilled window's last day.</summary>
    public DateOnly End { get; init; }

    /// <summary>The rows' unit: the metric's own for sums and counts, the numerator's (money or count) for rates.</summary>
    public MetricUnit ContributionUnit { get; init; }

    public string Currency { get; init; } = string.Empty;

    public static DrillDownView From(DrillDownResult result, MetricDefinition metric, string label)
    {
        // Contributions of rates are counts or money behind the numerator; sums and counts are the value's own unit.
        var contributionUnit = metric.Unit is MetricUnit.Percent or MetricUnit.Ratio ? ContributionUnitOf(metric.Name) : metric.Unit;
        var rows = result.Customers.Select(c => new DrillDownRow(
            c.CustomerId,
            string.IsNullOrWhiteSpace(c.Name) ? c.ExternalId : c.Name!,
            c.Email,
            c.Contribution,
            MetricValues.Full(c.Contribution, contributionUnit, result.Currency),
            string.Join(", ", c.Movements.Select(m => $"{m.Kind} {MetricValues.Full(m.Amount, MetricUnit.Money, result.Currency)} on {m.Date.ToString("MMM d", CultureInfo.InvariantCulture)}")))
        {
            ExternalId = c.ExternalId,
        })
            .ToList();
        return new DrillDownView(label, metric.Unit, result.Value, MetricValues.Full(result.Value, metric.Unit, result.Currency),
            result.Numerator, MetricValues.Full(result.Numerator, contributionUnit, result.Currency), metric.IsSum, rows)
        {
            Start = result.Start,
            End = result.End,
            ContributionUnit = contributionUnit,
            Currency = result.Currency,
        };
    }

    private static MetricUnit ContributionUnitOf(string metric) =>
        metric is "customer_churn_rate" or "trial_conversion_rate" ? MetricUnit.Count : MetricUnit.Money;
}
