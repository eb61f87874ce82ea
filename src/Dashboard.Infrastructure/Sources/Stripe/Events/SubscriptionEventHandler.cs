using Dashboard.Infrastructure.Sources.Stripe.Api;
using Dashboard.Infrastructure.Sources.Stripe.Sync;
using Sdk = Stripe;

namespace Dashboard.Infrastructure.Sources.Stripe.Events;

/// <summary>
/// customer.subscription.* re-read the subscription in the pinned version (coupons expanded) and rebuild it with its
/// invoices. When the event changed the items (plan or quantity), the event's time dates the new terms exactly.
/// </summary>
internal sealed class SubscriptionEventHandler(IStripeApi api, StripeObjectImporter importer) : IStripeEventHandler
{
    public IReadOnlyCollection<string> EventTypes { get; } =
    [
        "customer.subscription.created", "customer.subscription.updated", "customer.subscription.deleted",
        "customer.subscription.paused", "customer.subscription.resumed", "customer.subscription.pending_update_applied",
    ];

    public Task HandleAsync(StripeSyncScope scope, Sdk.Event stripeEvent, CancellationToken cancellationToken) =>
        HandleAsync(scope, stripeEvent, StripeEventOrder.Newest, cancellationToken);

    /// <summary>A late items change still dates the current terms, unless a newer items change was applied already.</summary>
    public async Task HandleAsync(StripeSyncScope scope, Sdk.Event stripeEvent, StripeEventOrder order, CancellationToken cancellationToken)
    {
        var subscription = await api.Client(scope.Connection).V1.Subscriptions.GetAsync(
            stripeEvent.ObjectId!, new Sdk.SubscriptionGetOptions { Expand = [.. StripeListRequest.SubscriptionExpand] }, null, cancellationToken);
        var itemsChanged = stripeEvent.Changed("items");
        var since = (itemsChanged || stripeEvent.Type == "customer.subscription.pending_update_applied") && !order.TermsLate
            ? new Dictionary<string, DateTimeOffset> { [subscription.Id] = StripeTime.ToInstant(stripeEvent.Created) }
            : null;
        await importer.ImportSubscriptionsAsync(scope, [subscription], cancellationToken, since);
    }
}
