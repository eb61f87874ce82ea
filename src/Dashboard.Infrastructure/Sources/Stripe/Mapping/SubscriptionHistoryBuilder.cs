using Dashboard.Core.Billing;
using Dashboard.Infrastructure.Sources.Stripe.Api;
using StripeInvoice = Stripe.Invoice;
using StripeInvoiceLine = Stripe.InvoiceLineItem;
using StripeSubscription = Stripe.Subscription;

namespace Dashboard.Infrastructure.Sources.Stripe.Mapping;

/// <summary>
/// Rebuilds a subscription's history of states from its invoices and its current object (rules in
/// docs/connectors/stripe.md): each billing period's lines give its terms from the period start, proration lines date
/// mid-period changes, and the subscription's current items and status close the history.
/// </summary>
public static class SubscriptionHistoryBuilder
{
    private static readonly HashSet<string> BilledStatuses = ["paid", "open", "uncollectible"];

    /// <param name="subscription">The subscription as Stripe shows it now (discounts expanded).</param>
    /// <param name="invoices">All of its invoices, in any order, lines complete.</param>
    /// <param name="plans">The plans known for the source, by price id.</param>
    /// <param name="currentTermsSince">When the current terms began, if an event told (otherwise the current period start).</param>
    /// <param name="stored">The latest state already stored: when it holds the current terms and is later than the last
    /// invoiced period, its instant (dated by an earlier event) is kept rather than moved back to the period start.</param>
    /// <returns>Null for a subscription that never started (incomplete), which is not imported.</returns>
    public static SubscriptionRecord? Build(
        StripeSubscription subscription,
        IEnumerable<StripeInvoice> invoices,
        Func<string, PlanRecord?> plans,
        DateTimeOffset? currentTermsSince = null,
        StoredState? stored = null)
    {
        if (subscription.Status is "incomplete" or "incomplete_expired")
        {
            return null;
        }

        var billed = invoices
            .Where(i => BilledStatuses.Contains(i.Status ?? string.Empty))
            .OrderBy(i => i.Created).ThenBy(i => i.Id, StringComparer.Ordinal)
            .ToList();
        var trialEnd = subscription.TrialStart is null ? null : StripeTime.ToInstant(subscription.TrialEnd);
        var startedAt = StripeTime.ToInstant(subscription.StartDate == default ? subscription.Created : subscription.StartDate);

        var terms = new SortedDictionary<long, Terms>();
        foreach (var invoice in billed)
        {
            AddInvoiceTerms(terms, invoice, subscription.Id, plans);
        }

        var current = CurrentTerms(subscription, plans);
        var currentAt = currentTermsSince?.ToUnixTimeSeconds()
            ?? LatestPeriodStart(subscription)
            ?? startedAt.ToUnixTimeSeconds();

        var states = new List<StateRecord>();
        Terms? previous = null;
        foreach (var (instant, change) in terms)
        {
            var next = change.ApplyTo(previous, plans);
            Append(states, ToState(instant, next, plans));
            previous = next;
        }

        if (current is not null && (previous is null || !current.SameItems(previous)))
        {
            var at = previous is null ? Math.Min(currentAt, startedAt.ToUnixTimeSeconds()) : currentAt;
            var state = ToState(at, current, plans);
            if (currentTermsSince is null && stored is not null && state is not null && states.Count > 0
                && stored.PlanExternalId == state.PlanExternalId && stored.Quantity == state.Quantity
                && stored.EffectiveFrom > states[^1].EffectiveFrom)
            {
                state = state with { EffectiveFrom = stored.EffectiveFrom };
            }

            Append(states, state);
        }

        OverlayCurrentStatus(states, subscription, billed);
        AnchorToStart(states, startedAt);

        var requested = StripeTime.ToInstant(subscription.CanceledAt);
        var ended = subscription.Status == "canceled"
            ? StripeTime.ToInstant(subscription.EndedAt ?? subscription.CanceledAt)
            : null;
        return new SubscriptionRecord(
            subscription.Id,
            subscription.CustomerId,
            startedAt,
            trialEnd,
            ended,
            requested,
            states,
            MapCancellation(subscription, requested));
    }

    /// <summary>Customer-given feedback first, else Stripe's reason (e.g. payment_failed), for cancellation insights.</summary>
    private static CancellationRecord? MapCancellation(StripeSubscription subscription, DateTimeOffset? requested)
    {
        var details = subscription.CancellationDetails;
        var reason = details?.Feedback ?? details?.Reason;
        return requested is { } at && reason is not null ? new CancellationRecord(at, reason, details?.Comment) : null;
    }

    private static void AddInvoiceTerms(SortedDictionary<long, Terms> terms, StripeInvoice invoice, string subscriptionId, Func<string, PlanRecord?> plans)
    {
        var lines = (invoice.Lines?.Data ?? [])
            .Where(l => l.Parent?.SubscriptionItemDetails?.Subscription == subscriptionId && l.Period is not null
                && l.PriceRef is { } price && plans(price) is not null)
            .ToList();

        // A period's regular lines list every item billed in advance: together they are the period's terms.
        // Usage (metered) lines bill the period behind them, so they never date terms.
        foreach (var period in lines.Where(l => !l.IsProration && !plans(l.PriceRef!)!.IsMetered)
                     .GroupBy(l => StripeTime.Seconds(l.Period!.Start)))
        {
            var items = period.ToDictionary(ItemKey, l => new Item(l.PriceRef!, (int)(l.Quantity ?? 1)));
            terms[period.Key] = Terms.Full(items, period.Sum(l => l.DiscountTotal));
        }

        // Proration lines date a change inside a period: credits for the old terms, charges for the new ones.
        foreach (var change in lines.Where(l => l.IsProration).GroupBy(l => StripeTime.Seconds(l.Period!.Start)))
        {
            if (terms.TryGetValue(change.Key, out var existing) && existing.IsFull)
            {
                continue;
            }

            var set = change.Where(l => l.Amount > 0)
                .GroupBy(ItemKey)
                .ToDictionary(g => g.Key, g => new Item(g.Last().PriceRef!, (int)(g.Last().Quantity ?? 1)));
            var removed = change.Where(l => l.Amount <= 0).Select(ItemKey).Where(k => !set.ContainsKey(k)).ToHashSet();
            terms[change.Key] = Terms.Delta(set, removed);
        }
    }

    private static string ItemKey(StripeInvoiceLine line) =>
        line.Parent?.SubscriptionItemDetails?.SubscriptionItem ?? line.PriceRef!;

    private static Terms? CurrentTerms(StripeSubscription subscription, Func<string, PlanRecord?> plans)
    {
        var items = new Dictionary<string, Item>();
        foreach (var item in subscription.Items?.Data ?? [])
        {
            if (item.PriceRef is { } price && plans(price) is not null)
            {
                items[item.Id] = new Item(price, (int)item.Quantity);
            }
        }

        if (items.Count == 0)
        {
            return null;
        }

        var gross = Gross(items, plans);
        var discount = 0L;
        foreach (var reference in subscription.Discounts ?? [])
        {
            if (reference?.ResolvedCoupon is { } coupon)
            {
                discount += coupon.PercentOff is { } percent
                    ? (long)Math.Round(gross * percent / 100m, MidpointRounding.AwayFromZero)
                    : coupon.AmountOff ?? 0;
            }
        }

        return Terms.Full(items, Math.Min(discount, gross));
    }

    /// <summary>past_due, unpaid and paused hold from the oldest unpaid invoice (or the current period) on.</summary>
    private static void OverlayCurrentStatus(List<StateRecord> states, StripeSubscription subscription, List<StripeInvoice> billed)
    {
        var status = subscription.Status switch
        {
            "past_due" => SubscriptionStatus.PastDue,
            "unpaid" => SubscriptionStatus.Unpaid,
            "paused" => SubscriptionStatus.Paused,
            _ => (SubscriptionStatus?)null,
        };
        if (status is null || states.Count == 0 || states[^1].Status == status)
        {
            return;
        }

        var unpaid = billed.Where(i => i.Status is "open" or "uncollectible" && i.Total > 0)
            .Select(i => StripeTime.Seconds(i.StatusTransitions?.FinalizedAt ?? i.Created))
            .DefaultIfEmpty(LatestPeriodStart(subscription) ?? StripeTime.Seconds(subscription.Created))
            .Min();
        var last = states[^1];
        var at = StripeTime.ToInstant(unpaid);
        if (at <= last.EffectiveFrom)
        {
            states[^1] = last with { Status = status.Value };
        }
        else
        {
            states.Add(last with { EffectiveFrom = at, Status = status.Value });
        }
    }

    private static long? LatestPeriodStart(StripeSubscription subscription)
    {
        var starts = (subscription.Items?.Data ?? []).Where(i => i.CurrentPeriodStart != default)
            .Select(i => StripeTime.Seconds(i.CurrentPeriodStart)).ToList();
        return starts.Count > 0 ? starts.Max() : null;
    }

    /// <summary>The first terms hold from the start; terms dated before it (a backdated start) collapse into them.</summary>
    private static void AnchorToStart(List<StateRecord> states, DateTimeOffset startedAt)
    {
        var before = states.FindLastIndex(s => s.EffectiveFrom <= startedAt);
        if (before > 0)
        {
            states.RemoveRange(0, before);
        }

        if (states.Count > 0)
        {
            states[0] = states[0] with { EffectiveFrom = startedAt };
        }
    }

    private static void Append(List<StateRecord> states, StateRecord? state)
    {
        if (state is null)
        {
            return;
        }

        if (states.Count > 0 && states[^1].EffectiveFrom == state.EffectiveFrom)
        {
            states.RemoveAt(states.Count - 1);
        }

        if (states.Count == 0 || !states[^1].SameTerms(state))
        {
            states.Add(state);
        }
    }

    private static StateRecord? ToState(long instant, Terms terms, Func<string, PlanRecord?> plans)
    {
        var ordered = terms.Items.Values
            .Select(i => (Item: i, Plan: plans(i.PriceId)))
            .OrderBy(x => x.Plan?.IsMetered ?? false)
            .ThenByDescending(x => (x.Plan?.AmountMinor ?? 0) * x.Item.Quantity)
            .ThenBy(x => x.Item.PriceId, StringComparer.Ordinal)
            .ToList();
        if (ordered.Count == 0)
        {
            return null;
        }

        var primary = ordered[0];
        var addOns = ordered.Skip(1)
            .Where(x => x.Plan is not { IsMetered: true })
            .Select(x => new AddOnRecord(x.Item.PriceId, x.Plan?.AmountMinor ?? 0, x.Item.Quantity))
            .OrderBy(a => a.ExternalId, StringComparer.Ordinal)
            .ToList();
        // Trials are told by the subscription's trial end, not by a state's status.
        return new StateRecord(StripeTime.ToInstant(instant), primary.Item.PriceId, primary.Item.Quantity, terms.Discount, SubscriptionStatus.Active, addOns);
    }

    private static long Gross(IReadOnlyDictionary<string, Item> items, Func<string, PlanRecord?> plans) =>
        items.Values.Sum(i => plans(i.PriceId) is { IsMetered: false } plan ? plan.AmountMinor * i.Quantity : 0);

    private sealed record Item(string PriceId, int Quantity);

    /// <summary>Terms from one instant: a full set of items (a billing period) or a change to the previous set (a proration).</summary>
    private sealed record Terms(IReadOnlyDictionary<string, Item> Items, long Discount, bool IsFull, IReadOnlySet<string> Removed)
    {
        public static Terms Full(IReadOnlyDictionary<string, Item> items, long discount) =>
            new(items, discount, true, new HashSet<string>());

        public static Terms Delta(IReadOnlyDictionary<string, Item> set, IReadOnlySet<string> removed) =>
            new(set, 0, false, removed);

        public bool SameItems(Terms other) =>
            Items.Count == other.Items.Count
            && Items.Values.OrderBy(i => i.PriceId, StringComparer.Ordinal).ThenBy(i => i.Quantity)
                .SequenceEqual(other.Items.Values.OrderBy(i => i.PriceId, StringComparer.Ordinal).ThenBy(i => i.Quantity));

        /// <summary>
        /// A full set stands alone. A change starts from the previous items; its discount is the previous one scaled
        /// by the new gross over the old (exact for percentage coupons; the next period's invoice states it exactly).
        /// </summary>
        public Terms ApplyTo(Terms? previous, Func<string, PlanRecord?> plans)
        {
            if (IsFull || previous is null)
            {
                return this with { IsFull = true };
            }

            var items = new Dictionary<string, Item>(previous.Items);
            foreach (var key in Removed)
            {
                items.Remove(key);
            }

            foreach (var (key, item) in Items)
            {
                items[key] = item;
            }

            var oldGross = Gross(previous.Items, plans);
            var discount = oldGross == 0
                ? 0
                : (long)Math.Round((decimal)previous.Discount * Gross(items, plans) / oldGross, MidpointRounding.AwayFromZero);
            return Full(items, discount);
        }
    }
}
