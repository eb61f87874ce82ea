using Dashboard.Core.Segments;
using Dashboard.Core.Trials;

namespace Dashboard.Web.Services.Metrics;

/// <summary>A trial funnel with the range and filters it was computed for.</summary>
public sealed record TrialFunnelData(DateOnly Start, DateOnly End, IReadOnlyList<SegmentFilter> Filters, TrialFunnel Funnel, string Currency);

/// <summary>
/// The trial funnel (docs/metrics.md, "Trial funnel") for a view's range, saved segment and filters: the Trials page
/// and <c>GET /api/v1/metrics/trial_funnel</c> both call it.
/// </summary>
public sealed class TrialFunnelService(MetricQueryService metrics)
{
    /// <summary>The funnel of a view's selection (range resolved against today and the data).</summary>
    public async Task<TrialFunnelData> FunnelAsync(IMetricSelection selection, CancellationToken cancellationToken)
    {
        var engine = await metrics.EngineAsync(cancellationToken);
        var (start, end) = metrics.Range(engine, selection);
        return await FunnelAsync(start, end, await metrics.FiltersAsync(selection, cancellationToken), cancellationToken);
    }

    /// <summary>The funnel of the trials started in start..end, as they stand at its end.</summary>
    public async Task<TrialFunnelData> FunnelAsync(DateOnly start, DateOnly end, IReadOnlyList<SegmentFilter> filters, CancellationToken cancellationToken)
    {
        var engine = await metrics.EngineAsync(cancellationToken);
        return new TrialFunnelData(start, end, filters, TrialFunnels.Compute(engine, start, end, filters), engine.ReportingCurrency);
    }
}
