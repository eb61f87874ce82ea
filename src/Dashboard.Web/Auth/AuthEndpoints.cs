using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;

namespace Dashboard.Web.Auth;

public static class AuthEndpoints
{
    /// <summary>
    /// <c>POST /signout</c> (a form with the antiforgery token, from the header's button): ends the session and
    /// returns to the sign-in page.
    /// </summary>
    public static IEndpointRouteBuilder MapDashboardAuth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/signout", async (SignInManager<IdentityUser> signIn) =>
            {
                await signIn.SignOutAsync();
                return Results.Redirect(AuthServiceCollectionExtensions.SignInPath);
            })
            .WithMetadata(new RequireAntiforgeryTokenAttribute())
            .AllowAnonymous()
            .ExcludeFromDescription();
        return endpoints;
    }
}
