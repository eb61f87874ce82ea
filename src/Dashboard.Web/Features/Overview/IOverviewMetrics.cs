namespace Dashboard.Web.Features.Overview;

/// <summary>
/// The numbers the Overview page shows. <see cref="OverviewQuery"/> computes them straight from the store for now;
/// the metrics engine replaces it by registering another implementation.
/// </summary>
public interface IOverviewMetrics
{
    /// <summary>Today's KPIs and the monthly MRR series of the last <paramref name="months"/> months (this one included).</summary>
    Task<OverviewModel> GetOverviewAsync(int months, CancellationToken cancellationToken);
}
