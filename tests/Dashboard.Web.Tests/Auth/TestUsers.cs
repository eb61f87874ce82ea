using System.Security.Claims;
using Dashboard.Web.Api.Keys;
using Dashboard.Web.Auth;
using Microsoft.AspNetCore.Identity;

namespace Dashboard.Web.Tests.Auth;

/// <summary>A known principal acting in a service test (a signed-in role, or an API key), and the guard that sees it.</summary>
public sealed class KnownUser(ClaimsPrincipal user) : ICurrentUser
{
    public Task<ClaimsPrincipal> GetAsync() => Task.FromResult(user);
}

public static class TestUsers
{
    public static ClaimsPrincipal InRole(string role) => new(new ClaimsIdentity(
        [new Claim(ClaimTypes.NameIdentifier, role + "-id"), new Claim(ClaimTypes.Name, role + "@example.com"), new Claim(ClaimTypes.Role, role)],
        IdentityConstants.ApplicationScheme));

    /// <summary>A caller of the REST API with a key of the given access ("read" or "write").</summary>
    public static ClaimsPrincipal ApiKey(string access) => new(new ClaimsIdentity(
        [new Claim(ClaimTypes.Name, "key"), new Claim(ApiKeyAuthentication.KeyIdClaim, "1"), new Claim(ApiKeyAuthentication.AccessClaim, access)],
        ApiKeyAuthentication.Scheme));

    public static ClaimsPrincipal Anonymous { get; } = new(new ClaimsIdentity());

    public static AccessGuard Guard(ClaimsPrincipal user) => new(new KnownUser(user));

    /// <summary>The guard of an admin: what seeding test data through the services acts as.</summary>
    public static AccessGuard Admin => Guard(InRole(DashboardRoles.Admin));
}
