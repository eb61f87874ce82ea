namespace Dashboard.Web.Features.Overview;

/// <summary>
/// The numbers the Overview page shows, computed by the metrics engine (<see cref="EngineOverviewMetrics"/>).
/// </summary>
public interface IOverviewMetrics
{
    /// <summary>Today's KPIs and the monthly MRR series of the last <paramref name="months"/> months (this one included).</summary>
    Task<OverviewModel> GetOverviewAsync(int months, CancellationToken cancellationToken);
}
