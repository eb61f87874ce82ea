using Dashboard.Core.Billing;
using Dashboard.Infrastructure.Data;

namespace Dashboard.Infrastructure.Import.Batches;

/// <summary>The terms of one subscription state, compared by value to tell a retried change from a new one.</summary>
internal sealed record Terms(Plan Plan, int Quantity, long Discount, SubscriptionStatus Status, IReadOnlyList<AddOnTerms> AddOns,
    long? Amount = null, string? Currency = null)
{
    public bool SameAs(Terms other) =>
        ReferenceEquals(Plan, other.Plan) && Quantity == other.Quantity && Discount == other.Discount && Status == other.Status &&
        Amount == other.Amount && Currency == other.Currency &&
        AddOns.OrderBy(a => a.Oid, StringComparer.Ordinal).SequenceEqual(other.AddOns.OrderBy(a => a.Oid, StringComparer.Ordinal));

    public static Terms Of(SubscriptionState state, Plan plan) => new(plan, state.Quantity, state.DiscountMinor, state.Status,
        [.. state.AddOns.Select(a => new AddOnTerms(a.ExternalId, a.AmountMinor, a.Quantity))], state.AmountMinor, state.Currency);
}

internal sealed record AddOnTerms(string Oid, long Amount, int Quantity);

internal sealed class StateDraft(SubscriptionState? existing, DateTimeOffset effectiveFrom, Terms terms)
{
    public SubscriptionState? Existing { get; } = existing;
    public DateTimeOffset EffectiveFrom { get; set; } = effectiveFrom;
    public Terms Terms { get; set; } = terms;
    public bool Dirty { get; set; } = existing is null;
}

/// <summary>
/// A subscription as the batch wants it, built in memory while planning and written in the subscriptions phase,
/// when the customers and plans it points to have their ids.
/// </summary>
internal sealed class SubscriptionDraft
{
    public required Subscription Entity { get; init; }
    public required bool IsNew { get; init; }
    public required Customer Customer { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? TrialEnd { get; set; }
    public DateTimeOffset? CanceledAt { get; set; }
    public DateTimeOffset? CancelRequestedAt { get; set; }

    /// <summary>Ordered by <see cref="StateDraft.EffectiveFrom"/>; the first is the initial state at <see cref="StartedAt"/>.</summary>
    public List<StateDraft> States { get; } = [];

    public static SubscriptionDraft FromStored(Subscription subscription, Customer customer, IReadOnlyDictionary<long, Plan> plans)
    {
        var draft = new SubscriptionDraft
        {
            Entity = subscription,
            IsNew = false,
            Customer = customer,
            StartedAt = subscription.StartedAt,
            TrialEnd = subscription.TrialEnd,
            CanceledAt = subscription.CanceledAt,
            CancelRequestedAt = subscription.CancelRequestedAt,
        };
        draft.States.AddRange(subscription.States
            .OrderBy(s => s.EffectiveFrom).ThenBy(s => s.Id)
            .Select(s => new StateDraft(s, s.EffectiveFrom, Terms.Of(s, plans[s.PlanId]))));
        return draft;
    }

    public bool FieldsDiffer(Subscription stored) =>
        stored.CustomerId != Customer.Id || stored.StartedAt != StartedAt || stored.TrialEnd != TrialEnd ||
        stored.CanceledAt != CanceledAt || stored.CancelRequestedAt != CancelRequestedAt;

    public StateDraft? InEffectAt(DateTimeOffset instant) => States.LastOrDefault(s => s.EffectiveFrom <= instant);

    public void Insert(StateDraft state)
    {
        var position = States.FindLastIndex(s => s.EffectiveFrom <= state.EffectiveFrom) + 1;
        States.Insert(position, state);
    }

    /// <summary>Writes the draft onto the tracked entity; call once the customer and plans have ids.</summary>
    public void ApplyTo(NewRows newRows)
    {
        Entity.CustomerId = Customer.Id;
        Entity.StartedAt = StartedAt;
        Entity.TrialEnd = TrialEnd;
        Entity.CanceledAt = CanceledAt;
        Entity.CancelRequestedAt = CancelRequestedAt;
        foreach (var state in States.Where(s => s.Dirty))
        {
            var entity = state.Existing ?? new SubscriptionState();
            entity.EffectiveFrom = state.EffectiveFrom;
            entity.PlanId = state.Terms.Plan.Id;
            entity.Quantity = state.Terms.Quantity;
            entity.DiscountMinor = state.Terms.Discount;
            entity.AmountMinor = state.Terms.Amount;
            entity.Currency = state.Terms.Currency;
            entity.Status = state.Terms.Status;
            if (state.Existing is null || !Terms.Of(state.Existing, state.Terms.Plan).AddOns.SequenceEqual(state.Terms.AddOns))
            {
                entity.AddOns.Clear();
                entity.AddOns.AddRange(state.Terms.AddOns.Select(a =>
                    new SubscriptionAddOn { ExternalId = a.Oid, AmountMinor = a.Amount, Quantity = a.Quantity }));
            }

            if (state.Existing is null)
            {
                Entity.States.Add(entity);
            }
        }

        if (IsNew)
        {
            newRows.Add(Entity);
        }
    }
}
