using Dashboard.Infrastructure.Sources.Stripe.Api;
using Dashboard.Infrastructure.Sources.Stripe.Sync;

namespace Dashboard.Infrastructure.Sources.Stripe.Events;

/// <summary>refund.created / refund.updated / charge.refund.updated re-read the refund (its status may have moved on).</summary>
internal sealed class RefundEventHandler(IStripeClient client, StripeObjectImporter importer) : IStripeEventHandler
{
    public IReadOnlyCollection<string> EventTypes { get; } = ["refund.created", "refund.updated", "charge.refund.updated"];

    public async Task HandleAsync(StripeSyncScope scope, StripeEvent stripeEvent, CancellationToken cancellationToken)
    {
        var id = stripeEvent.ObjectId!;
        var refund = await client.GetAsync<StripeRefund>(scope.Connection, $"v1/refunds/{Uri.EscapeDataString(id)}", null, cancellationToken);
        await importer.ImportRefundsAsync(scope, [refund], cancellationToken);
    }
}
