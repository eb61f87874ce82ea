using Dashboard.Infrastructure.Sources.Stripe.Api;
using Dashboard.Infrastructure.Sources.Stripe.Sync;

namespace Dashboard.Infrastructure.Sources.Stripe.Events;

/// <summary>Applies the Stripe events of the types it names to the store.</summary>
public interface IStripeEventHandler
{
    IReadOnlyCollection<string> EventTypes { get; }

    Task HandleAsync(StripeSyncScope scope, StripeEvent stripeEvent, CancellationToken cancellationToken);
}
