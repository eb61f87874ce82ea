using Dashboard.Core.Billing;
using Dashboard.Infrastructure.Import.Operations;

namespace Dashboard.Infrastructure.Import.Batches;

internal sealed partial class BatchPlanner
{
    /// <summary>New subscriptions already reported as created, so a second post of one in the batch reads as an update.</summary>
    private readonly HashSet<SubscriptionDraft> recordedDrafts = [];

    private void PlanSubscription(int index, SubscriptionImport operation)
    {
        var customer = FindCustomer(index, operation.CustomerOid!, "customer_oid");
        var plan = FindPlan(index, operation.PlanOid!, "plan_oid");
        if (customer is null || plan is null)
        {
            return;
        }

        var startedAt = Normalize.Instant(operation.StartedAt!.Value);
        var terms = new Terms(plan, operation.Quantity ?? 1, operation.Discount ?? 0, operation.Status ?? SubscriptionStatus.Active,
            AddOns(operation.AddOns) ?? [], operation.Amount, CurrencyOf(operation.Currency));
        var draft = FindDraft(operation.Oid!);
        if (draft is null)
        {
            draft = new SubscriptionDraft
            {
                Entity = new Subscription { SourceId = SourceId, ExternalId = operation.Oid! },
                IsNew = true,
                Customer = customer,
            };
            draft.States.Add(new StateDraft(null, startedAt, terms));
            drafts[operation.Oid!] = draft;
        }
        else if (draft.States.Count > 1 && draft.States[1].EffectiveFrom <= startedAt)
        {
            Error(index, "started_at", $"The subscription has a change recorded at {draft.States[1].EffectiveFrom:O}; it must start before that.");
            return;
        }

        if (Normalize.Instant(operation.CanceledAt) is { } canceledAt && draft.States[^1].EffectiveFrom > canceledAt)
        {
            Error(index, "canceled_at", $"is before the subscription's change at {draft.States[^1].EffectiveFrom:O}.");
            return;
        }

        var unchanged = !draft.IsNew && draft.Customer == customer && draft.StartedAt == startedAt &&
            draft.TrialEnd == Normalize.Instant(operation.TrialEnd) && draft.CanceledAt == Normalize.Instant(operation.CanceledAt) &&
            (operation.CancelRequestedAt is null || draft.CancelRequestedAt == Normalize.Instant(operation.CancelRequestedAt)) &&
            draft.States[0].EffectiveFrom == startedAt && draft.States[0].Terms.SameAs(terms);
        affectedCustomers.Add(draft.Customer);
        draft.Customer = customer;
        draft.StartedAt = startedAt;
        draft.TrialEnd = Normalize.Instant(operation.TrialEnd);
        draft.CanceledAt = Normalize.Instant(operation.CanceledAt);
        draft.CancelRequestedAt = Normalize.Instant(operation.CancelRequestedAt) ?? draft.CancelRequestedAt;
        var initial = draft.States[0];
        if (!unchanged && (initial.EffectiveFrom != startedAt || !initial.Terms.SameAs(terms)))
        {
            initial.EffectiveFrom = startedAt;
            initial.Terms = terms;
            initial.Dirty = true;
        }

        Touch(draft);
        var created = draft.IsNew && recordedDrafts.Add(draft);
        Record(index, created ? ImportOutcome.Created : unchanged ? ImportOutcome.Unchanged : ImportOutcome.Updated, () => draft.Entity.Id);
    }

    private void PlanChange(int index, SubscriptionChange operation)
    {
        var draft = FindDraft(operation.Oid!);
        var planOid = Normalize.Text(operation.PlanOid);
        var plan = planOid is null ? null : FindPlan(index, planOid, "plan_oid");
        if (draft is null)
        {
            Error(index, "oid", $"Subscription '{operation.Oid}' does not exist in source {SourceId}.", ImportErrorCode.NotFound);
            return;
        }

        var occurredAt = Normalize.Instant(operation.OccurredAt!.Value);
        if (occurredAt < draft.StartedAt)
        {
            Error(index, "occurred_at", $"is before the subscription started ({draft.StartedAt:O}).");
            return;
        }

        if (draft.CanceledAt is { } canceledAt && occurredAt >= canceledAt)
        {
            Error(index, "occurred_at", $"is not before the subscription's cancellation ({canceledAt:O}); " +
                "a customer who comes back gets a new subscription.");
            return;
        }

        if (planOid is not null && plan is null)
        {
            return;
        }

        var current = draft.InEffectAt(occurredAt)!.Terms;
        var terms = new Terms(plan ?? current.Plan, operation.Quantity ?? current.Quantity, operation.Discount ?? current.Discount,
            operation.Status ?? current.Status, AddOns(operation.AddOns) ?? current.AddOns, operation.Amount, CurrencyOf(operation.Currency));
        var atSameInstant = draft.States.FirstOrDefault(s => s.EffectiveFrom == occurredAt);
        ImportOutcome outcome;
        if (atSameInstant is not null && atSameInstant.Terms.SameAs(terms))
        {
            outcome = ImportOutcome.Unchanged;
        }
        else if (atSameInstant is not null)
        {
            atSameInstant.Terms = terms;
            atSameInstant.Dirty = true;
            outcome = ImportOutcome.Updated;
        }
        else
        {
            draft.Insert(new StateDraft(null, occurredAt, terms));
            outcome = ImportOutcome.Updated;
        }

        Touch(draft);
        Record(index, outcome, () => draft.Entity.Id);
    }

    private void PlanCancellation(int index, SubscriptionCancellation operation)
    {
        var draft = FindDraft(operation.Oid!);
        if (draft is null)
        {
            Error(index, "oid", $"Subscription '{operation.Oid}' does not exist in source {SourceId}.", ImportErrorCode.NotFound);
            return;
        }

        var canceledAt = Normalize.Instant(operation.CanceledAt!.Value);
        if (canceledAt < draft.StartedAt)
        {
            Error(index, "canceled_at", $"must not be before the subscription started ({draft.StartedAt:O}).");
            return;
        }

        if (draft.States[^1].EffectiveFrom > canceledAt)
        {
            Error(index, "canceled_at", $"is before the subscription's change at {draft.States[^1].EffectiveFrom:O}.");
            return;
        }

        var requestedAt = Normalize.Instant(operation.CancelRequestedAt) ?? draft.CancelRequestedAt;
        var unchanged = draft.CanceledAt == canceledAt && draft.CancelRequestedAt == requestedAt;
        draft.CanceledAt = canceledAt;
        draft.CancelRequestedAt = requestedAt;
        Touch(draft);
        Record(index, unchanged ? ImportOutcome.Unchanged : ImportOutcome.Updated, () => draft.Entity.Id);
    }

    private void PlanUncancellation(int index, SubscriptionUncancellation operation)
    {
        var draft = FindDraft(operation.Oid!);
        if (draft is null)
        {
            Error(index, "oid", $"Subscription '{operation.Oid}' does not exist in source {SourceId}.", ImportErrorCode.NotFound);
            return;
        }

        var unchanged = draft.CanceledAt is null && draft.CancelRequestedAt is null;
        draft.CanceledAt = null;
        draft.CancelRequestedAt = null;
        Touch(draft);
        Record(index, unchanged ? ImportOutcome.Unchanged : ImportOutcome.Updated, () => draft.Entity.Id);
    }

    private SubscriptionDraft? FindDraft(string oid)
    {
        if (drafts.TryGetValue(oid, out var draft))
        {
            return draft;
        }

        if (!snapshot.Subscriptions.TryGetValue(oid, out var stored))
        {
            return null;
        }

        draft = SubscriptionDraft.FromStored(stored, snapshot.CustomersById[stored.CustomerId], snapshot.PlansById);
        drafts[oid] = draft;
        return draft;
    }

    private Plan? FindPlan(int index, string oid, string field)
    {
        if (snapshot.Plans.TryGetValue(oid, out var plan))
        {
            return plan;
        }

        Error(index, field, $"Plan '{oid}' does not exist in source {SourceId}; import it first or in the same batch.", ImportErrorCode.NotFound);
        return null;
    }

    private void Touch(SubscriptionDraft draft)
    {
        touchedDrafts.Add(draft);
        affectedCustomers.Add(draft.Customer);
    }

    private static string? CurrencyOf(string? currency) => currency is null ? null : Core.Money.Currency.Normalize(currency);

    private static List<AddOnTerms>? AddOns(IReadOnlyList<AddOnImport>? addOns) =>
        addOns?.Select(a => new AddOnTerms(a.Oid!, a.Amount!.Value, a.Quantity ?? 1)).ToList();
}
