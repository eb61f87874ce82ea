using System.Globalization;
using Dashboard.Infrastructure.Exports;
using Hangfire;
using Hangfire.Server;

namespace Dashboard.Web.Services.Exports;

/// <summary>
/// The background jobs of exports. A scheduled occurrence is keyed by its background job's id, so a job that runs again
/// (a worker that died, a second instance) finds the occurrence's run instead of writing another; each export has its
/// own job, so one export's failure never touches another's.
/// </summary>
public sealed class ExportJob(ExportStore store, ExportRunner runner)
{
    /// <summary>The recurring job's occurrence. Hangfire passes <paramref name="context"/> (give null when enqueuing).</summary>
    [AutomaticRetry(Attempts = 0)]
    public async Task RunScheduledAsync(long exportId, PerformContext? context, CancellationToken cancellationToken)
    {
        if (await store.FindAsync(exportId, cancellationToken) is not { Definition.Paused: false })
        {
            return;
        }

        var key = "job:" + (context?.BackgroundJob.Id ?? Guid.NewGuid().ToString("N"));
        if (await store.GetOrCreateRunAsync(exportId, key, ExportStore.ScheduleTrigger, cancellationToken) is { } run)
        {
            await runner.ExecuteAsync(exportId, run.Id, cancellationToken);
        }
    }

    /// <summary>"Run now": the run was created queued when it was asked for.</summary>
    [AutomaticRetry(Attempts = 0)]
    public Task RunQueuedAsync(long exportId, long runId, CancellationToken cancellationToken) => runner.ExecuteAsync(exportId, runId, cancellationToken);

    /// <summary>"Retry": sends one failed delivery of a run again from its stored file.</summary>
    [AutomaticRetry(Attempts = 0)]
    public Task RetryDeliveryAsync(long exportId, long runId, long deliveryId, CancellationToken cancellationToken) =>
        runner.RedeliverAsync(exportId, runId, deliveryId, cancellationToken);

    public static string RecurringId(long exportId) => "export-" + exportId.ToString(CultureInfo.InvariantCulture);
}
