using Dashboard.Infrastructure.Sources.Stripe.Api;
using Dashboard.Infrastructure.Sources.Stripe.Sync;

namespace Dashboard.Infrastructure.Sources.Stripe.Events;

/// <summary>
/// charge.* re-read the charge with its balance transaction (the fee is known only there); charge.refunded also
/// brings in the charge's refunds.
/// </summary>
internal sealed class ChargeEventHandler(IStripeClient client, StripeObjectImporter importer) : IStripeEventHandler
{
    public IReadOnlyCollection<string> EventTypes { get; } =
        ["charge.succeeded", "charge.failed", "charge.captured", "charge.updated", "charge.refunded"];

    public async Task HandleAsync(StripeSyncScope scope, StripeEvent stripeEvent, CancellationToken cancellationToken)
    {
        var id = stripeEvent.ObjectId!;
        var charge = await client.GetAsync<StripeCharge>(scope.Connection, $"v1/charges/{Uri.EscapeDataString(id)}", ["balance_transaction"], cancellationToken);
        await importer.ImportChargesAsync(scope, [charge], cancellationToken);
        if (stripeEvent.Type != "charge.refunded")
        {
            return;
        }

        await foreach (var page in client.PagesAsync<StripeRefund>(scope.Connection, StripeListRequest.RefundsOf(id), cancellationToken))
        {
            await importer.ImportRefundsAsync(scope, page, cancellationToken);
        }
    }
}
