using Dashboard.Infrastructure.Sources.Stripe.Api;
using Dashboard.Infrastructure.Sources.Stripe.Sync;
using Sdk = Stripe;

namespace Dashboard.Infrastructure.Sources.Stripe.Events;

/// <summary>refund.created / refund.updated / charge.refund.updated re-read the refund (its status may have moved on).</summary>
internal sealed class RefundEventHandler(IStripeApi api, StripeObjectImporter importer) : IStripeEventHandler
{
    public IReadOnlyCollection<string> EventTypes { get; } = ["refund.created", "refund.updated", "charge.refund.updated"];

    public async Task HandleAsync(StripeSyncScope scope, Sdk.Event stripeEvent, CancellationToken cancellationToken)
    {
        var refund = await api.Client(scope.Connection).V1.Refunds.GetAsync(stripeEvent.ObjectId!, null, null, cancellationToken);
        await importer.ImportRefundsAsync(scope, [refund], cancellationToken);
    }
}
