using System.Text.Json.Serialization;
using Dashboard.Web.Api.Infrastructure;
using Dashboard.Web.Services.ApiKeys;
using Dashboard.Web.Services.Audit;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Dashboard.Web.Api.Keys;

/// <summary>
/// <c>GET /api/v1/api_keys</c> and <c>DELETE /api/v1/api_keys/{id}</c>: list and revoke API keys, with an admin key
/// only (<see cref="ApiKeyAuthentication.AdminPolicy"/>). Keys are created on the command line or in Settings, where the
/// secret can be shown once to a person.
/// </summary>
public static class ApiKeyEndpoints
{
    public static void MapApiKeys(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/api_keys").WithTags("API keys").RequireAuthorization(ApiKeyAuthentication.AdminPolicy)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapGet("/", ListAsync);
        group.MapDelete("/{id}", RevokeAsync);
    }

    private static async Task<ApiOk<ApiKeysResponse>> ListAsync(ApiKeyService keys, CancellationToken cancellationToken) =>
        new(new ApiKeysResponse((await keys.ListAsync(cancellationToken)).Select(ApiKeyDto.From).ToList()));

    private static async Task<Results<ApiOk<ApiKeyEnvelope>, NotFoundProblem>> RevokeAsync(
        string id, HttpContext http, ApiKeyService keys, IAuditLog audit, CancellationToken cancellationToken)
    {
        if (!long.TryParse(id, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var key)
            || !await keys.RevokeAsync(key, cancellationToken))
        {
            return ApiProblems.NotFound("id", $"no API key has the id '{id}'");
        }

        var revoked = (await keys.ListAsync(cancellationToken)).Single(k => k.Id == key);
        await audit.RecordAsync(AuditActor.From(http.User, AuditActor.AddressOf(http)), AuditActions.ApiKeyRevoked,
            $"{revoked.Name} ({revoked.Prefix})", cancellationToken);
        return new ApiOk<ApiKeyEnvelope>(new ApiKeyEnvelope(ApiKeyDto.From(revoked)));
    }
}

/// <summary>A key as the API lists it: never the secret; instants in unix seconds, as everywhere in the API.</summary>
public sealed record ApiKeyDto(
    long Id,
    string Name,
    string Prefix,
    string Scope,
    [property: JsonPropertyName("created_at")] long CreatedAt,
    [property: JsonPropertyName("last_used_at")] long? LastUsedAt,
    [property: JsonPropertyName("revoked_at")] long? RevokedAt)
{
    public static ApiKeyDto From(ApiKeyInfo key) =>
        new(key.Id, key.Name, key.Prefix, ApiKeyScopes.Label(key.Scope), key.CreatedAt.ToUnixTimeSeconds(),
            key.LastUsedAt?.ToUnixTimeSeconds(), key.RevokedAt?.ToUnixTimeSeconds());
}

public sealed record ApiKeysResponse(IReadOnlyList<ApiKeyDto> ApiKeys);

public sealed record ApiKeyEnvelope(ApiKeyDto ApiKey);
