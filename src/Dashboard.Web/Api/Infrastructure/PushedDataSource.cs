using Dashboard.Core.Billing;
using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Sources;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Api.Infrastructure;

/// <summary>
/// Baremetrics' clients look up the source whose provider is <c>baremetrics</c> and push their data into it. Ours is the
/// oldest <c>api</c> source. While there is none, <c>GET /sources</c> lists a placeholder whose id is
/// <see cref="Alias"/> (a read never writes); the first write to <c>/baremetrics/...</c> creates the source, named
/// <see cref="Name"/>. The alias keeps naming the oldest <c>api</c> source after that.
/// </summary>
public sealed class PushedDataSource(SourceCatalog catalog)
{
    /// <summary>The <c>{source_id}</c> that names the pushed-data source, whichever id it has (or will have).</summary>
    public const string Alias = ApiSources.PushedDataProvider;

    /// <summary>The name of the source created by the first write through <see cref="Alias"/>.</summary>
    public const string Name = "Baremetrics";

    /// <summary>The id a read through <see cref="Alias"/> uses while no such source exists: no source has it, so nothing is found.</summary>
    public const long None = 0;

    /// <summary>What <see cref="BodySourceIdConverter"/> reads <see cref="Alias"/> as, until <see cref="ResolveAsync"/> replaces it.</summary>
    public const long AliasId = -1;

    private readonly SemaphoreSlim creating = new(1, 1);

    public static bool IsAlias(string sourceId) => string.Equals(sourceId, Alias, StringComparison.OrdinalIgnoreCase);

    /// <summary>The oldest <c>api</c> source's id, or null when there is none.</summary>
    public static Task<long?> FindAsync(DashboardDbContext db, CancellationToken cancellationToken) =>
        db.Sources.AsNoTracking().Where(s => s.Provider == SourceProvider.Api).OrderBy(s => s.Id).Select(s => (long?)s.Id).FirstOrDefaultAsync(cancellationToken);

    /// <summary>
    /// A body's <c>source_id</c> with <see cref="AliasId"/> replaced by the pushed-data source's id (<see cref="None"/>
    /// while there is none, so nothing matches it); other values as they are.
    /// </summary>
    public static async Task<long?> ResolveAsync(DashboardDbContext db, long? sourceId, CancellationToken cancellationToken) =>
        sourceId == AliasId ? await FindAsync(db, cancellationToken) ?? None : sourceId;

    /// <summary>The oldest <c>api</c> source's id; creates the source first when there is none (one creator at a time).</summary>
    public async Task<long> EnsureAsync(DashboardDbContext db, CancellationToken cancellationToken)
    {
        if (await FindAsync(db, cancellationToken) is { } existing)
        {
            return existing;
        }

        await creating.WaitAsync(cancellationToken);
        try
        {
            return await FindAsync(db, cancellationToken) ?? (await catalog.CreateAsync(Name, SourceProvider.Api, cancellationToken)).Id;
        }
        finally
        {
            creating.Release();
        }
    }
}
