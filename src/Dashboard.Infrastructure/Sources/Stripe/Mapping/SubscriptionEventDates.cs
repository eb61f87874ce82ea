namespace Dashboard.Infrastructure.Sources.Stripe.Mapping;

/// <summary>
/// What Stripe's events tell about when a subscription's collection was paused or resumed, which the subscription
/// object does not say: the <c>created</c> of the <c>customer.subscription.updated</c> event that changed
/// <c>pause_collection</c> (the moment Stripe recorded the change), never the time a job or a sync read it.
/// </summary>
/// <param name="PausedAt">When the current paused collection began (an event whose previous <c>pause_collection</c> was null).</param>
/// <param name="StatusChangedAt">When the event changed the status or the paused collection: the end of a paused (or
/// past-due) state stored earlier that Stripe no longer shows.</param>
public sealed record SubscriptionEventDates(DateTimeOffset? PausedAt = null, DateTimeOffset? StatusChangedAt = null);
