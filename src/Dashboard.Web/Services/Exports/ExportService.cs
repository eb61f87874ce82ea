using Dashboard.Core.Exports;
using Dashboard.Core.Metrics;
using Dashboard.Infrastructure.Exports;
using Dashboard.Web.Services.Segments;
using Hangfire;

namespace Dashboard.Web.Services.Exports;

/// <summary>An export as lists show it: stored, with when its schedule next fires (null while paused).</summary>
public sealed record ExportView(StoredExport Export, DateTimeOffset? NextRunAt)
{
    public long Id => Export.Id;

    public ExportDefinition Definition => Export.Definition;
}

/// <summary>What asking for a delivery's retry did.</summary>
public enum DeliveryRetry
{
    /// <summary>The delivery is pending again and a background job sends it.</summary>
    Queued,

    /// <summary>No such export, run or delivery.</summary>
    NotFound,

    /// <summary>The delivery is not failed (it succeeded, or a retry is already under way).</summary>
    NotFailed,

    /// <summary>The run stored no file (it failed before), so there is nothing to send.</summary>
    NoFile,
}

public sealed record ExportSaveResult(ExportView? Export, IReadOnlyDictionary<string, string[]> Errors, bool NotFound = false);

/// <summary>
/// The one way to manage exports, for the REST API, the Exports page and the command line: create, change, pause and
/// delete (keeping each export's recurring job in line), run now (queued, or in this process), runs and their files.
/// </summary>
public sealed class ExportService(
    ExportStore store, ExportSchedules schedules, SegmentService segments, IBackgroundJobClient jobs, ExportRunner runner,
    ExportTableBuilder builder, ExportFolder folder)
{
    public async Task<IReadOnlyList<ExportView>> ListAsync(CancellationToken cancellationToken) =>
        (await store.ListAsync(cancellationToken)).Select(View).ToList();

    public async Task<ExportView?> FindAsync(long id, CancellationToken cancellationToken) =>
        await store.FindAsync(id, cancellationToken) is { } export ? View(export) : null;

    public async Task<ExportSaveResult> CreateAsync(ExportDraft draft, CancellationToken cancellationToken)
    {
        var (definition, errors) = await ValidateAsync(draft, cancellationToken);
        if (definition is null)
        {
            return new ExportSaveResult(null, errors);
        }

        var export = await store.CreateAsync(definition, cancellationToken);
        await schedules.ApplyAsync(export, cancellationToken);
        return new ExportSaveResult(View(export), errors);
    }

    /// <summary>Changes an export: <paramref name="change"/> gets the stored export as a draft and returns the new one.</summary>
    public async Task<ExportSaveResult> UpdateAsync(long id, Func<ExportDraft, ExportDraft> change, CancellationToken cancellationToken)
    {
        if (await store.FindAsync(id, cancellationToken) is not { } existing)
        {
            return new ExportSaveResult(null, new Dictionary<string, string[]>(), NotFound: true);
        }

        var (definition, errors) = await ValidateAsync(change(ExportDraft.From(existing.Definition)), cancellationToken);
        if (definition is null)
        {
            return new ExportSaveResult(null, errors);
        }

        if (await store.UpdateAsync(id, definition, cancellationToken) is not { } updated)
        {
            return new ExportSaveResult(null, errors, NotFound: true);
        }

        await schedules.ApplyAsync(updated, cancellationToken);
        return new ExportSaveResult(View(updated), errors);
    }

    public Task<ExportSaveResult> SetPausedAsync(long id, bool paused, CancellationToken cancellationToken) =>
        UpdateAsync(id, draft => draft with { Paused = paused }, cancellationToken);

    public async Task<StoredExport?> DeleteAsync(long id, CancellationToken cancellationToken)
    {
        var deleted = await store.DeleteAsync(id, cancellationToken);
        if (deleted is not null)
        {
            schedules.Remove(id);
        }

        return deleted;
    }

    /// <summary>Queues a run now as a background job; null when there is no such export.</summary>
    public async Task<StoredRun?> RunNowAsync(long id, CancellationToken cancellationToken)
    {
        if (await store.GetOrCreateRunAsync(id, "manual:" + Guid.NewGuid().ToString("N"), ExportStore.ManualTrigger, cancellationToken) is not { } run)
        {
            return null;
        }

        jobs.Enqueue<ExportJob>(job => job.RunQueuedAsync(id, run.Id, CancellationToken.None));
        return run;
    }

    /// <summary>
    /// Sends one failed delivery of a finished run again from the run's stored file, as a background job; the run's
    /// history shows the delivery pending, then its outcome. Only a failed delivery of a run with a stored file can be
    /// retried, and only once at a time.
    /// </summary>
    public async Task<DeliveryRetry> RetryDeliveryAsync(long id, long runId, long deliveryId, CancellationToken cancellationToken)
    {
        var run = await store.FindRunAsync(id, runId, cancellationToken);
        var delivery = run?.Deliveries.FirstOrDefault(d => d.Id == deliveryId);
        if (run is null || delivery is null)
        {
            return DeliveryRetry.NotFound;
        }

        if (run.FilePath is null)
        {
            return DeliveryRetry.NoFile;
        }

        if (!await store.ReopenFailedDeliveryAsync(runId, deliveryId, cancellationToken))
        {
            return DeliveryRetry.NotFailed;
        }

        jobs.Enqueue<ExportJob>(job => job.RetryDeliveryAsync(id, runId, deliveryId, CancellationToken.None));
        return DeliveryRetry.Queued;
    }

    /// <summary>Runs the export now in this process, to the end of its deliveries (the command line).</summary>
    public async Task<StoredRun?> RunHereAsync(long id, CancellationToken cancellationToken)
    {
        if (await store.GetOrCreateRunAsync(id, "manual:" + Guid.NewGuid().ToString("N"), ExportStore.ManualTrigger, cancellationToken) is not { } run)
        {
            return null;
        }

        return await runner.ExecuteAsync(id, run.Id, cancellationToken);
    }

    /// <summary>The first <paramref name="rows"/> rows the export would write now (the form's preview).</summary>
    public async Task<ExportTable> PreviewAsync(ExportDefinition definition, int rows, CancellationToken cancellationToken)
    {
        var table = await builder.BuildAsync(definition, rows, cancellationToken);
        return table with { Rows = table.Rows.Take(rows).ToList() };
    }

    public Task<IReadOnlyList<StoredRun>> RunsAsync(long id, int skip, int take, CancellationToken cancellationToken) =>
        store.RunsAsync(id, skip, take, cancellationToken);

    public Task<StoredRun?> FindRunAsync(long id, long runId, CancellationToken cancellationToken) => store.FindRunAsync(id, runId, cancellationToken);

    /// <summary>The stored file of a finished run; null when the run, its file or the export does not exist.</summary>
    public async Task<Stream?> OpenFileAsync(long id, long runId, CancellationToken cancellationToken) =>
        await store.FindRunAsync(id, runId, cancellationToken) is { FilePath: { } path } ? folder.OpenRead(path) : null;

    /// <summary>The full path of a run's stored file (what <c>export run</c> prints).</summary>
    public string FullPath(string relative) => folder.Resolve(relative);

    /// <summary>Checks a draft, including that its saved segment exists; nothing is stored.</summary>
    public async Task<(ExportDefinition? Definition, IReadOnlyDictionary<string, string[]> Errors)> ValidateAsync(ExportDraft draft, CancellationToken cancellationToken)
    {
        var definition = draft.Validate(out var errors);
        if (draft.SegmentId is { } segmentId && segmentId > 0 && await segments.FindAsync(segmentId, cancellationToken) is null)
        {
            errors["segment_id"] = [$"no segment has the id {segmentId}"];
            definition = null;
        }

        return (definition, errors);
    }

    private ExportView View(StoredExport export) => new(export, export.Definition.Paused ? null : schedules.NextRunAt(export.Id));
}
