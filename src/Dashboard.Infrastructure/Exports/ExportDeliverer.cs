using Dashboard.Core.Exports;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dashboard.Infrastructure.Exports;

/// <summary>
/// Sends a run's file to each of its deliveries independently: a failed attempt is recorded with its reason and tried
/// again after a delay that doubles each time, until <c>Exports:DeliveryAttempts</c> attempts ended it failed. One
/// delivery's failure never stops the others.
/// </summary>
public sealed partial class ExportDeliverer(ExportSenders senders, ExportStore store, IOptions<ExportOptions> options, TimeProvider time, ILogger<ExportDeliverer> logger)
{
    public async Task DeliverAllAsync(StoredRun run, IReadOnlyList<ExportDelivery> deliveries, ExportFile file, CancellationToken cancellationToken)
    {
        foreach (var row in run.Deliveries.Where(d => d.Status != DeliveryStatus.Succeeded && d.Position < deliveries.Count))
        {
            await DeliverAsync(row, deliveries[row.Position], file, cancellationToken);
        }
    }

    /// <summary>Tries one delivery until it succeeds or its attempts run out; returns whether it succeeded.</summary>
    public async Task<bool> DeliverAsync(StoredDelivery row, ExportDelivery delivery, ExportFile file, CancellationToken cancellationToken)
    {
        var attempts = Math.Max(1, options.Value.DeliveryAttempts);
        var delay = options.Value.DeliveryRetryDelay;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await senders.SendAsync(delivery, file, cancellationToken);
                await store.RecordDeliveryAsync(row.Id, DeliveryStatus.Succeeded, null, cancellationToken);
                return true;
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                var last = attempt >= attempts;
                LogFailed(logger, ExportDelivery.TypeName(delivery.Type), file.ExportId, file.RunId, attempt, e.Message);
                await store.RecordDeliveryAsync(row.Id, last ? DeliveryStatus.Failed : DeliveryStatus.Pending, e.Message, cancellationToken);
                if (last)
                {
                    return false;
                }
            }

            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, time, cancellationToken);
                delay *= 2;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The {Type} delivery of export {ExportId} run {RunId} failed (attempt {Attempt}): {Reason}")]
    private static partial void LogFailed(ILogger logger, string type, long exportId, long runId, int attempt, string reason);
}
