using Dashboard.Web.Features.Metrics;

namespace Dashboard.Web.Features.Overview;

/// <summary>
/// The numbers the Overview page shows, computed by the metrics engine (<see cref="EngineOverviewMetrics"/>).
/// </summary>
public interface IOverviewMetrics
{
    /// <summary>
    /// Every KPI series and the MRR movements for the view's range, interval and filters.
    /// Throws <see cref="Dashboard.Core.Metrics.MetricQueryException"/> for a bad filter or an unknown segment.
    /// </summary>
    Task<OverviewData> GetOverviewAsync(MetricViewState state, CancellationToken cancellationToken);

    /// <summary>Adds a note on the MRR chart; answers the errors by field, none when stored.</summary>
    Task<IReadOnlyDictionary<string, string[]>> AnnotateAsync(DateOnly? date, string? text, CancellationToken cancellationToken) =>
        throw new NotSupportedException("These Overview metrics cannot store annotations.");
}
