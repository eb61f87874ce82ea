using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;

namespace Dashboard.Web.Auth;

/// <summary>Authorization policy names of the UI (the REST API has its own, see ApiKeyAuthentication).</summary>
public static class DashboardPolicies
{
    /// <summary>Settings and user management: owners and admins.</summary>
    public const string Manage = "manage";

    public static void Add(AuthorizationOptions options)
    {
        options.AddPolicy(Manage, policy => policy
            .AddAuthenticationSchemes(IdentityConstants.ApplicationScheme)
            .RequireRole(DashboardRoles.Owner, DashboardRoles.Admin));

        // Whatever is not marked otherwise (pages, the Blazor hub, CSV exports) needs a signed-in user. Endpoints
        // with their own policy (the API) or [AllowAnonymous] (health, webhooks, assets, sign-in, setup) are unaffected.
        options.FallbackPolicy = new AuthorizationPolicyBuilder(IdentityConstants.ApplicationScheme)
            .RequireAuthenticatedUser()
            .Build();
    }
}
