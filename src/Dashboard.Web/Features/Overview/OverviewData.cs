using Dashboard.Core.Metrics;
using Dashboard.Core.Segments;
using Dashboard.Web.Services.Metrics;
using Dashboard.Web.Services.Segments;

namespace Dashboard.Web.Features.Overview;

/// <summary>
/// The Overview's raw numbers for one view (range, interval, filters): one engine series per metric, exactly as
/// <c>GET /api/v1/metrics/{metric}</c> returns them for the same query. KPI series carry the previous period (the same
/// number of days just before the range) on each point.
/// </summary>
/// <param name="Currency">The reporting currency (ISO 4217); money values are its integer minor units.</param>
/// <param name="Start">First day of the range.</param>
/// <param name="End">Last day of the range.</param>
/// <param name="Interval">The bucket size.</param>
/// <param name="HasData">False when the store has no customers at all (the page shows how to get data in).</param>
/// <param name="Series">The series by metric API name: the KPI metrics and the MRR movements.</param>
/// <param name="Problems">Data problems the numbers exclude (e.g. a missing exchange rate), to show rather than hide.</param>
public sealed record OverviewData(
    string Currency,
    DateOnly Start,
    DateOnly End,
    Interval Interval,
    bool HasData,
    IReadOnlyDictionary<string, MetricSeries> Series,
    IReadOnlyList<string> Problems)
{
    /// <summary>Today in the reporting time zone, so a bucket still running is labelled "so far"; null when unknown.</summary>
    public DateOnly? Today { get; init; }

    /// <summary>The IANA reporting time zone whose calendar days the numbers use.</summary>
    public string TimeZone { get; init; } = "UTC";

    /// <summary>The first day any customer has data; a card compares with the previous period only when it starts on or after it.</summary>
    public DateOnly? FirstDataDay { get; init; }

    /// <summary>
    /// Each card's comparison base for the whole range and the previous period (the engine's
    /// <c>ComparisonBases</c>), by metric; a card without one shows no change (docs/ui.md, "Headline numbers").
    /// </summary>
    public IReadOnlyDictionary<string, ComparisonBase> Bases { get; init; } = new Dictionary<string, ComparisonBase>();

    /// <summary>The segment filters applied (saved segment first), empty for all customers.</summary>
    public IReadOnlyList<SegmentFilter> Filters { get; init; } = [];

    /// <summary>The MRR chart's annotations (the mrr metric's and global ones) dated within the range.</summary>
    public IReadOnlyList<Dashboard.Core.Billing.Annotation> Annotations { get; init; } = [];

    /// <summary>The annotations of the card metrics and the global ones dated within the range, for the cards' sparklines.</summary>
    public IReadOnlyList<Dashboard.Core.Billing.Annotation> CardAnnotations { get; init; } = [];

    /// <summary>The goal each card shows, by metric (cards without a goal are absent).</summary>
    public IReadOnlyDictionary<string, Dashboard.Core.Billing.Goal> Goals { get; init; } = new Dictionary<string, Dashboard.Core.Billing.Goal>();

    /// <summary>The forecast for these filters (docs/metrics.md, "Forecasts"); null when none was computed.</summary>
    public Dashboard.Core.Forecasts.Forecast? Forecast { get; init; }

    /// <summary>Whether the signed-in user may set goals and annotate (edit-data rights).</summary>
    public bool CanEditNotes { get; init; }

    /// <summary>True when filters or a saved segment are applied and keep no customer (the page says so instead of showing zeros).</summary>
    public bool MatchesNobody { get; init; }

    /// <summary>The filter builder's fields (built-in and attribute keys).</summary>
    public IReadOnlyList<string> Fields { get; init; } = FilterFields.Fixed;

    /// <summary>The saved segments the filter builder offers.</summary>
    public IReadOnlyList<Web.Services.Segments.SavedSegment> Segments { get; init; } = [];

    public MetricSeries? this[string metric] => Series.TryGetValue(metric, out var series) ? series : null;
}
