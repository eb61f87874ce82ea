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

    /// <summary>
    /// Applies an event knowing where it stands among its object's events; a handler that takes nothing from the event
    /// but its object's id ignores <paramref name="order"/>, since it writes the object's current state either way.
    /// </summary>
    Task HandleAsync(StripeSyncScope scope, Sdk.Event stripeEvent, StripeEventOrder order, CancellationToken cancellationToken) =>
        HandleAsync(scope, stripeEvent, cancellationToken);
}

/// <summary>Where an event stands among the events already applied for its object.</summary>
/// <param name="Late">A newer event of the same object was applied already.</param>
/// <param name="TermsLate">A newer event that changed the same subscription's items was applied already, so this
/// event's time no longer dates the current terms.</param>
public sealed record StripeEventOrder(bool Late, bool TermsLate)
{
    public static readonly StripeEventOrder Newest = new(false, false);
}
