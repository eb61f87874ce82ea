using Dashboard.Infrastructure.Sources.Stripe.Sync;
using Sdk = Stripe;

namespace Dashboard.Infrastructure.Sources.Stripe.Events;

/// <summary>
/// Applies the Stripe events of the types it names to the store. An event is a notification: the handler reads the
/// object it names again, in the pinned API version, rather than trusting the event's copy (rendered in the account's
/// or endpoint's own version).
/// </summary>
public interface IStripeEventHandler
{
    IReadOnlyCollection<string> EventTypes { get; }

    Task HandleAsync(StripeSyncScope scope, Sdk.Event stripeEvent, CancellationToken cancellationToken);
}
