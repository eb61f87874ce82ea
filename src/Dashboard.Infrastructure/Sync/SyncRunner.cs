using System.Collections.Concurrent;
using Dashboard.Infrastructure.Data;
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

    /// <summary>Syncs every source a synchronizer exists for, skipping sources already syncing.</summary>
    public async Task RunAllAsync(CancellationToken cancellationToken)
    {
        List<long> ids;
        await using (var db = await contextFactory.CreateDbContextAsync(cancellationToken))
        {
            var providers = synchronizers.Select(s => s.Provider).ToList();
            ids = await db.Sources.Where(s => providers.Contains(s.Provider) && s.ProtectedCredentials != null)
                .OrderBy(s => s.Id).Select(s => s.Id).ToListAsync(cancellationToken);
        }

        foreach (var id in ids)
        {
            var gate = running.GetOrAdd(id, _ => new SemaphoreSlim(1, 1));
            if (!await gate.WaitAsync(0, cancellationToken))
            {
                continue;
            }

            try
            {
                await RunLockedAsync(id, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Already logged and published as the source's status; the other sources still sync.
            }
            finally
            {
                gate.Release();
            }
        }
    }

    private async Task<SyncStatus> RunLockedAsync(long sourceId, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var source = await db.Sources.SingleOrDefaultAsync(s => s.Id == sourceId, cancellationToken)
            ?? throw new InvalidOperationException($"Source {sourceId} does not exist.");
        var synchronizer = synchronizers.SingleOrDefault(s => s.Provider == source.Provider)
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
