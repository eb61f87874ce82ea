using Dashboard.Infrastructure.Sources.Stripe.Api;
using Dashboard.Infrastructure.Sources.Stripe.Mapping;
using Dashboard.Infrastructure.Sources.Stripe.Sync;
using Newtonsoft.Json.Linq;
using Sdk = Stripe;

namespace Dashboard.Infrastructure.Sources.Stripe.Events;

/// <summary>
/// customer.subscription.* re-read the subscription in the pinned version (coupons expanded) and rebuild it with its
/// invoices. Whatever the event changed without an invoice is dated at the event's <c>created</c>, the moment Stripe
/// recorded it, so a job run late or retried gives the same history as a prompt one: new items (plan or quantity), a
/// paused collection starting (its previous <c>pause_collection</c> was null) and a pause or status ending.
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
        var at = StripeTime.ToInstant(stripeEvent.Created);
        var itemsChanged = stripeEvent.Changed("items");
        var since = (itemsChanged || stripeEvent.Type == "customer.subscription.pending_update_applied") && !order.TermsLate
            ? new Dictionary<string, DateTimeOffset> { [subscription.Id] = at }
            : null;
        // A late event dates nothing: a newer one for the subscription was applied and told its current state.
        var dates = order.Late ? null : DatesOf(stripeEvent, at);
        await importer.ImportSubscriptionsAsync(scope, [subscription], cancellationToken, since,
            eventDates: dates is null ? null : new Dictionary<string, SubscriptionEventDates> { [subscription.Id] = dates });
    }

    /// <summary>
    /// The instants the event gives a pause: it started here when the previous <c>pause_collection</c> was null, and a
    /// change of <c>pause_collection</c> or <c>status</c> ends a paused or past-due state stored earlier.
    /// </summary>
    internal static SubscriptionEventDates? DatesOf(Sdk.Event stripeEvent, DateTimeOffset at)
    {
        var pauseChanged = stripeEvent.Changed("pause_collection");
        if (!pauseChanged && !stripeEvent.Changed("status"))
        {
            return null;
        }

        var pauseStarted = pauseChanged && stripeEvent.Data.PreviousAttributes is JObject previous
            && previous["pause_collection"]?.Type == JTokenType.Null;
        return new SubscriptionEventDates(pauseStarted ? at : null, at);
    }
}
