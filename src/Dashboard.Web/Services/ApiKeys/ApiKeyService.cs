using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Dashboard.Core.Billing;
using Dashboard.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Services.ApiKeys;

/// <summary>A key as lists show it: never the secret, only its prefix.</summary>
public sealed record ApiKeyInfo(
    long Id, string Name, string Prefix, ApiKeyScope Scope, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt, DateTimeOffset? LastUsedAt)
{
    public bool IsRevoked => RevokedAt is not null;

    public bool IsReadOnly => Scope == ApiKeyScope.ReadOnly;

    internal static ApiKeyInfo From(ApiKey key) =>
        new(key.Id, key.Name, key.Prefix, key.Scope, key.CreatedAt, key.RevokedAt, key.LastUsedAt);
}

/// <summary>How scopes read in lists, the command line and the docs: read-only, read-write, admin.</summary>
public static class ApiKeyScopes
{
    public static string Label(ApiKeyScope scope) => scope switch
    {
        ApiKeyScope.ReadOnly => "read-only",
        ApiKeyScope.ReadWrite => "read-write",
        ApiKeyScope.Admin => "admin",
        _ => scope.ToString(),
    };
}

/// <summary>A newly created key with its secret, which is shown this once and stored only as a hash.</summary>
public sealed record CreatedApiKey(ApiKeyInfo Key, string Secret);

/// <summary>The caller a valid secret identifies.</summary>
public sealed record ApiKeyIdentity(long Id, string Name, ApiKeyScope Scope);

/// <summary>
/// Creates, lists, revokes and checks REST API keys. A secret is 32 random bytes (base64url) behind a fixed marker;
/// the store keeps its SHA-256 (enough for a high-entropy secret) and the first characters for display. Valid keys are
/// cached for 10 seconds (unknown ones never); revoking through this service takes effect at once, through another
/// process (the command line) within those 10 seconds.
/// </summary>
public sealed class ApiKeyService(IDbContextFactory<DashboardDbContext> contextFactory, TimeProvider clock)
{
    public const string Marker = "dsk_";
    private const int PrefixLength = 12;
    private static readonly TimeSpan CacheLifetime = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, CachedKey> cache = new(StringComparer.Ordinal);

    /// <summary>A read-only or read-write key (see <see cref="CreateAsync(string, ApiKeyScope, CancellationToken)"/>).</summary>
    public Task<CreatedApiKey> CreateAsync(string name, bool readOnly, CancellationToken cancellationToken = default) =>
        CreateAsync(name, readOnly ? ApiKeyScope.ReadOnly : ApiKeyScope.ReadWrite, cancellationToken);

    public async Task<CreatedApiKey> CreateAsync(string name, ApiKeyScope scope, CancellationToken cancellationToken = default)
    {
        if (!Enum.IsDefined(scope))
        {
            throw new ArgumentOutOfRangeException(nameof(scope), scope, "Not an API key scope.");
        }

        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentException("A key needs a name.", nameof(name));
        }

        var secret = Marker + Base64Url(RandomNumberGenerator.GetBytes(32));
        var key = new ApiKey
        {
            Name = name.Trim(),
            Prefix = secret[..PrefixLength],
            KeyHash = Hash(secret),
            Scope = scope,
            CreatedAt = clock.GetUtcNow(),
        };
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        context.ApiKeys.Add(key);
        await context.SaveChangesAsync(cancellationToken);
        return new CreatedApiKey(ApiKeyInfo.From(key), secret);
    }

    public async Task<IReadOnlyList<ApiKeyInfo>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var keys = await context.ApiKeys.AsNoTracking().OrderBy(k => k.Id).ToListAsync(cancellationToken);
        return keys.Select(ApiKeyInfo.From).ToList();
    }

    /// <summary>Revokes a key; false when there is no such key. Revoking twice keeps the first instant.</summary>
    public async Task<bool> RevokeAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var key = await context.ApiKeys.SingleOrDefaultAsync(k => k.Id == id, cancellationToken);
        if (key is null)
        {
            return false;
        }

        key.RevokedAt ??= clock.GetUtcNow();
        await context.SaveChangesAsync(cancellationToken);
        cache.TryRemove(key.KeyHash, out _);
        return true;
    }

    /// <summary>The identity behind a secret when a recent check of it is cached (no store access), else null.</summary>
    public ApiKeyIdentity? FindCached(string secret)
    {
        if (string.IsNullOrWhiteSpace(secret) || !secret.StartsWith(Marker, StringComparison.Ordinal) || secret.Length > 200)
        {
            return null;
        }

        return cache.TryGetValue(Hash(secret), out var cached) && cached.Expires > clock.GetUtcNow() ? cached.Identity : null;
    }

    /// <summary>Keys whose check is cached: never more than the stored keys, whatever callers send.</summary>
    internal int CachedCount => cache.Count;

    /// <summary>The identity behind a secret, or null when it is unknown or revoked.</summary>
    public async Task<ApiKeyIdentity?> ValidateAsync(string secret, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(secret) || !secret.StartsWith(Marker, StringComparison.Ordinal) || secret.Length > 200)
        {
            return null;
        }

        var hash = Hash(secret);
        var now = clock.GetUtcNow();
        if (cache.TryGetValue(hash, out var cached) && cached.Expires > now)
        {
            return cached.Identity;
        }

        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var key = await context.ApiKeys.AsNoTracking().SingleOrDefaultAsync(k => k.KeyHash == hash, cancellationToken);
        ApiKeyIdentity? identity = key is null || key.RevokedAt is not null
            ? null
            : new ApiKeyIdentity(key.Id, key.Name, key.Scope);
        if (key is not null && identity is not null && (key.LastUsedAt is null || now - key.LastUsedAt >= LastUsedResolution))
        {
            await context.ApiKeys.Where(k => k.Id == key.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, now), cancellationToken);
        }

        // Only valid keys are cached: one entry per stored key at most, however many random keys callers try (those
        // are throttled per client instead, see ApiRateLimiting).
        if (identity is null)
        {
            cache.TryRemove(hash, out _);
        }
        else
        {
            cache[hash] = new CachedKey(identity, now + CacheLifetime);
        }

        return identity;
    }

    internal static string Hash(string secret) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private sealed record CachedKey(ApiKeyIdentity Identity, DateTimeOffset Expires);
}
