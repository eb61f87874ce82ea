using System.Text.Json;
using Dashboard.Core.Exports;
using Dashboard.Core.Metrics;
using Dashboard.Core.Timelines;
using Dashboard.Infrastructure.Exports;
using Dashboard.Web.Services.Metrics;

namespace Dashboard.Web.Services.Exports;

/// <summary>
/// Carries out one run: builds the rows, stores the file as <c>runs/{export_id}/{run_id}.csv</c> (write then rename),
/// then hands it to the deliveries. A run that cannot build its file ends failed with the reason; a delivery's failure
/// is the delivery's, not the run's. A failed delivery can be sent again later from the stored file.
/// </summary>
public sealed class ExportRunner(
    ExportStore store, ExportTableBuilder builder, ExportFolder folder, ExportDeliverer deliverer, MetricQueryService metrics)
{
    public async Task<StoredRun?> ExecuteAsync(long exportId, long runId, CancellationToken cancellationToken)
    {
        if (!await store.StartRunAsync(runId, cancellationToken) || await store.FindAsync(exportId, cancellationToken) is not { } export)
        {
            return await store.FindRunAsync(exportId, runId, cancellationToken);
        }

        var definition = export.Definition;
        ExportFile file;
        try
        {
            var table = await builder.BuildAsync(definition, cancellationToken);
            var content = await ExportCsv.ToBytesAsync(table, cancellationToken);
            var relative = ExportFolder.RunFile(exportId, runId);
            await folder.WriteAsync(relative, content, cancellationToken);
            await folder.WriteAsync(ExportFolder.HeadlinesFile(exportId, runId), JsonSerializer.SerializeToUtf8Bytes(table.Headlines), cancellationToken);
            await store.FinishRunAsync(runId, table.Rows.Count, content.LongLength, relative, cancellationToken);
            var day = metrics.Today(await metrics.EngineAsync(cancellationToken));
            file = FileOf(exportId, runId, definition, day, content, table);
        }
        catch (Exception e) when (e is MetricQueryException or MissingFxRateException or IOException or UnauthorizedAccessException or ExportPathException)
        {
            await store.FailRunAsync(runId, e.Message, cancellationToken);
            return await store.FindRunAsync(exportId, runId, cancellationToken);
        }

        var run = await store.FindRunAsync(exportId, runId, cancellationToken);
        if (run is not null)
        {
            await deliverer.DeliverAllAsync(run, definition.Deliveries, file, cancellationToken);
        }

        return await store.FindRunAsync(exportId, runId, cancellationToken);
    }

    /// <summary>
    /// Sends one delivery of a finished run again from the run's stored file, with the delivery's settings as the export
    /// has them now (a corrected address or URL applies), retried like any delivery. The delivery must be pending (see
    /// <see cref="ExportStore.ReopenFailedDeliveryAsync"/>); when it cannot be sent at all it ends failed with the reason.
    /// </summary>
    public async Task<StoredRun?> RedeliverAsync(long exportId, long runId, long deliveryId, CancellationToken cancellationToken)
    {
        var run = await store.FindRunAsync(exportId, runId, cancellationToken);
        if (run?.Deliveries.FirstOrDefault(d => d.Id == deliveryId) is not { Status: DeliveryStatus.Pending } row)
        {
            return run;
        }

        var export = await store.FindAsync(exportId, cancellationToken);
        var delivery = export is not null && row.Position < export.Definition.Deliveries.Count ? export.Definition.Deliveries[row.Position] : null;
        if (delivery is null || ExportDelivery.TypeName(delivery.Type) != row.Type)
        {
            await store.RecordDeliveryAsync(row.Id, DeliveryStatus.Failed, "not sent: the export no longer has this delivery", cancellationToken);
            return await store.FindRunAsync(exportId, runId, cancellationToken);
        }

        byte[] content;
        try
        {
            content = run.FilePath is { } path ? await File.ReadAllBytesAsync(folder.Resolve(path), cancellationToken) : throw new FileNotFoundException();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ExportPathException)
        {
            await store.RecordDeliveryAsync(row.Id, DeliveryStatus.Failed, "not sent: the run's stored file is gone", cancellationToken);
            return await store.FindRunAsync(exportId, runId, cancellationToken);
        }

        var engine = await metrics.EngineAsync(cancellationToken);
        var (header, rows) = await ExportCsv.ReadAsync(content, cancellationToken);
        var definition = export!.Definition;
        var table = new ExportTable(header, rows, await StoredHeadlinesAsync(exportId, runId, cancellationToken)
            ?? ExportHeadlines.Of(definition.Kind, header, rows, engine.ReportingCurrency));
        var day = DateOnly.FromDayNumber(engine.Current.Calendar.DayOf(run.FinishedAt ?? run.StartedAt ?? run.QueuedAt));
        await deliverer.DeliverAsync(row, delivery, FileOf(exportId, runId, definition, day, content, table), cancellationToken);
        return await store.FindRunAsync(exportId, runId, cancellationToken);
    }

    /// <summary>The headlines stored with the run (null for a run stored before they were, or an unreadable file).</summary>
    private async Task<IReadOnlyList<Headline>?> StoredHeadlinesAsync(long exportId, long runId, CancellationToken cancellationToken)
    {
        try
        {
            var bytes = await File.ReadAllBytesAsync(folder.Resolve(ExportFolder.HeadlinesFile(exportId, runId)), cancellationToken);
            return JsonSerializer.Deserialize<List<Headline>>(bytes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ExportPathException or JsonException)
        {
            return null;
        }
    }

    private static ExportFile FileOf(long exportId, long runId, ExportDefinition definition, DateOnly day, byte[] content, ExportTable table) =>
        new(exportId, runId, definition.Name, day, ExportFolder.NamedCopy(definition.Name, day), content, table, definition.Kind == ExportKind.Digest);
}
