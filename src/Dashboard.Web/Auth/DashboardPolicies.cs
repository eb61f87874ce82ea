using System.Security.Claims;
using Dashboard.Web.Api.Keys;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;

namespace Dashboard.Web.Auth;

/// <summary>
/// Authorization policy names of the UI (the REST API has its own, see ApiKeyAuthentication) and the role rules behind
/// them. Pages and endpoints name a policy; services and component actions check the same rules through
/// <see cref="AccessGuard"/>, so a page that forgets a check still cannot write.
/// </summary>
public static class DashboardPolicies
{
    /// <summary>Reading the dashboard (pages, CSV downloads of metrics, the Blazor hub): any signed-in account with a role.</summary>
    public const string Read = "read";

    /// <summary>Import, saved-segment edits, Settings (sources, exchange rates, API keys, users, jobs): owners and admins.</summary>
    public const string Manage = "manage";

    /// <summary>
    /// Writes to billing data or saved segments from a service: an owner or admin signed in, or an API key allowed to
    /// write (the API's own write policy admitted the request already).
    /// </summary>
    public const string EditData = "edit-data";

    public static void Add(AuthorizationOptions options)
    {
        options.AddPolicy(Read, policy => policy
            .AddAuthenticationSchemes(IdentityConstants.ApplicationScheme)
            .RequireAssertion(context => CanRead(context.User)));
        options.AddPolicy(Manage, policy => policy
            .AddAuthenticationSchemes(IdentityConstants.ApplicationScheme)
            .RequireAssertion(context => CanManage(context.User)));
        options.AddPolicy(EditData, policy => policy.RequireAssertion(context => CanEditData(context.User)));

        // Whatever is not marked otherwise needs a signed-in user with a role. Every page and endpoint also states its
        // rule explicitly (the route matrix test fails for one that does not); this only catches a slip.
        options.FallbackPolicy = new AuthorizationPolicyBuilder(IdentityConstants.ApplicationScheme)
            .RequireAssertion(context => CanRead(context.User))
            .Build();
    }

    /// <summary>Signed in with one of the dashboard's roles (an API key has no role and is not an account).</summary>
    public static bool CanRead(ClaimsPrincipal user) =>
        IsSignedIn(user) && DashboardRoles.All.Any(user.IsInRole);

    public static bool CanManage(ClaimsPrincipal user) =>
        IsSignedIn(user) && (user.IsInRole(DashboardRoles.Owner) || user.IsInRole(DashboardRoles.Admin));

    public static bool CanEditData(ClaimsPrincipal user) =>
        CanManage(user) || user.Identities.Any(identity =>
            identity.IsAuthenticated
            && identity.AuthenticationType == ApiKeyAuthentication.Scheme
            && identity.HasClaim(c => c.Type == ApiKeyAuthentication.AccessClaim && c.Value is "write" or "admin"));

    private static bool IsSignedIn(ClaimsPrincipal user) => user.Identity?.IsAuthenticated == true;
}
