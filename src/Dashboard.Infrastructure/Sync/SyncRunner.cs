using System.Collections.Concurrent;
using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Sources.Connectors;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Dashboard.Infrastructure.Sync;

/// <summary>
/// Runs sources' syncs, one at a time per source, publishing progress to <see cref="SyncStatusService"/> and stamping
/// <see cref="Core.Billing.Source.LastSyncedAt"/> when a sync reaches its end.
/// </summary>
public sealed class SyncRunner(
    IDbContextFactory<DashboardDbContext> contextFactory,
    IEnumerable<ISourceSynchronizer> synchronizers,
    SyncStatusService statuses,
    TimeProvider time,
    ILogger<SyncRunner> logger)
{
    private readonly ConcurrentDictionary<long, SemaphoreSlim> running = new();

    /// <summary>Syncs one source to its end; waits for a sync of the same source already running.</summary>
    public async Task<SyncStatus> RunAsync(long sourceId, CancellationToken cancellationToken)
    {
        var gate = running.GetOrAdd(sourceId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            return await RunLockedAsync(sourceId, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// Syncs one source to its end unless it is syncing already (<see cref="SyncAttempt.Busy"/>: that sync brings it up to
    /// date) or cannot sync (<see cref="SyncAttempt.NoSuchSource"/>: gone, or no connector or credentials for it).
    /// </summary>
    public async Task<SyncAttempt> TryRunAsync(long sourceId, CancellationToken cancellationToken)
    {
        if (!await CanSyncAsync(sourceId, cancellationToken))
        {
            return SyncAttempt.NoSuchSource;
        }

        var gate = running.GetOrAdd(sourceId, _ => new SemaphoreSlim(1, 1));
        if (!await gate.WaitAsync(0, cancellationToken))
        {
            return SyncAttempt.Busy;
        }

        try
        {
            await RunLockedAsync(sourceId, cancellationToken);
            return SyncAttempt.Ran;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>The sources a recurring sync is kept for: those with a connector and credentials.</summary>
    public async Task<IReadOnlyList<long>> SyncableSourceIdsAsync(CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await Syncable(db).OrderBy(s => s.Id).Select(s => s.Id).ToListAsync(cancellationToken);
    }

    public async Task<bool> CanSyncAsync(long sourceId, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await Syncable(db).AnyAsync(s => s.Id == sourceId, cancellationToken);
    }

    private IQueryable<Core.Billing.Source> Syncable(DashboardDbContext db)
    {
        var providers = synchronizers.Select(s => s.Provider).Distinct().ToList();
        return db.Sources.Where(s => providers.Contains(s.Provider) && s.ProtectedCredentials != null);
    }

    private async Task<SyncStatus> RunLockedAsync(long sourceId, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var source = await db.Sources.SingleOrDefaultAsync(s => s.Id == sourceId, cancellationToken)
            ?? throw new InvalidOperationException($"Source {sourceId} does not exist.");
        var synchronizer = ConnectorParts.Pick(synchronizers, s => s.Provider == source.Provider)
            ?? throw new InvalidOperationException($"Source {sourceId} is a {source.Provider} source, which has no connector to sync it.");

        var mode = await synchronizer.PlanAsync(source, cancellationToken);
        var progress = new SyncProgress(sourceId, mode, statuses, time);
        progress.Publish(SyncState.Running, null);
        try
        {
            await synchronizer.SyncAsync(source, mode, progress, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            progress.Finish(SyncState.Canceled, "Stopped; the next sync resumes from the last checkpoint.");
            throw;
        }
        catch (Exception exception)
        {
            logger.LogError(exception, "Sync of source {SourceId} failed", sourceId);
            progress.Finish(SyncState.Failed, exception.Message);
            throw;
        }

        source.LastSyncedAt = time.GetUtcNow();
        await db.SaveChangesAsync(CancellationToken.None);
        var message = progress.Errors == 0 ? null : $"{progress.Errors} object(s) could not be imported; see the sync errors.";
        return progress.Finish(SyncState.Succeeded, message);
    }
}

public enum SyncAttempt
{
    Ran,
    Busy,
    NoSuchSource,
}
