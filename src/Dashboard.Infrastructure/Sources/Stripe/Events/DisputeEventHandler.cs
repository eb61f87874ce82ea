using Dashboard.Infrastructure.Sources.Stripe.Api;
using Dashboard.Infrastructure.Sources.Stripe.Sync;
using Sdk = Stripe;

namespace Dashboard.Infrastructure.Sources.Stripe.Events;

/// <summary>
/// charge.dispute.* re-read the dispute: a lost one is stored as a dispute of its charge, dated by its
/// charge.dispute.closed event when that is the event; any other status removes it (funds reinstated after a win, or a
/// dispute still open).
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
        // The closed event's time is the day a lost dispute was lost; the dispute object itself has no closing time.
        var closedAt = stripeEvent.Type == "charge.dispute.closed"
            ? new Dictionary<string, DateTimeOffset> { [dispute.Id] = StripeTime.ToInstant(stripeEvent.Created) }
            : null;
        await importer.ImportDisputesAsync(scope, [dispute], cancellationToken, closedAt);
    }
}
