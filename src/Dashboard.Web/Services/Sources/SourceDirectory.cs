using Dashboard.Core.Billing;
using Dashboard.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Services.Sources;

/// <summary>A source as pickers and notes show it.</summary>
public sealed record SourceSummary(long Id, string Name, SourceProvider Provider);

/// <summary>A source as the Sources page lists it: what was imported from it and its newest sync errors.</summary>
public sealed record SourceActivity(
    long Id,
    string Name,
    SourceProvider Provider,
    bool CanSync,
    DateTimeOffset? LastSyncedAt,
    long Customers,
    long Subscriptions,
    long Charges,
    long ErrorCount,
    IReadOnlyList<SyncErrorRow> RecentErrors);

/// <summary>One object a sync could not import.</summary>
public sealed record SyncErrorRow(string Kind, string ExternalId, string Message, DateTimeOffset OccurredAt);

/// <summary>The sources data comes from, for the pages that name, pick or list them; each call uses its own short-lived context.</summary>
public sealed class SourceDirectory(IDbContextFactory<DashboardDbContext> contexts)
{
    /// <summary>Every source, by name.</summary>
    public async Task<IReadOnlyList<SourceSummary>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Sources.AsNoTracking().OrderBy(s => s.Name).ThenBy(s => s.Id)
            .Select(s => new SourceSummary(s.Id, s.Name, s.Provider)).ToListAsync(cancellationToken);
    }

    /// <summary>The oldest source that takes pushed data (REST API), or null when there is none.</summary>
    public async Task<SourceSummary?> FirstApiSourceAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Sources.AsNoTracking().Where(s => s.Provider == SourceProvider.Api).OrderBy(s => s.Id)
            .Select(s => new SourceSummary(s.Id, s.Name, s.Provider)).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>
    /// Every source by id with the customers, subscriptions and charges imported from it, its count of sync errors and
    /// the newest <paramref name="errorsShown"/> of them. A source with stored credentials (connected through a connector)
    /// can be synced.
    /// </summary>
    public async Task<IReadOnlyList<SourceActivity>> ActivityAsync(int errorsShown, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var sources = await db.Sources.AsNoTracking().OrderBy(s => s.Id).ToListAsync(cancellationToken);
        var customers = await CountsAsync(db.Customers.Select(c => c.SourceId), cancellationToken);
        var subscriptions = await CountsAsync(db.Subscriptions.Select(s => s.SourceId), cancellationToken);
        var charges = await CountsAsync(db.Charges.Select(c => c.SourceId), cancellationToken);
        var errorCounts = await CountsAsync(db.SyncErrors.Select(e => e.SourceId), cancellationToken);
        var recent = new Dictionary<long, List<SyncErrorRow>>();
        foreach (var source in sources.Where(s => errorCounts.ContainsKey(s.Id)))
        {
            recent[source.Id] = await db.SyncErrors.AsNoTracking().Where(e => e.SourceId == source.Id)
                .OrderByDescending(e => e.Id).Take(errorsShown)
                .Select(e => new SyncErrorRow(e.Kind, e.ExternalId, e.Message, e.OccurredAt))
                .ToListAsync(cancellationToken);
        }

        return sources.Select(s => new SourceActivity(
            s.Id, s.Name, s.Provider, s.ProtectedCredentials is not null, s.LastSyncedAt,
            customers.GetValueOrDefault(s.Id), subscriptions.GetValueOrDefault(s.Id), charges.GetValueOrDefault(s.Id),
            errorCounts.GetValueOrDefault(s.Id), recent.GetValueOrDefault(s.Id) ?? [])).ToList();
    }

    private static Task<Dictionary<long, long>> CountsAsync(IQueryable<long> sourceIds, CancellationToken cancellationToken) =>
        sourceIds.GroupBy(id => id).Select(g => new { g.Key, Count = g.LongCount() })
            .ToDictionaryAsync(x => x.Key, x => x.Count, cancellationToken);
}
