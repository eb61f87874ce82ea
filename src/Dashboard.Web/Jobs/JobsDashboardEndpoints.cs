using Dashboard.Web.Auth;
using Hangfire;

namespace Dashboard.Web.Jobs;

public static class JobsDashboardEndpoints
{
    public const string Path = "/jobs";

    /// <summary>
    /// Hangfire's dashboard (queues, recurring syncs, failures and retries) at <c>/jobs</c>, for owners and admins: the
    /// endpoint carries the Manage policy like the Settings pages, and Hangfire's own filter checks it again.
    /// </summary>
    public static IEndpointRouteBuilder MapJobsDashboard(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHangfireDashboard(Path, new DashboardOptions
        {
            Authorization = [],
            AsyncAuthorization = [new ManagePolicyFilter()],
            AppPath = "/settings",
            DashboardTitle = "Background jobs",
            DisplayStorageConnectionString = false,
        }).RequireAuthorization(DashboardPolicies.Manage);
        return endpoints;
    }
}
