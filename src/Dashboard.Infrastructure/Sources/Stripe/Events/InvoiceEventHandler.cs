using Dashboard.Infrastructure.Sources.Stripe.Api;
using Dashboard.Infrastructure.Sources.Stripe.Sync;
using Sdk = Stripe;

namespace Dashboard.Infrastructure.Sources.Stripe.Events;

/// <summary>
/// invoice.* re-read the invoice in the pinned version and rebuild its subscription (its history comes from its
/// invoices); a paid invoice's charges are re-imported afterwards, since only now can they be linked to the subscription.
/// </summary>
internal sealed class InvoiceEventHandler(IStripeApi api, StripeObjectImporter importer) : IStripeEventHandler
{
    public IReadOnlyCollection<string> EventTypes { get; } =
    [
        "invoice.created", "invoice.finalized", "invoice.updated", "invoice.paid", "invoice.payment_succeeded",
        "invoice.payment_failed", "invoice.voided", "invoice.marked_uncollectible",
    ];

    public async Task HandleAsync(StripeSyncScope scope, Sdk.Event stripeEvent, CancellationToken cancellationToken)
    {
        var stripe = api.Client(scope.Connection);
        var paid = stripeEvent.Type is "invoice.paid" or "invoice.payment_succeeded";
        var invoice = await stripe.V1.Invoices.GetAsync(
            stripeEvent.ObjectId!, paid ? new Sdk.InvoiceGetOptions { Expand = ["payments"] } : null, null, cancellationToken);
        if (invoice.SubscriptionRef is not { } subscriptionId)
        {
            return;
        }

        var subscription = await stripe.V1.Subscriptions.GetAsync(
            subscriptionId, new Sdk.SubscriptionGetOptions { Expand = [.. StripeListRequest.SubscriptionExpand] }, null, cancellationToken);
        await importer.ImportSubscriptionsAsync(scope, [subscription], cancellationToken);
        if (!paid)
        {
            return;
        }

        var charges = new List<Sdk.Charge>();
        foreach (var payment in invoice.Payments?.Data ?? [])
        {
            var chargeId = payment.Payment?.ChargeId;
            if (chargeId is null && payment.Payment?.PaymentIntentId is { } intentId)
            {
                var intent = await stripe.V1.PaymentIntents.GetAsync(intentId, null, null, cancellationToken);
                chargeId = intent.LatestChargeId;
            }

            if (chargeId is not null)
            {
                charges.Add(await stripe.V1.Charges.GetAsync(chargeId, new Sdk.ChargeGetOptions { Expand = ["balance_transaction"] }, null, cancellationToken));
            }
        }

        await importer.ImportChargesAsync(scope, charges, cancellationToken);
    }
}
