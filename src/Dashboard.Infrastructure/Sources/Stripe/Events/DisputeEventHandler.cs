using Dashboard.Infrastructure.Sources.Stripe.Api;
using Dashboard.Infrastructure.Sources.Stripe.Sync;
using Sdk = Stripe;

namespace Dashboard.Infrastructure.Sources.Stripe.Events;

/// <summary>
/// charge.dispute.* re-read the dispute: a lost one is stored as a dispute of its charge, any other status removes it
/// (funds reinstated after a win, or a dispute still open).
/// </summary>
internal sealed class DisputeEventHandler(IStripeApi api, StripeObjectImporter importer) : IStripeEventHandler
{
    public IReadOnlyCollection<string> EventTypes { get; } =
    [
        "charge.dispute.created", "charge.dispute.updated", "charge.dispute.closed",
        "charge.dispute.funds_withdrawn", "charge.dispute.funds_reinstated",
    ];

    public async Task HandleAsync(StripeSyncScope scope, Sdk.Event stripeEvent, CancellationToken cancellationToken)
    {
        var dispute = await api.Client(scope.Connection).V1.Disputes.GetAsync(stripeEvent.ObjectId!, null, null, cancellationToken);
        await importer.ImportDisputesAsync(scope, [dispute], cancellationToken);
    }
}
