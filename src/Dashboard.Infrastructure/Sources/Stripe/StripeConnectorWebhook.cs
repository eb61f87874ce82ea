using Dashboard.Core.Billing;
using Dashboard.Infrastructure.Sources.Connectors;
using Dashboard.Infrastructure.Sources.Stripe.Webhooks;
using Hangfire;

namespace Dashboard.Infrastructure.Sources.Stripe;

/// <summary>Stripe's webhooks on the connector route: the Stripe-Signature check of <see cref="StripeWebhookReceiver"/>, processed by <see cref="StripeWebhookJob"/>.</summary>
public sealed class StripeConnectorWebhook(StripeWebhookReceiver receiver) : IConnectorWebhook
{
    public SourceProvider Provider => SourceProvider.Stripe;

    public async Task<WebhookVerdict> VerifyAsync(long sourceId, WebhookDelivery delivery, CancellationToken cancellationToken) =>
        await receiver.VerifyAsync(sourceId, delivery.Body, delivery.Header("Stripe-Signature"), cancellationToken) switch
        {
            StripeWebhookOutcome.Verified => WebhookVerdict.Verified,
            StripeWebhookOutcome.UnknownSource => WebhookVerdict.UnknownSource,
            _ => WebhookVerdict.InvalidSignature,
        };

    public string Enqueue(IBackgroundJobClient jobs, long sourceId, WebhookDelivery delivery) =>
        StripeWebhookJob.Enqueue(jobs, sourceId, delivery.Body);
}
