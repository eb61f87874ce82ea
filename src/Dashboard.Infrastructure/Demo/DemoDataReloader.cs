using Dashboard.Core.Billing;
using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Sources;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Infrastructure.Demo;

/// <summary>What loading the demo data again wrote: its new source and how many customers.</summary>
public sealed record DemoReloadResult(long SourceId, string Name, long Customers);

/// <summary>Loading the demo data again was refused because a demo source exists (nothing was written).</summary>
public sealed class DemoDataExistsException(string message) : InvalidOperationException(message);

/// <summary>
/// Loading the demo data again failed after its source was written: the partial source was removed again and the
/// removal mark put back as it was (<see cref="Exception.InnerException"/> is the failure).
/// </summary>
public sealed class DemoReloadFailedException(string message, long sourceId, Exception failure) : Exception(message, failure)
{
    /// <summary>The source the failed load had written (removed again).</summary>
    public long SourceId { get; } = sourceId;
}

/// <summary>
/// Loads the first-run demo business (the default <see cref="DemoDataOptions"/>) again after an owner removed it: into a
/// new source of its own (the next free id, so no other source is touched), and only while no demo source exists, so
/// demo customers are never doubled. The removal mark (<see cref="DemoDataMarker.RemovedAtSettingKey"/>) is deleted in
/// the transaction that writes the demo source, so the store never has both or neither. A load that fails after that
/// (half-way through the customers) removes its partial source again through <see cref="SourceDataRemover"/> and puts
/// the removal mark back as it was, then throws <see cref="DemoReloadFailedException"/>. The caller checks who may do
/// this, records it in the audit log and rebuilds the metrics engine.
/// </summary>
public sealed class DemoDataReloader(IDbContextFactory<DashboardDbContext> contexts, TimeProvider time)
{
    /// <summary>Why loading the demo data again is refused now (a demo source exists), or null when it may be.</summary>
    public async Task<string?> RefusalAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await RefusalAsync(db, exceptId: null, cancellationToken);
    }

    /// <summary>
    /// Seeds the demo data into a new source, reporting progress after every batch. Throws
    /// <see cref="DemoDataExistsException"/> when a demo source exists (checked again inside the seeding's first
    /// transaction, which then rolls back).
    /// </summary>
    public async Task<DemoReloadResult> LoadAsync(IProgress<DemoSeedProgress>? progress, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await RefusalAsync(db, exceptId: null, cancellationToken) is { } refusal)
        {
            throw new DemoDataExistsException(refusal);
        }

        var sourceId = (await db.Sources.MaxAsync(s => (long?)s.Id, cancellationToken) ?? 0) + 1;
        var options = new DemoDataOptions { SourceId = sourceId };
        var removedAt = await db.Settings.AsNoTracking().Where(s => s.Key == DemoDataMarker.RemovedAtSettingKey)
            .Select(s => s.Value).FirstOrDefaultAsync(cancellationToken);
        var sourceWritten = false;
        try
        {
            var result = await SeedAsync(db, options, progress, () => sourceWritten = true, cancellationToken);
            return new DemoReloadResult(sourceId, options.SourceName, result.Customers);
        }
        catch (Exception failure) when (sourceWritten && failure is not DemoDataExistsException)
        {
            await UndoAsync(sourceId, removedAt);
            throw new DemoReloadFailedException(
                $"{failure.Message} The partial demo source was removed again.", sourceId, failure);
        }
    }

    /// <summary>Removes the failed load's source with its rows and puts the removal mark back as it was before it.</summary>
    private async Task UndoAsync(long sourceId, string? removedAt)
    {
        // Not cancellable: a cancelled load is cleaned up too.
        await new SourceDataRemover(contexts, time).RemoveAsync(sourceId, CancellationToken.None);
        await using var db = await contexts.CreateDbContextAsync(CancellationToken.None);
        var mark = await db.Settings.FirstOrDefaultAsync(s => s.Key == DemoDataMarker.RemovedAtSettingKey, CancellationToken.None);
        if (removedAt is null)
        {
            if (mark is not null)
            {
                db.Settings.Remove(mark);
            }
        }
        else if (mark is null)
        {
            db.Settings.Add(new Setting { Key = DemoDataMarker.RemovedAtSettingKey, Value = removedAt });
        }
        else
        {
            mark.Value = removedAt;
        }

        await db.SaveChangesAsync(CancellationToken.None);
    }

    private async Task<DemoSeedResult> SeedAsync(
        DashboardDbContext db, DemoDataOptions options, IProgress<DemoSeedProgress>? progress, Action onWritten, CancellationToken cancellationToken)
    {
        var sourceId = options.SourceId;
        return await new DemoSeeder(db).SeedAsync(options, time, progress, cancellationToken, async (context, ct) =>
        {
            // The seeder wrote the source unless one with that id appeared meanwhile: seed only into a demo source of
            // our own, and only if it is the one demo source.
            var written = await context.Sources.AsNoTracking().SingleAsync(s => s.Id == sourceId, ct);
            if (written.Provider != SourceProvider.Demo)
            {
                throw new InvalidOperationException($"Source {sourceId} ('{written.Name}') was created meanwhile; try again.");
            }

            if (await RefusalAsync(context, exceptId: sourceId, ct) is { } late)
            {
                throw new DemoDataExistsException(late);
            }

            await context.Settings.Where(s => s.Key == DemoDataMarker.RemovedAtSettingKey).ExecuteDeleteAsync(ct);
            onWritten(); // from here on the source may be committed: a failure removes it again
        });
    }

    private static async Task<string?> RefusalAsync(DashboardDbContext db, long? exceptId, CancellationToken cancellationToken)
    {
        var except = exceptId ?? 0;
        var demo = await db.Sources.AsNoTracking()
            .Where(s => s.Provider == SourceProvider.Demo && s.Id != except)
            .OrderBy(s => s.Id)
            .Select(s => new { s.Id, s.Name })
            .FirstOrDefaultAsync(cancellationToken);
        return demo is null
            ? null
            : $"The demo data is already loaded (source {demo.Id}, '{demo.Name}'). Remove it first to load it again.";
    }
}
