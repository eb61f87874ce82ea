using System.Globalization;
using Dashboard.Core.Metrics;
using Dashboard.Core.Money;
using Dashboard.Core.Timelines;
using Dashboard.Web.Components.Controls;
using Dashboard.Web.Features.Metrics;
using Dashboard.Web.Services.Metrics;

namespace Dashboard.Web.Features.Overview;

/// <summary>What the Overview page renders, built from an <see cref="OverviewData"/> without any rendering.</summary>
public sealed class OverviewViewModel
{
    public const string DeltaCaption = "vs previous period";

    private OverviewViewModel(OverviewData data, IReadOnlyList<KpiCardModel> cards, MrrChartModel chart)
    {
        Data = data;
        Cards = cards;
        Chart = chart;
    }

    public OverviewData Data { get; }

    public bool HasData => Data.HasData;

    public string Currency => Data.Currency;

    /// <summary>"Nov 23, 2025 – Nov 22, 2026 · by month · UTC · USD".</summary>
    public string Subtitle =>
        $"{Data.Start.ToString("MMM d, yyyy", CultureInfo.InvariantCulture)} – {Data.End.ToString("MMM d, yyyy", CultureInfo.InvariantCulture)}"
        + $" · by {Intervals.Name(Data.Interval)} · {Data.TimeZone} · {Data.Currency}";

    public IReadOnlyList<KpiCardModel> Cards { get; }

    public MrrChartModel Chart { get; }

    /// <param name="data">The engine's series.</param>
    /// <param name="state">The view, carried into each card's link so the metric page opens on the same range and filters.</param>
    public static OverviewViewModel From(OverviewData data, MetricViewState state)
    {
        var query = state.ToQueryString();
        var style = CardStyle(data, OverviewMetrics.Cards.Select(c => c.Metric));
        var cards = OverviewMetrics.Cards
            .Select(card => WithGoal(Card(data, card.Metric, card.UpIs, $"metrics/{card.Metric}?{query}", style), data, query))
            .ToList();
        var chart = MrrChartModel.From(data);
        return new OverviewViewModel(data, cards, chart)
        {
            Markers = MrrChartModel.MarkersFor(data, chart),
            Forecast = data.Forecast is { } forecast ? OverviewForecastModel.From(forecast, query) : null,
        };
    }

    /// <summary>The forecast card for the view's filters; null when no forecast was computed.</summary>
    public OverviewForecastModel? Forecast { get; private init; }

    /// <summary>The MRR chart's annotations, placed in its buckets.</summary>
    public IReadOnlyList<AnnotationMarker> Markers { get; private init; } = [];

    /// <summary>The card with its goal's progress, and for editors a link to set or change the goal on the metric page.</summary>
    public static KpiCardModel WithGoal(KpiCardModel card, OverviewData data, string query)
    {
        var definition = MetricCatalog.Get(card.Metric);
        var progress = data.Goals.TryGetValue(card.Metric, out var goal)
            ? GoalProgress.Of(goal, data[card.Metric]?.WholeRange?.Value, definition.Unit, data.Currency)
            : null;
        return card with
        {
            Goal = progress?.Text,
            GoalPercent = progress?.Percent,
            GoalHref = data.CanEditNotes ? $"metrics/{card.Metric}?{query}&goal=new" : null,
        };
    }

    /// <summary>
    /// A card: the one figure for the whole range (metrics.md, "One figure for a whole range": a stock at the range's
    /// end, a flow summed over it, a rate over the whole range; the series' <c>WholeRange</c>, the API's
    /// <c>summary</c>), its change against the same figure for the previous period, and a sparkline of every bucket.
    /// </summary>
    /// <summary>
    /// One number style for the whole row of cards (docs/ui.md, "Number format"): whole units when any card's amount
    /// reaches 1,000, else every cent.
    /// </summary>
    public static NumberStyle CardStyle(OverviewData data, IEnumerable<string> metrics) => MetricValues.HeadlineStyle(
        metrics.Select(m => (data[m]?.WholeRange?.Value, MetricCatalog.Get(m).Unit)), data.Currency);

    public static KpiCardModel Card(OverviewData data, string metric, KpiTone upIs, string? href, NumberStyle style = NumberStyle.Exact)
    {
        var definition = MetricCatalog.Get(metric);
        var series = data[metric];
        var points = series?.Points ?? [];
        var whole = series?.WholeRange;
        var value = whole?.Value;
        var change = Change(data, metric);
        return new KpiCardModel(
            metric,
            Title(definition),
            MetricValues.Headline(value, definition.Unit, data.Currency, style),
            MetricValues.Raw(value),
            definition.Description,
            MetricValues.RangeCaption(definition.Kind, data.Start, data.End, data.Today),
            KpiDelta.From(change, upIs, DeltaCaption))
        {
            Href = href,
            NoComparison = change.NoComparison,
            SparklineLabel = SparklineLabel.For(points, data.Interval, data.Today),
            SparklinePartial = SparklineLabel.LastIsPartial(points, data.Interval, data.Today),
            CompactDisplay = MetricValues.Compact(value, definition.Unit, data.Currency),
            Sparkline = Sparkline.From(points.Select(p => p.Value).ToList()),
            SparkMarkers = SparklineMarkers.Place(
                data.CardAnnotations.Where(a => a.Global || a.Metric == metric),
                points,
                p => PeriodLabels.Bucket(p.Date, p.EndDate, data.Interval, data.Today)),
        };
    }

    /// <summary>The card's change against the previous period by the one rule of <see cref="PeriodComparison"/>, as the metric page's.</summary>
    public static PeriodChange Change(OverviewData data, string metric)
    {
        var whole = data[metric]?.WholeRange;
        return PeriodComparison.Of(MetricCatalog.Get(metric), data.Currency, data.FirstDataDay, whole?.Value, whole?.Previous,
            data.Bases.GetValueOrDefault(metric));
    }

    private static string Title(MetricDefinition metric) => metric.Name switch
    {
        "customer_churn_rate" => "Customer churn",
        "revenue_churn_rate" => "Revenue churn",
        "trial_conversion_rate" => "Trial conversion",
        _ => metric.Title,
    };

}
