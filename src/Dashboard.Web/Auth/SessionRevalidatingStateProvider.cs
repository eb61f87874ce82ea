using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Auth;

/// <summary>
/// The authentication state of a Blazor circuit, re-checked every <see cref="SessionRules.CircuitRevalidationInterval"/>:
/// once the account is deleted or its security stamp changed (sign-out, role or password change) the circuit's user
/// becomes anonymous, and the router sends the tab to sign in.
/// </summary>
public sealed class SessionRevalidatingStateProvider(
    ILoggerFactory loggerFactory, IServiceScopeFactory scopes, IOptions<IdentityOptions> identity)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => SessionRules.CircuitRevalidationInterval;

    protected override Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken) =>
        IsStillValidAsync(authenticationState.User, cancellationToken);

    /// <summary>True while the account behind <paramref name="user"/> exists and its security stamp is the one signed in with.</summary>
    public async Task<bool> IsStillValidAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (user.Identity?.IsAuthenticated != true)
        {
            return true;
        }

        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        cancellationToken.ThrowIfCancellationRequested();
        var account = await users.GetUserAsync(user);
        if (account is null)
        {
            return false;
        }

        var signedInWith = user.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType);
        return signedInWith is not null && signedInWith == await users.GetSecurityStampAsync(account);
    }
}
