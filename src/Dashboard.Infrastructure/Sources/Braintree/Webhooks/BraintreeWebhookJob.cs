using Dashboard.Infrastructure.Sources.Connectors;
using Hangfire;

namespace Dashboard.Infrastructure.Sources.Braintree.Webhooks;

/// <summary>
/// Applies a verified Braintree notification in the background through <see cref="IBraintreeNotificationHandler"/>.
/// The argument is the <c>bt_payload</c> as signed, kept in the job storage until the job succeeds.
/// </summary>
public sealed class BraintreeWebhookJob(IEnumerable<IBraintreeNotificationHandler> handlers)
{
    [AutomaticRetry(Attempts = 5)]
    public Task ApplyAsync(long sourceId, string payload, CancellationToken cancellationToken) =>
        (ConnectorParts.Pick(handlers, _ => true) ?? new MissingBraintreeNotificationHandler()).ApplyAsync(sourceId, payload, cancellationToken);

    /// <summary>Enqueues the notification's processing and returns the job's id.</summary>
    public static string Enqueue(IBackgroundJobClient jobs, long sourceId, string payload) =>
        jobs.Enqueue<BraintreeWebhookJob>(job => job.ApplyAsync(sourceId, payload, CancellationToken.None));
}
