using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Dashboard.Core.Billing;
using Dashboard.Web.Services.ApiKeys;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Api.Keys;

/// <summary>
/// The API's authentication scheme and policies: a bearer key of a scope. Every endpoint needs a key
/// (<see cref="ReadPolicy"/>); writes need a read-write or admin key (<see cref="WritePolicy"/>); admin endpoints
/// (keys, the audit log) need an admin key (<see cref="AdminPolicy"/>).
/// </summary>
public static class ApiKeyAuthentication
{
    public const string Scheme = "DashboardApiKey";
    public const string ReadPolicy = "DashboardApiRead";
    public const string WritePolicy = "DashboardApiWrite";
    public const string AdminPolicy = "ApiAdmin";
    public const string AccessClaim = "dashboard_api_access";
    public const string KeyIdClaim = "dashboard_api_key_id";

    public static void AddPolicies(AuthorizationOptions options)
    {
        options.AddPolicy(ReadPolicy, policy => policy.AddAuthenticationSchemes(Scheme).RequireAuthenticatedUser());
        options.AddPolicy(WritePolicy, policy => policy.AddAuthenticationSchemes(Scheme).RequireAuthenticatedUser()
            .RequireClaim(AccessClaim, AccessOf(ApiKeyScope.ReadWrite), AccessOf(ApiKeyScope.Admin)));
        options.AddPolicy(AdminPolicy, policy => policy.AddAuthenticationSchemes(Scheme).RequireAuthenticatedUser()
            .RequireClaim(AccessClaim, AccessOf(ApiKeyScope.Admin)));
    }

    /// <summary>The access claim's value for a scope: read, write or admin.</summary>
    public static string AccessOf(ApiKeyScope scope) => scope switch
    {
        ApiKeyScope.ReadOnly => "read",
        ApiKeyScope.ReadWrite => "write",
        ApiKeyScope.Admin => "admin",
        _ => throw new ArgumentOutOfRangeException(nameof(scope), scope, null),
    };

    /// <summary>The key id of an authenticated API caller (the rate limiter's partition).</summary>
    public static string? KeyId(ClaimsPrincipal user) => user.FindFirst(KeyIdClaim)?.Value;
}

/// <summary>Checks <c>Authorization: Bearer &lt;key&gt;</c>; answers 401 and 403 as problem details.</summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyService keys, InvalidKeyThrottle throttle)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private const string FailureItem = "DashboardApiKeyFailure";
    private const string RetryAfterItem = "DashboardApiKeyRetryAfter";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrWhiteSpace(header))
        {
            return AuthenticateResult.NoResult();
        }

        var client = Context.Connection.RemoteIpAddress;
        var secret = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
        var identity = secret is null ? null : keys.FindCached(secret);
        if (identity is null)
        {
            // A client that keeps sending bad keys is refused before its next key reaches the store.
            if (throttle.IsLimited(client, out var retryAfter))
            {
                Context.Items[RetryAfterItem] = retryAfter;
                return Fail("too many requests with invalid API keys from this client");
            }

            identity = secret is null ? null : await keys.ValidateAsync(secret, Context.RequestAborted);
            if (identity is null)
            {
                throttle.RecordFailure(client);
                return Fail(secret is null ? "the Authorization header must read 'Bearer <key>'" : "the API key is unknown or revoked");
            }
        }

        var claims = new[]
        {
            new Claim(ClaimTypes.Name, identity.Name),
            new Claim(ApiKeyAuthentication.KeyIdClaim, identity.Id.ToString(CultureInfo.InvariantCulture)),
            new Claim(ApiKeyAuthentication.AccessClaim, ApiKeyAuthentication.AccessOf(identity.Scope)),
        };
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme.Name));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (Context.Items[RetryAfterItem] is TimeSpan retryAfter)
        {
            var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
            Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            await Results.Problem(
                    statusCode: StatusCodes.Status429TooManyRequests,
                    title: "Too many requests.",
                    detail: $"Too many requests with invalid API keys came from this client; retry after {seconds} second(s).")
                .ExecuteAsync(Context);
            return;
        }

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
        var needsAdmin = Context.GetEndpoint()?.Metadata.GetOrderedMetadata<IAuthorizeData>()
            .Any(a => a.Policy == ApiKeyAuthentication.AdminPolicy) == true;
        var reason = needsAdmin
            ? "this endpoint needs an admin API key"
            : "this API key is read-only; writes need a read-write key";
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
