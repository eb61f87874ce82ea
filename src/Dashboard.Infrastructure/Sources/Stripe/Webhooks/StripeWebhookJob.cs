using Hangfire;

namespace Dashboard.Infrastructure.Sources.Stripe.Webhooks;

/// <summary>
/// Applies a verified webhook event in the background. The argument is the event's JSON as Stripe signed it, kept in
/// the job storage until the job succeeds; applying an event twice changes nothing, so retries are safe.
/// </summary>
public sealed class StripeWebhookJob(StripeWebhookReceiver receiver)
{
    [AutomaticRetry(Attempts = 5)]
    public Task ApplyAsync(long sourceId, string payload, CancellationToken cancellationToken) =>
        receiver.ApplyAsync(sourceId, payload, cancellationToken);

    /// <summary>Enqueues the event's processing and returns the job's id.</summary>
    public static string Enqueue(IBackgroundJobClient jobs, long sourceId, string payload) =>
        jobs.Enqueue<StripeWebhookJob>(job => job.ApplyAsync(sourceId, payload, CancellationToken.None));
}
