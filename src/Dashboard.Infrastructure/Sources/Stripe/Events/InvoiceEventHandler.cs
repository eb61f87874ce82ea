using Dashboard.Infrastructure.Sources.Stripe.Api;
using Dashboard.Infrastructure.Sources.Stripe.Sync;

namespace Dashboard.Infrastructure.Sources.Stripe.Events;

/// <summary>
/// invoice.* rebuild the invoice's subscription (its history comes from its invoices); a paid invoice's charges are
/// re-imported afterwards, since only now can they be linked to the subscription.
/// </summary>
internal sealed class InvoiceEventHandler(IStripeClient client, StripeObjectImporter importer) : IStripeEventHandler
{
    public IReadOnlyCollection<string> EventTypes { get; } =
    [
        "invoice.created", "invoice.finalized", "invoice.updated", "invoice.paid", "invoice.payment_succeeded",
        "invoice.payment_failed", "invoice.voided", "invoice.marked_uncollectible",
    ];

    public async Task HandleAsync(StripeSyncScope scope, StripeEvent stripeEvent, CancellationToken cancellationToken)
    {
        var invoice = stripeEvent.ObjectAs<StripeInvoice>();
        if (invoice.SubscriptionId is not { } subscriptionId)
        {
            return;
        }

        var subscription = await client.GetAsync<StripeSubscription>(
            scope.Connection, $"v1/subscriptions/{Uri.EscapeDataString(subscriptionId)}", StripeListRequest.SubscriptionExpand, cancellationToken);
        await importer.ImportSubscriptionsAsync(scope, [subscription], cancellationToken);
        if (stripeEvent.Type is not ("invoice.paid" or "invoice.payment_succeeded"))
        {
            return;
        }

        var paid = await client.GetAsync<StripeInvoice>(scope.Connection, $"v1/invoices/{Uri.EscapeDataString(invoice.Id)}", ["payments"], cancellationToken);
        var charges = new List<StripeCharge>();
        foreach (var payment in paid.Payments?.Data ?? [])
        {
            var chargeId = payment.Payment?.Charge?.Id;
            if (chargeId is null && payment.Payment?.PaymentIntent?.Id is { } intentId)
            {
                var intent = await client.GetAsync<StripePaymentIntent>(scope.Connection, $"v1/payment_intents/{Uri.EscapeDataString(intentId)}", null, cancellationToken);
                chargeId = intent.LatestCharge;
            }

            if (chargeId is not null)
            {
                charges.Add(await client.GetAsync<StripeCharge>(scope.Connection, $"v1/charges/{Uri.EscapeDataString(chargeId)}", ["balance_transaction"], cancellationToken));
            }
        }

        await importer.ImportChargesAsync(scope, charges, cancellationToken);
    }
}
