using Dashboard.Infrastructure.Sources.Stripe.Sync;
using Sdk = Stripe;

namespace Dashboard.Infrastructure.Sources.Stripe.Events;

/// <summary>Routes each event to the one handler of its type; events of other types are not needed and are ignored.</summary>
public sealed class StripeEventDispatcher
{
    private readonly Dictionary<string, IStripeEventHandler> handlers;

    public StripeEventDispatcher(IEnumerable<IStripeEventHandler> handlers)
    {
        this.handlers = new Dictionary<string, IStripeEventHandler>(StringComparer.Ordinal);
        foreach (var handler in handlers)
        {
            foreach (var type in handler.EventTypes)
            {
                if (!this.handlers.TryAdd(type, handler))
                {
                    throw new InvalidOperationException($"Two handlers claim the Stripe event type '{type}'.");
                }
            }
        }
    }

    public IReadOnlyCollection<string> EventTypes => handlers.Keys;

    public bool Handles(string? type) => type is not null && handlers.ContainsKey(type);

    /// <summary>Applies <paramref name="stripeEvent"/>; false when its type is not one the dashboard needs.</summary>
    public Task<bool> DispatchAsync(StripeSyncScope scope, Sdk.Event stripeEvent, CancellationToken cancellationToken) =>
        DispatchAsync(scope, stripeEvent, StripeEventOrder.Newest, cancellationToken);

    /// <summary>Applies <paramref name="stripeEvent"/>, telling its handler where it stands (<see cref="StripeEventOrder"/>).</summary>
    public async Task<bool> DispatchAsync(StripeSyncScope scope, Sdk.Event stripeEvent, StripeEventOrder order, CancellationToken cancellationToken)
    {
        if (!handlers.TryGetValue(stripeEvent.Type, out var handler))
        {
            return false;
        }

        await handler.HandleAsync(scope, stripeEvent, order, cancellationToken);
        return true;
    }
}
