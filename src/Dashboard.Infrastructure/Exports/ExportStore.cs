using Dashboard.Core.Exports;
using Dashboard.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Infrastructure.Exports;

/// <summary>Exports, their runs and the runs' delivery results in the store.</summary>
public sealed class ExportStore(IDbContextFactory<DashboardDbContext> contexts, ExportJson json, TimeProvider time)
{
    public const string ScheduleTrigger = "schedule";
    public const string ManualTrigger = "manual";

    /// <summary>The reason a delivery of a run that could not build its file ends failed with.</summary>
    public const string NotSentRunFailed = "not sent: the run failed";

    public async Task<IReadOnlyList<StoredExport>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var records = await db.Exports.AsNoTracking().OrderBy(e => e.Id).ToListAsync(cancellationToken);
        return records.Select(ToStored).ToList();
    }

    public async Task<StoredExport?> FindAsync(long id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Exports.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, cancellationToken) is { } record ? ToStored(record) : null;
    }

    public async Task<StoredExport> CreateAsync(ExportDefinition definition, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow();
        var record = new ExportRecord { Name = definition.Name, DefinitionJson = json.Write(definition), Paused = definition.Paused, CreatedAt = now, UpdatedAt = now };
        db.Exports.Add(record);
        await db.SaveChangesAsync(cancellationToken);
        return ToStored(record);
    }

    public async Task<StoredExport?> UpdateAsync(long id, ExportDefinition definition, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var record = await db.Exports.FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (record is null)
        {
            return null;
        }

        record.Name = definition.Name;
        record.DefinitionJson = json.Write(definition);
        record.Paused = definition.Paused;
        record.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return ToStored(record);
    }

    /// <summary>Deletes the export with its runs and delivery results; returns what it was, or null when there was none.</summary>
    public async Task<StoredExport?> DeleteAsync(long id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var record = await db.Exports.FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (record is null)
        {
            return null;
        }

        var runIds = await db.ExportRuns.Where(r => r.ExportId == id).Select(r => r.Id).ToListAsync(cancellationToken);
        await db.ExportDeliveries.Where(d => runIds.Contains(d.RunId)).ExecuteDeleteAsync(cancellationToken);
        await db.ExportRuns.Where(r => r.ExportId == id).ExecuteDeleteAsync(cancellationToken);
        db.Exports.Remove(record);
        await db.SaveChangesAsync(cancellationToken);
        return ToStored(record);
    }

    /// <summary>
    /// The run of <paramref name="exportId"/> keyed <paramref name="occurrenceKey"/>, created queued with one pending
    /// delivery row per delivery when there is none yet. Returns null when the export is gone.
    /// </summary>
    public async Task<StoredRun?> GetOrCreateRunAsync(long exportId, string occurrenceKey, string trigger, CancellationToken cancellationToken)
    {
        if (await FindRunByKeyAsync(exportId, occurrenceKey, cancellationToken) is { } existing)
        {
            return existing;
        }

        if (await FindAsync(exportId, cancellationToken) is not { } export)
        {
            return null;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var run = new ExportRunRecord
        {
            ExportId = exportId, OccurrenceKey = occurrenceKey, Trigger = trigger, Status = RunStatus.Queued, QueuedAt = time.GetUtcNow(),
        };
        db.ExportRuns.Add(run);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another instance created this occurrence's run first.
            await transaction.RollbackAsync(cancellationToken);
            return await FindRunByKeyAsync(exportId, occurrenceKey, cancellationToken);
        }

        var deliveries = export.Definition.Deliveries;
        for (var i = 0; i < deliveries.Count; i++)
        {
            db.ExportDeliveries.Add(new ExportDeliveryRecord
            {
                RunId = run.Id, Position = i, Type = ExportDelivery.TypeName(deliveries[i].Type), Target = deliveries[i].Target, Status = DeliveryStatus.Pending,
            });
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return await FindRunAsync(exportId, run.Id, cancellationToken);
    }

    public async Task<StoredRun?> FindRunAsync(long exportId, long runId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var run = await db.ExportRuns.AsNoTracking().FirstOrDefaultAsync(r => r.ExportId == exportId && r.Id == runId, cancellationToken);
        return run is null ? null : await WithDeliveriesAsync(db, run, cancellationToken);
    }

    /// <summary>The export's runs, newest first.</summary>
    public async Task<IReadOnlyList<StoredRun>> RunsAsync(long exportId, int skip, int take, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var runs = await db.ExportRuns.AsNoTracking().Where(r => r.ExportId == exportId).OrderByDescending(r => r.Id)
            .Skip(skip).Take(take).ToListAsync(cancellationToken);
        var ids = runs.Select(r => r.Id).ToList();
        var deliveries = (await db.ExportDeliveries.AsNoTracking().Where(d => ids.Contains(d.RunId)).ToListAsync(cancellationToken))
            .ToLookup(d => d.RunId);
        return runs.Select(r => ToStored(r, deliveries[r.Id])).ToList();
    }

    /// <summary>After this long a run still marked running is taken to have died with its worker and may be run again.</summary>
    public static readonly TimeSpan StaleRunning = TimeSpan.FromMinutes(30);

    /// <summary>
    /// Claims a queued run (one atomic update, so of two workers only one gets it) and marks it running; false when it
    /// is taken, finished or gone, so the caller does nothing. A run left running longer than <see cref="StaleRunning"/>
    /// can be claimed again.
    /// </summary>
    public async Task<bool> StartRunAsync(long runId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow();
        var stale = now - StaleRunning;
        var started = await db.ExportRuns
            .Where(r => r.Id == runId && (r.Status == RunStatus.Queued || (r.Status == RunStatus.Running && r.StartedAt < stale)))
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RunStatus.Running).SetProperty(r => r.StartedAt, now), cancellationToken);
        return started == 1;
    }

    public async Task FinishRunAsync(long runId, int rows, long bytes, string filePath, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.ExportRuns.Where(r => r.Id == runId).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.Status, RunStatus.Succeeded)
            .SetProperty(r => r.FinishedAt, time.GetUtcNow())
            .SetProperty(r => r.Rows, rows)
            .SetProperty(r => r.Bytes, bytes)
            .SetProperty(r => r.FilePath, filePath)
            .SetProperty(r => r.Error, (string?)null), cancellationToken);
    }

    /// <summary>Ends a run failed with the reason; its deliveries, which have nothing to send, end failed too.</summary>
    public async Task FailRunAsync(long runId, string error, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow();
        await db.ExportRuns.Where(r => r.Id == runId).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.Status, RunStatus.Failed)
            .SetProperty(r => r.FinishedAt, now)
            .SetProperty(r => r.Error, error), cancellationToken);
        await db.ExportDeliveries.Where(d => d.RunId == runId && d.Status == DeliveryStatus.Pending).ExecuteUpdateAsync(s => s
            .SetProperty(d => d.Status, DeliveryStatus.Failed)
            .SetProperty(d => d.Error, NotSentRunFailed)
            .SetProperty(d => d.FinishedAt, now), cancellationToken);
    }

    /// <summary>
    /// Puts a failed delivery of the run back to pending for a retry (one atomic update, so of two clicks only one
    /// wins); false when it is not failed (already retried, succeeded) or not the run's.
    /// </summary>
    public async Task<bool> ReopenFailedDeliveryAsync(long runId, long deliveryId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var reopened = await db.ExportDeliveries
            .Where(d => d.Id == deliveryId && d.RunId == runId && d.Status == DeliveryStatus.Failed)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.Status, DeliveryStatus.Pending).SetProperty(d => d.FinishedAt, (DateTimeOffset?)null), cancellationToken);
        return reopened == 1;
    }

    /// <summary>Records one delivery attempt: its status after it, and the reason of a failure.</summary>
    public async Task RecordDeliveryAsync(long deliveryId, string status, string? error, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var finished = status == DeliveryStatus.Pending ? (DateTimeOffset?)null : time.GetUtcNow();
        await db.ExportDeliveries.Where(d => d.Id == deliveryId).ExecuteUpdateAsync(s => s
            .SetProperty(d => d.Status, status)
            .SetProperty(d => d.Attempts, d => d.Attempts + 1)
            .SetProperty(d => d.Error, error)
            .SetProperty(d => d.FinishedAt, finished), cancellationToken);
    }

    private async Task<StoredRun?> FindRunByKeyAsync(long exportId, string occurrenceKey, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var run = await db.ExportRuns.AsNoTracking().FirstOrDefaultAsync(r => r.ExportId == exportId && r.OccurrenceKey == occurrenceKey, cancellationToken);
        return run is null ? null : await WithDeliveriesAsync(db, run, cancellationToken);
    }

    private static async Task<StoredRun> WithDeliveriesAsync(DashboardDbContext db, ExportRunRecord run, CancellationToken cancellationToken) =>
        ToStored(run, await db.ExportDeliveries.AsNoTracking().Where(d => d.RunId == run.Id).ToListAsync(cancellationToken));

    private static StoredRun ToStored(ExportRunRecord run, IEnumerable<ExportDeliveryRecord> deliveries) => new(
        run.Id, run.ExportId, run.Trigger, run.Status, run.QueuedAt, run.StartedAt, run.FinishedAt, run.Rows, run.Bytes, run.Error, run.FilePath,
        deliveries.OrderBy(d => d.Position).Select(d => new StoredDelivery(d.Id, d.Position, d.Type, d.Target, d.Status, d.Attempts, d.Error, d.FinishedAt)).ToList());

    private StoredExport ToStored(ExportRecord record) =>
        new(record.Id, json.Read(record.DefinitionJson) with { Name = record.Name, Paused = record.Paused }, record.CreatedAt, record.UpdatedAt);
}
