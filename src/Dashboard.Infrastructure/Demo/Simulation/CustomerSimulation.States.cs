using Dashboard.Core.Billing;

namespace Dashboard.Infrastructure.Demo.Simulation;

// The subscription history: states appended in time order, then written as rows with their add-ons.
internal sealed partial class CustomerSimulation
{
    private static void Put(List<PendingState> states, DateTimeOffset at, Terms terms, SubscriptionStatus status)
    {
        if (states.Count > 0)
        {
            var last = states[^1];
            if (last.At > at)
            {
                throw new InvalidOperationException("Demo subscription states must be appended in time order.");
            }

            if (last.At == at)
            {
                states[^1] = new PendingState(at, terms, status);
                if (states.Count > 1 && states[^2].Status == status && states[^2].Terms.SameAs(terms))
                {
                    states.RemoveAt(states.Count - 1);
                }

                return;
            }

            if (last.Status == status && last.Terms.SameAs(terms))
            {
                return;
            }
        }

        states.Add(new PendingState(at, terms, status));
    }

    private void Materialize(Subscription subscription, List<PendingState> states)
    {
        batch.Subscriptions.Add(subscription);
        foreach (var pending in states)
        {
            var state = new SubscriptionState
            {
                Id = ++ids.State,
                SubscriptionId = subscription.Id,
                EffectiveFrom = pending.At,
                PlanId = pending.Terms.Plan.Plan.Id,
                Quantity = pending.Terms.Quantity,
                DiscountMinor = Discount(pending.Terms),
                Status = pending.Status,
            };
            foreach (var addOn in pending.Terms.AddOns)
            {
                var row = new SubscriptionAddOn
                {
                    Id = ++ids.AddOn,
                    SubscriptionStateId = state.Id,
                    ExternalId = addOn.ExternalId,
                    AmountMinor = AddOnPeriodAmount(addOn.Kind, pending.Terms.Plan),
                    Quantity = addOn.Quantity,
                };
                state.AddOns.Add(row);
                batch.AddOns.Add(row);
            }

            subscription.States.Add(state);
            batch.States.Add(state);
        }
    }
}
