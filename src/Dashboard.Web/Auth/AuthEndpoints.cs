using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;

namespace Dashboard.Web.Auth;

public static class AuthEndpoints
{
    /// <summary>
    /// <c>POST /signout</c> (a form with the antiforgery token, from the header's button): ends the session and
    /// returns to the sign-in page. It also renews the account's security stamp, so a copy of the cookie taken before
    /// (another tab, another device, a stolen one) stops working on its next request.
    /// </summary>
    public static IEndpointRouteBuilder MapDashboardAuth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/signout", async (HttpContext context, IAntiforgery antiforgery, SignInManager<IdentityUser> signIn, UserManager<IdentityUser> users) =>
            {
                // The antiforgery middleware only records its verdict for endpoints that bind no form; act on it here.
                var verdict = context.Features.Get<IAntiforgeryValidationFeature>();
                if (verdict is { IsValid: false } || (verdict is null && !await antiforgery.IsRequestValidAsync(context)))
                {
                    return Results.BadRequest(new { error = "The sign-out form's antiforgery token is missing or invalid; reload the page." });
                }

                if (context.User.Identity?.IsAuthenticated == true && await users.GetUserAsync(context.User) is { } account)
                {
                    await users.UpdateSecurityStampAsync(account);
                }

                await signIn.SignOutAsync();
                return Results.Redirect(AuthServiceCollectionExtensions.SignInPath);
            })
            .WithMetadata(new RequireAntiforgeryTokenAttribute())
            .AllowAnonymous()
            .ExcludeFromDescription();
        return endpoints;
    }
}
