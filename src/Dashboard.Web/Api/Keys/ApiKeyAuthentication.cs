using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Dashboard.Web.Services.ApiKeys;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Api.Keys;

/// <summary>The API's authentication scheme and policies: a bearer key; writes need a key that is not read-only.</summary>
public static class ApiKeyAuthentication
{
    public const string Scheme = "DashboardApiKey";
    public const string ReadPolicy = "DashboardApiRead";
    public const string WritePolicy = "DashboardApiWrite";

    /// <summary>
    /// Admin keys only (the audit log). A key is admin when its access claim says so; key scopes decide that, and until
    /// a key can be given the admin scope no key passes this policy.
    /// </summary>
    public const string AdminPolicy = "ApiAdmin";
    public const string AccessClaim = "dashboard_api_access";
    public const string KeyIdClaim = "dashboard_api_key_id";

    public static void AddPolicies(AuthorizationOptions options)
    {
        options.AddPolicy(ReadPolicy, policy => policy.AddAuthenticationSchemes(Scheme).RequireAuthenticatedUser());
        options.AddPolicy(WritePolicy, policy => policy.AddAuthenticationSchemes(Scheme).RequireAuthenticatedUser()
            .RequireClaim(AccessClaim, "write"));
        options.AddPolicy(AdminPolicy, policy => policy.AddAuthenticationSchemes(Scheme).RequireAuthenticatedUser()
            .RequireClaim(AccessClaim, "admin"));
    }

    /// <summary>The key id of an authenticated API caller (the rate limiter's partition).</summary>
    public static string? KeyId(ClaimsPrincipal user) => user.FindFirst(KeyIdClaim)?.Value;
}

/// <summary>Checks <c>Authorization: Bearer &lt;key&gt;</c>; answers 401 and 403 as problem details.</summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyService keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private const string FailureItem = "DashboardApiKeyFailure";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrWhiteSpace(header))
        {
            return AuthenticateResult.NoResult();
        }

        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return Fail("the Authorization header must read 'Bearer <key>'");
        }

        var identity = await keys.ValidateAsync(header["Bearer ".Length..].Trim(), Context.RequestAborted);
        if (identity is null)
        {
            return Fail("the API key is unknown or revoked");
        }

        var claims = new[]
        {
            new Claim(ClaimTypes.Name, identity.Name),
            new Claim(ApiKeyAuthentication.KeyIdClaim, identity.Id.ToString(CultureInfo.InvariantCulture)),
            new Claim(ApiKeyAuthentication.AccessClaim, identity.IsReadOnly ? "read" : "write"),
        };
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme.Name));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var reason = Context.Items[FailureItem] as string ?? "an API key is required: send 'Authorization: Bearer <key>'";
        Response.Headers.WWWAuthenticate = "Bearer";
        await Results.Problem(
                statusCode: StatusCodes.Status401Unauthorized,
                title: "Authentication is required.",
                detail: reason,
                extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { ["authorization"] = [reason] } })
            .ExecuteAsync(Context);
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        var needsAdmin = Context.GetEndpoint()?.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => a.Policy == ApiKeyAuthentication.AdminPolicy) == true;
        var reason = needsAdmin ? "this endpoint needs an admin API key" : "this API key is read-only; writes need a read-write key";
        await Results.Problem(
                statusCode: StatusCodes.Status403Forbidden,
                title: "The API key may not do this.",
                detail: reason,
                extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { ["authorization"] = [reason] } })
            .ExecuteAsync(Context);
    }

    private AuthenticateResult Fail(string reason)
    {
        Context.Items[FailureItem] = reason;
        return AuthenticateResult.Fail(reason);
    }
}
