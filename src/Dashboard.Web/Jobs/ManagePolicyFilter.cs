using Dashboard.Web.Auth;
using Hangfire.Dashboard;
using Microsoft.AspNetCore.Authorization;

namespace Dashboard.Web.Jobs;

/// <summary>
/// Lets into Hangfire's dashboard whoever the <see cref="DashboardPolicies.Manage"/> policy admits (owners and admins,
/// signed in with the dashboard's cookie). Anonymous visitors never get here (the fallback policy sends them to sign
/// in); Hangfire answers 403 to anyone else signed in.
/// </summary>
public sealed class ManagePolicyFilter : IDashboardAsyncAuthorizationFilter
{
    public async Task<bool> AuthorizeAsync(DashboardContext context)
    {
        var http = context.GetHttpContext();
        var authorization = http.RequestServices.GetRequiredService<IAuthorizationService>();
        return (await authorization.AuthorizeAsync(http.User, DashboardPolicies.Manage)).Succeeded;
    }
}
