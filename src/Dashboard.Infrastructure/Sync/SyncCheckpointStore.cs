using Dashboard.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Infrastructure.Sync;

/// <summary>Reads and writes a source's <see cref="SyncCheckpoint"/>s and records the objects a sync could not import.</summary>
public sealed class SyncCheckpointStore(IDbContextFactory<DashboardDbContext> contextFactory, TimeProvider time)
{
    public async Task<Dictionary<string, SyncCheckpoint>> LoadAsync(long sourceId, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.SyncCheckpoints.AsNoTracking().Where(c => c.SourceId == sourceId)
            .ToDictionaryAsync(c => c.Kind, StringComparer.Ordinal, cancellationToken);
    }

    /// <summary>The checkpoint of (<paramref name="sourceId"/>, <paramref name="kind"/>), or null.</summary>
    public async Task<SyncCheckpoint?> FindAsync(long sourceId, string kind, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.SyncCheckpoints.AsNoTracking().SingleOrDefaultAsync(c => c.SourceId == sourceId && c.Kind == kind, cancellationToken);
    }

    /// <summary>Creates or updates the checkpoint of (<paramref name="sourceId"/>, <paramref name="kind"/>).</summary>
    public async Task SaveAsync(long sourceId, string kind, string? cursor, long done, long? total, bool completed, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var checkpoint = await db.SyncCheckpoints.SingleOrDefaultAsync(c => c.SourceId == sourceId && c.Kind == kind, cancellationToken);
        if (checkpoint is null)
        {
            checkpoint = new SyncCheckpoint { SourceId = sourceId, Kind = kind };
            db.SyncCheckpoints.Add(checkpoint);
        }

        checkpoint.Cursor = cursor;
        checkpoint.Done = done;
        checkpoint.Total = total;
        checkpoint.Completed = completed;
        checkpoint.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Starts the kinds over from the beginning; their last totals stay as estimates for progress.</summary>
    public async Task ResetAsync(long sourceId, IReadOnlyCollection<string> kinds, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await db.SyncCheckpoints.Where(c => c.SourceId == sourceId && kinds.Contains(c.Kind))
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Cursor, (string?)null).SetProperty(c => c.Done, 0L).SetProperty(c => c.Completed, false), cancellationToken);
    }

    public async Task RecordErrorAsync(long sourceId, string kind, string externalId, string message, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        db.SyncErrors.Add(new SyncError
        {
            SourceId = sourceId,
            Kind = kind,
            ExternalId = externalId,
            Message = message.Length > 2000 ? message[..2000] : message,
            OccurredAt = time.GetUtcNow(),
        });
        await db.SaveChangesAsync(cancellationToken);
    }
}
