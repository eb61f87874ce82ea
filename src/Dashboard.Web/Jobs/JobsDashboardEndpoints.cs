using Hangfire;

namespace Dashboard.Web.Jobs;

public static class JobsDashboardEndpoints
{
    public const string Path = "/jobs";

    /// <summary>Hangfire's dashboard (queues, recurring syncs, failures and retries) at <c>/jobs</c>, for owners and admins.</summary>
    public static IEndpointRouteBuilder MapJobsDashboard(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHangfireDashboard(Path, new DashboardOptions
        {
            Authorization = [],
            AsyncAuthorization = [new ManagePolicyFilter()],
            AppPath = "/settings",
            DashboardTitle = "Background jobs",
            DisplayStorageConnectionString = false,
        });
        return endpoints;
    }
}
