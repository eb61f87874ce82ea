using Dashboard.Infrastructure.Sources.Connectors;
using Dashboard.Infrastructure.Sync;
using Hangfire;

namespace Dashboard.Infrastructure.Sources.Braintree.Webhooks;

/// <summary>
/// Applies a verified Braintree notification in the background: parses the <c>bt_payload</c> kept in the job storage
/// (an unreadable one is recorded as a sync error of kind "webhooks"; trying again cannot help) and hands it to
/// <see cref="IBraintreeNotificationHandler"/>, which re-fetches its object; a failure there retries the job.
/// </summary>
public sealed class BraintreeWebhookJob(IEnumerable<IBraintreeNotificationHandler> handlers, SyncCheckpointStore checkpoints)
{
    [AutomaticRetry(Attempts = 5)]
    public async Task ApplyAsync(long sourceId, string payload, CancellationToken cancellationToken)
    {
        BraintreeNotification notification;
        try
        {
            notification = BraintreeNotification.Parse(payload);
        }
        catch (FormatException e)
        {
            await checkpoints.RecordErrorAsync(sourceId, "webhooks", "(unreadable)", e.Message, cancellationToken);
            return;
        }

        var handler = ConnectorParts.Pick(handlers, _ => true) ?? new MissingBraintreeNotificationHandler();
        await handler.ApplyAsync(sourceId, notification, cancellationToken);
    }

    /// <summary>Enqueues the notification's processing and returns the job's id.</summary>
    public static string Enqueue(IBackgroundJobClient jobs, long sourceId, string payload) =>
        jobs.Enqueue<BraintreeWebhookJob>(job => job.ApplyAsync(sourceId, payload, CancellationToken.None));
}
