using Dashboard.Core.Forecasts;
using Dashboard.Core.Segments;

namespace Dashboard.Web.Services.Metrics;

/// <summary>
/// MRR and active customers for the next twelve months (docs/metrics.md, "Forecasts"), for a saved segment and
/// filters: the metric pages and <c>GET /api/v1/metrics/forecast</c> both call it.
/// </summary>
public sealed class ForecastService(MetricQueryService metrics)
{
    /// <summary>The forecast from the <paramref name="historyMonths"/> complete months before today.</summary>
    /// <exception cref="Dashboard.Core.Metrics.MetricQueryException">Bad month count, filter or segment.</exception>
    public async Task<Forecast> ForecastAsync(long? segmentId, IEnumerable<string?> filters, int historyMonths, CancellationToken cancellationToken) =>
        await ForecastAsync(await metrics.FiltersAsync(segmentId, filters, cancellationToken), historyMonths, cancellationToken);

    /// <summary>The forecast for filters already resolved (a saved segment's joined with the page's own).</summary>
    public async Task<Forecast> ForecastAsync(IReadOnlyList<SegmentFilter> filters, int historyMonths, CancellationToken cancellationToken)
    {
        var engine = await metrics.EngineAsync(cancellationToken);
        return EngineForecast.Compute(engine, metrics.Today(engine), filters, historyMonths);
    }
}
