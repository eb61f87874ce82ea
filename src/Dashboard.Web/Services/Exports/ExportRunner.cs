using Dashboard.Core.Metrics;
using Dashboard.Core.Timelines;
using Dashboard.Infrastructure.Exports;
using Dashboard.Web.Services.Metrics;

namespace Dashboard.Web.Services.Exports;

/// <summary>
/// Carries out one run: builds the rows, stores the file as <c>runs/{export_id}/{run_id}.csv</c> (write then rename),
/// then hands it to the deliveries. A run that cannot build its file ends failed with the reason; a delivery's failure
/// is the delivery's, not the run's.
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
            await store.FinishRunAsync(runId, table.Rows.Count, content.LongLength, relative, cancellationToken);
            var day = metrics.Today(await metrics.EngineAsync(cancellationToken));
            file = new ExportFile(exportId, runId, definition.Name, day, ExportFolder.NamedCopy(definition.Name, day), content, table,
                definition.Kind == Core.Exports.ExportKind.Digest);
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
}
