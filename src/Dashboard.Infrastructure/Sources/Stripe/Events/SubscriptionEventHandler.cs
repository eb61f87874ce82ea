using Dashboard.Infrastructure.Sources.Stripe.Api;
using Dashboard.Infrastructure.Sources.Stripe.Sync;

namespace Dashboard.Infrastructure.Sources.Stripe.Events;

/// <summary>
/// customer.subscription.* rebuild the subscription from the event's snapshot and its invoices. When the event
/// changed the items (plan or quantity), the event's time dates the new terms exactly.
/// </summary>
internal sealed class SubscriptionEventHandler(IStripeClient client, StripeObjectImporter importer) : IStripeEventHandler
{
    public IReadOnlyCollection<string> EventTypes { get; } =
    [
        "customer.subscription.created", "customer.subscription.updated", "customer.subscription.deleted",
        "customer.subscription.paused", "customer.subscription.resumed", "customer.subscription.pending_update_applied",
    ];

    public async Task HandleAsync(StripeSyncScope scope, StripeEvent stripeEvent, CancellationToken cancellationToken)
    {
        var subscription = stripeEvent.ObjectAs<StripeSubscription>();
        if (subscription.Discounts is { Count: > 0 } discounts && discounts.Any(d => d.Value is null))
        {
            // Events carry discounts as ids; the coupons behind them come from the subscription read with expansions.
            var current = await client.GetAsync<StripeSubscription>(
                scope.Connection, $"v1/subscriptions/{Uri.EscapeDataString(subscription.Id)}", StripeListRequest.SubscriptionExpand, cancellationToken);
            subscription = subscription with { Discounts = current.Discounts };
        }

        var itemsChanged = stripeEvent.Data.PreviousAttributes is { ValueKind: System.Text.Json.JsonValueKind.Object } previous
            && previous.TryGetProperty("items", out _);
        var since = itemsChanged || stripeEvent.Type == "customer.subscription.pending_update_applied"
            ? new Dictionary<string, DateTimeOffset> { [subscription.Id] = StripeJson.ToInstant(stripeEvent.Created) }
            : null;
        await importer.ImportSubscriptionsAsync(scope, [subscription], cancellationToken, since);
    }
}
