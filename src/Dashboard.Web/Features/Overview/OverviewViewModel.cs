using System.Globalization;
using Dashboard.Core.Metrics;
using Dashboard.Core.Timelines;
using Dashboard.Web.Components.Controls;
using Dashboard.Web.Features.Metrics;

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
        var cards = OverviewMetrics.Cards
            .Select(card => Card(data, card.Metric, card.UpIs, $"metrics/{card.Metric}?{query}"))
            .ToList();
        return new OverviewViewModel(data, cards, MrrChartModel.From(data));
    }

    /// <summary>
    /// A card: the series' last bucket (the number <c>GET /api/v1/metrics/{metric}</c> ends with for the same query), its
    /// change against the previous period's same bucket, and a sparkline of every bucket.
    /// </summary>
    public static KpiCardModel Card(OverviewData data, string metric, KpiTone upIs, string? href)
    {
        var definition = MetricCatalog.Get(metric);
        var points = data[metric]?.Points ?? [];
        var last = points.Count > 0 ? points[^1] : null;
        var value = last?.Value;
        return new KpiCardModel(
            metric,
            Title(definition),
            MetricValues.Compact(value, definition.Unit, data.Currency),
            MetricValues.Raw(value),
            definition.Description,
            Caption(definition, data.Interval),
            KpiDelta.From(last?.Previous, upIs, DeltaCaption))
        {
            Href = href,
            Sparkline = Sparkline.From(points.Select(p => p.Value).ToList()),
        };
    }

    private static string Title(MetricDefinition metric) => metric.Name switch
    {
        "customer_churn_rate" => "Customer churn",
        "revenue_churn_rate" => "Revenue churn",
        "trial_conversion_rate" => "Trial conversion",
        _ => metric.Title,
    };

    /// <summary>What the value is when there is no change to show: "At the end of the range", "This month so far".</summary>
    private static string Caption(MetricDefinition metric, Interval interval) => metric.Kind == MetricKind.Stock
        ? "At the end of the range"
        : $"Last {Intervals.Name(interval)} of the range";
}
