using Dashboard.Core.Billing;
using Dashboard.Infrastructure.Import.Operations;
using Dashboard.Infrastructure.Sources.Braintree.Api;

namespace Dashboard.Infrastructure.Sources.Braintree.Mapping;

/// <summary>A subscription's operations, and the plan variants they use (written before them).</summary>
public sealed record BraintreeSubscriptionImport(IReadOnlyList<PlanImport> Plans, IReadOnlyList<ImportOperation> Operations);

/// <summary>
/// Turns a subscription and its status_history into the store's history of states. Every entry of the history that is
/// Active or Past Due dates terms (plan and price of that entry, Active or PastDue); the first Canceled or Expired
/// entry ends the subscription; Pending entries mean it has not begun (it begins at its first billing date).
/// Add-ons and discounts are those the subscription has now; one with a number of billing cycles stops applying
/// after that many cycles from the first billing date.
/// </summary>
public static class BraintreeSubscriptionMapper
{
    public const string Active = "Active";
    public const string PastDue = "Past Due";
    public const string Pending = "Pending";
    public const string Canceled = "Canceled";
    public const string Expired = "Expired";

    public static bool IsFinal(string status) => status is Canceled or Expired;

    /// <summary>Null when the subscription ended before it began (canceled while pending): there is nothing to store.</summary>
    public static BraintreeSubscriptionImport? Map(
        BraintreeSubscription subscription, string customerId, BraintreePlan? plan, Func<string, BraintreePlan?> planById, string currency, string defaultCurrency)
    {
        var history = subscription.StatusHistory.OrderBy(e => e.Timestamp).ToList();
        if (history.Count == 0)
        {
            history.Add(new BraintreeStatusEvent(subscription.CreatedAt, subscription.Status, subscription.Price, subscription.Balance, subscription.PlanId, currency));
        }

        var wasPending = history.Any(e => e.Status == Pending) && !subscription.TrialPeriod;
        var started = wasPending
            ? subscription.FirstBillingDate is { } first ? BraintreeMoney.Midnight(first) : history.FirstOrDefault(e => e.Status is Active or PastDue)?.Timestamp
            : subscription.CreatedAt;
        var ended = history.FirstOrDefault(e => IsFinal(e.Status))?.Timestamp
            ?? (IsFinal(subscription.Status) ? history[^1].Timestamp : (DateTimeOffset?)null);
        if (started is not { } start || (ended is { } end0 && end0 <= start))
        {
            return null;
        }

        var billing = history.Where(e => e.Status is Active or PastDue).ToList();
        if (billing.Count == 0)
        {
            billing.Add(new BraintreeStatusEvent(start, subscription.Status == PastDue ? PastDue : Active, subscription.Price, subscription.Balance, subscription.PlanId, currency));
        }

        var homePlan = plan ?? throw new InvalidOperationException($"Subscription {subscription.Id} is on plan '{subscription.PlanId}', which the merchant does not have.");
        var anchor = subscription.FirstBillingDate is { } billingDate ? BraintreeMoney.Midnight(billingDate) : start;
        var modifications = subscription.AddOns.Select(m => (m, IsDiscount: false))
            .Concat(subscription.Discounts.Select(m => (m, IsDiscount: true)))
            .Select(x => (x.m, x.IsDiscount, Until: Expiry(x.m, anchor, homePlan.BillingFrequency)))
            .ToList();

        var instants = new SortedSet<DateTimeOffset> { start };
        foreach (var at in billing.Select(e => e.Timestamp).Concat(modifications.Select(m => m.Until).OfType<DateTimeOffset>()))
        {
            if (at > start && (ended is null || at < ended))
            {
                instants.Add(at);
            }
        }

        var plans = new Dictionary<string, PlanImport>(StringComparer.Ordinal);
        var states = new List<(DateTimeOffset At, Terms Terms)>();
        foreach (var at in instants)
        {
            var entry = billing.LastOrDefault(e => e.Timestamp <= at) ?? billing[0];
            var entryPlan = entry.PlanId is { } id && id != homePlan.Id
                ? planById(id) ?? throw new InvalidOperationException($"Subscription {subscription.Id}: its history names plan '{id}', which the merchant does not have.")
                : homePlan;
            var storePlan = BraintreeCatalogMapper.PlanFor(entryPlan, defaultCurrency, entry.Price ?? subscription.Price, currency);
            plans[storePlan.Oid!] = storePlan;
            var active = modifications.Where(m => m.Until is null || m.Until > at).ToList();
            var discount = active.Where(m => m.IsDiscount)
                .Sum(m => BraintreeMoney.ToMinor(m.m.Amount, currency, $"Subscription {subscription.Id} discount {m.m.Id}") * (m.m.Quantity ?? 1));
            var addOns = active.Where(m => !m.IsDiscount).OrderBy(m => m.m.Id, StringComparer.Ordinal)
                .Select(m => new AddOnImport
                {
                    Oid = m.m.Id,
                    Amount = BraintreeMoney.ToMinor(m.m.Amount, currency, $"Subscription {subscription.Id} add-on {m.m.Id}"),
                    Quantity = m.m.Quantity ?? 1,
                })
                .ToList();
            var terms = new Terms(storePlan.Oid!, entry.Status == PastDue ? SubscriptionStatus.PastDue : SubscriptionStatus.Active, discount, addOns);
            if (states.Count == 0 || !states[^1].Terms.Same(terms))
            {
                states.Add((at, terms));
            }
        }

        var firstTerms = states[0].Terms;
        var operations = new List<ImportOperation>
        {
            new SubscriptionImport
            {
                Oid = subscription.Id,
                CustomerOid = customerId,
                PlanOid = firstTerms.PlanId,
                StartedAt = start,
                TrialEnd = subscription.TrialPeriod && subscription.FirstBillingDate is { } trialEnd ? BraintreeMoney.Midnight(trialEnd) : null,
                CanceledAt = ended,
                CancelRequestedAt = ended is not null && history.FirstOrDefault(e => IsFinal(e.Status))?.Status != Expired ? ended : null,
                Quantity = 1,
                Discount = firstTerms.Discount,
                Status = firstTerms.Status,
                AddOns = firstTerms.AddOns,
            },
        };
        operations.AddRange(states.Skip(1).Select(s => new SubscriptionChange
        {
            Oid = subscription.Id,
            OccurredAt = s.At,
            PlanOid = s.Terms.PlanId,
            Quantity = 1,
            Discount = s.Terms.Discount,
            Status = s.Terms.Status,
            AddOns = s.Terms.AddOns,
        }));
        return new BraintreeSubscriptionImport(plans.Values.ToList(), operations);
    }

    /// <summary>When a modification limited to N billing cycles stops: N cycles of the plan's frequency after the first bill.</summary>
    public static DateTimeOffset? Expiry(BraintreeModification modification, DateTimeOffset firstBilling, int billingFrequencyMonths) =>
        modification.NeverExpires || modification.NumberOfBillingCycles is not { } cycles
            ? null
            : firstBilling.AddMonths(cycles * Math.Max(1, billingFrequencyMonths));

    private sealed record Terms(string PlanId, SubscriptionStatus Status, long Discount, IReadOnlyList<AddOnImport> AddOns)
    {
        public bool Same(Terms other) =>
            PlanId == other.PlanId && Status == other.Status && Discount == other.Discount && AddOns.SequenceEqual(other.AddOns);
    }
}
