using Dashboard.Infrastructure.Sources.Stripe.Api;
using Dashboard.Infrastructure.Sources.Stripe.Sync;
using Sdk = Stripe;

namespace Dashboard.Infrastructure.Sources.Stripe.Events;

/// <summary>
/// charge.* re-read the charge with its balance transaction (the fee is known only there); charge.refunded also
/// brings in the charge's refunds.
/// </summary>
internal sealed class ChargeEventHandler(IStripeApi api, StripeObjectImporter importer) : IStripeEventHandler
{
    public IReadOnlyCollection<string> EventTypes { get; } =
        ["charge.succeeded", "charge.failed", "charge.captured", "charge.updated", "charge.refunded"];

    public async Task HandleAsync(StripeSyncScope scope, Sdk.Event stripeEvent, CancellationToken cancellationToken)
    {
        var id = stripeEvent.ObjectId!;
        var stripe = api.Client(scope.Connection);
        var charge = await stripe.V1.Charges.GetAsync(id, new Sdk.ChargeGetOptions { Expand = ["balance_transaction"] }, null, cancellationToken);
        await importer.ImportChargesAsync(scope, [charge], cancellationToken);
        if (stripeEvent.Type != "charge.refunded")
        {
            return;
        }

        var refunds = new List<Sdk.Refund>();
        await foreach (var refund in stripe.V1.Refunds.ListAutoPagingAsync(new Sdk.RefundListOptions { Charge = id }, null, cancellationToken))
        {
            refunds.Add(refund);
        }

        await importer.ImportRefundsAsync(scope, refunds, cancellationToken);
    }
}
