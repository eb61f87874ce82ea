using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;

namespace Dashboard.Web.Auth;

/// <summary>Who is acting in the current scope: the signed-in user of a page or circuit, or the caller of an endpoint.</summary>
public interface ICurrentUser
{
    Task<ClaimsPrincipal> GetAsync();
}

/// <summary>
/// The user as the circuit sees it now (its authentication state, which <see cref="SessionRevalidatingStateProvider"/>
/// turns anonymous once the session ends), or, for a plain HTTP endpoint such as the REST API, where no circuit state
/// was ever set, the request's user. Nobody (an anonymous principal) when neither exists.
/// </summary>
public sealed class CurrentUser(AuthenticationStateProvider states, IHttpContextAccessor http) : ICurrentUser
{
    private static readonly ClaimsPrincipal Nobody = new(new ClaimsIdentity());

    public async Task<ClaimsPrincipal> GetAsync()
    {
        try
        {
            return (await states.GetAuthenticationStateAsync()).User;
        }
        catch (InvalidOperationException)
        {
            // The server provider throws until a component render or circuit has set its state: an endpoint's scope.
            return http.HttpContext?.User ?? Nobody;
        }
    }
}
