using Dashboard.Web.Auth;
using Hangfire.Dashboard;

namespace Dashboard.Web.Jobs;

/// <summary>
/// Lets owners and admins, signed in with the dashboard's cookie, into Hangfire's dashboard. Anonymous visitors never
/// get here (the fallback policy sends them to sign in); Hangfire answers 403 to anyone else signed in.
/// </summary>
public sealed class OwnersAndAdminsFilter : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context)
    {
        var user = context.GetHttpContext().User;
        return user.Identity?.IsAuthenticated == true
            && (user.IsInRole(DashboardRoles.Owner) || user.IsInRole(DashboardRoles.Admin));
    }
}
