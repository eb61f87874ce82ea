using Dashboard.Core.Billing;
using Dashboard.Infrastructure.Sources.Stripe.Api;
using StripeInvoice = Stripe.Invoice;
using StripeInvoiceLine = Stripe.InvoiceLineItem;
using StripePrice = Stripe.Price;
using StripeSubscription = Stripe.Subscription;

namespace Dashboard.Infrastructure.Sources.Stripe.Mapping;

/// <summary>
/// Rebuilds a subscription's history of states from its invoices and its current object (rules in
/// docs/connectors/stripe.md): each billing period's lines give its terms and amounts from the period start, proration
/// lines date mid-period changes, and the subscription's current items and status close the history. Terms no invoice
/// billed yet are priced from their prices (<see cref="StripePriceAmounts"/>) in the subscription's currency.
/// </summary>
public static class SubscriptionHistoryBuilder
{
    private static readonly HashSet<string> BilledStatuses = ["paid", "open", "uncollectible"];

    /// <param name="subscription">The subscription as Stripe shows it now (discounts expanded).</param>
    /// <param name="invoices">All of its invoices, in any order, lines complete.</param>
    /// <param name="plans">The plans known for the source, by price id.</param>
    /// <param name="currentTermsSince">When the current terms began, if an event told (otherwise the current period start).</param>
    /// <param name="stored">The latest state already stored: when it holds the current terms and is later than the last
    /// invoiced period, its instant (dated by an earlier event) is kept; when it is past due or paused and Stripe no
    /// longer shows that, it is closed.</param>
    /// <param name="observedAt">When this sync read the subscription: the date of a change nothing else dates.</param>
    /// <param name="prices">Prices read with their <c>tiers</c> and <c>currency_options</c>, by id, for terms not invoiced
    /// yet; the subscription's own items' prices serve otherwise.</param>
    /// <param name="eventDates">When an event (or a recent one the full import found) says the collection was paused or
    /// the status changed: those instants date the pause and its end rather than <paramref name="observedAt"/>.</param>
    /// <param name="failedAttempts">Ids of paid invoices a payment attempt of which failed although their
    /// <c>attempt_count</c> stayed at 1 (the first automatic attempt failed, then the customer paid by hand).</param>
    /// <returns>Null for a subscription that never started (incomplete), which is not imported.</returns>
    public static SubscriptionRecord? Build(
        StripeSubscription subscription,
        IEnumerable<StripeInvoice> invoices,
        Func<string, PlanRecord?> plans,
        DateTimeOffset? currentTermsSince = null,
        StoredState? stored = null,
        DateTimeOffset? observedAt = null,
        Func<string, StripePrice?>? prices = null,
        SubscriptionEventDates? eventDates = null,
        IReadOnlySet<string>? failedAttempts = null)
    {
        if (subscription.Status is "incomplete" or "incomplete_expired")
        {
            return null;
        }

        var all = invoices.ToList();
        var billed = all
            .Where(i => BilledStatuses.Contains(i.Status ?? string.Empty))
            .OrderBy(i => i.Created).ThenBy(i => i.Id, StringComparer.Ordinal)
            .ToList();
        var startedAt = StripeTime.ToInstant(subscription.StartDate == default ? subscription.Created : subscription.StartDate);
        // TrialEnd tells the trial the subscription started with; every trial, that one included, is a Trialing state.
        var trialEnd = subscription.TrialStart is { } trialStart && StripeTime.ToInstant(trialStart) <= startedAt
            ? StripeTime.ToInstant(subscription.TrialEnd)
            : null;

        var pricing = new Pricing(plans, id => prices?.Invoke(id) ?? ItemPrice(subscription, id), subscription.Currency);
        var terms = new SortedDictionary<long, Terms>();
        AddPeriodTerms(terms, billed, subscription.Id, pricing);
        foreach (var invoice in billed)
        {
            AddProrationTerms(terms, invoice, subscription.Id, plans);
        }

        var current = CurrentTerms(subscription, pricing);
        var periodStart = LatestPeriodStart(subscription) ?? startedAt.ToUnixTimeSeconds();

        var states = new List<StateRecord>();
        Terms? previous = null;
        foreach (var (instant, change) in terms)
        {
            var next = change.ApplyTo(previous, pricing);
            Append(states, ToState(instant, next, pricing));
            previous = next;
        }

        if (current is not null && (previous is null || !current.SameLicensedItems(previous, plans)))
        {
            var state = previous is null
                ? ToState(Math.Min(currentTermsSince?.ToUnixTimeSeconds() ?? periodStart, startedAt.ToUnixTimeSeconds()), current, pricing)
                : ToState(ChangeInstant(all, subscription.Id, states[^1].EffectiveFrom, currentTermsSince, observedAt, periodStart), current, pricing);
            if (currentTermsSince is null && stored is not null && state is not null && states.Count > 0
                && stored.PlanExternalId == state.PlanExternalId && stored.Quantity == state.Quantity
                && stored.EffectiveFrom > states[^1].EffectiveFrom && stored.EffectiveFrom < state.EffectiveFrom)
            {
                state = state with { EffectiveFrom = stored.EffectiveFrom };
            }

            Append(states, state);
        }

        var periods = new List<StatusPeriod>();
        periods.AddRange(TrialPeriods(subscription, billed, pricing));
        periods.AddRange(DunningEpisodes(billed, failedAttempts));
        periods.AddRange(CurrentStatusPeriods(subscription, billed, states, stored, currentTermsSince, observedAt, eventDates));
        states = StatusPeriods.Apply(states, periods);
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

    private static List<StripeInvoiceLine> LinesOf(StripeInvoice invoice, string subscriptionId, Func<string, PlanRecord?> plans) =>
        (invoice.Lines?.Data ?? [])
            .Where(l => l.Parent?.SubscriptionItemDetails?.Subscription == subscriptionId && l.Period is not null
                && l.PriceRef is { } price && plans(price) is not null)
            .ToList();

    /// <summary>
    /// Each billing period's regular lines are the terms of that period, from its start. An item billed on another
    /// interval (flexible billing mode: a yearly item next to monthly ones) stays in every period its own line covers.
    /// Usage (metered) lines bill the period behind them, so they never date terms. Each line's amount is the item's
    /// amount for the period and its discounts (its own and its share of the invoice's) the period's discount, both
    /// without tax (<see cref="Billed"/>), in the invoice's currency.
    /// </summary>
    private static void AddPeriodTerms(SortedDictionary<long, Terms> terms, List<StripeInvoice> billed, string subscriptionId, Pricing pricing)
    {
        var plans = pricing.Plans;
        var regular = billed.SelectMany(i => LinesOf(i, subscriptionId, plans).Select(l => (Line: l, i.Currency)))
            .Where(x => !x.Line.IsProration && !plans(x.Line.PriceRef!)!.IsMetered)
            .ToList();
        foreach (var start in regular.Select(x => Start(x.Line)).Distinct())
        {
            var inEffect = regular.Where(x => Start(x.Line) <= start && (End(x.Line) > start || Start(x.Line) == start))
                .GroupBy(x => ItemKey(x.Line))
                .Select(g => g.OrderBy(x => Start(x.Line)).Last())
                .ToList();
            var currency = inEffect.Where(x => Start(x.Line) == start).Select(x => x.Currency ?? x.Line.Currency).FirstOrDefault(c => c is not null);
            var items = inEffect.ToDictionary(x => ItemKey(x.Line), x => new Item(x.Line.PriceRef!, (int)(x.Line.Quantity ?? 1), Billed(x.Line).Amount));
            var primary = Primary(items, pricing, currency);
            var discount = inEffect.Sum(x => Normalize(Billed(x.Line).Discount, plans(x.Line.PriceRef!)!, primary));
            terms[start] = Terms.Full(items, discount, currency?.ToUpperInvariant());
        }
    }

    /// <summary>
    /// A line's amount before discounts and its discounts (<c>discount_amounts</c>: the line's own discounts and its
    /// share of the invoice's), both without tax: a tax-inclusive line's inclusive <c>taxes</c> come off, split between
    /// the two in proportion so that amount − discount is the line's net amount without tax.
    /// </summary>
    internal static (long Amount, long Discount) Billed(StripeInvoiceLine line)
    {
        var amount = line.Amount;
        var discount = line.DiscountTotal;
        var tax = line.Taxes?.Where(t => t.TaxBehavior == "inclusive").Sum(t => t.Amount) ?? 0;
        if (tax == 0)
        {
            return (amount, discount);
        }

        var net = amount - discount - tax;
        if (discount == 0 || amount - discount <= 0)
        {
            return (amount - tax, discount);
        }

        var discountWithoutTax = (long)Math.Round((decimal)discount * net / (amount - discount), MidpointRounding.AwayFromZero);
        return (net + discountWithoutTax, discountWithoutTax);
    }

    /// <summary>The price of one of the subscription's current items (its embedded copy, without tiers or currency options).</summary>
    private static StripePrice? ItemPrice(StripeSubscription subscription, string priceId) =>
        (subscription.Items?.Data ?? []).Select(i => i.Price).FirstOrDefault(p => p?.Id == priceId);

    /// <summary>Proration lines date a change inside a period: credits for the old terms, charges for the new ones.</summary>
    private static void AddProrationTerms(SortedDictionary<long, Terms> terms, StripeInvoice invoice, string subscriptionId, Func<string, PlanRecord?> plans)
    {
        foreach (var change in LinesOf(invoice, subscriptionId, plans).Where(l => l.IsProration).GroupBy(Start))
        {
            if (terms.TryGetValue(change.Key, out var existing) && existing.IsFull)
            {
                continue;
            }

            var positive = change.Where(l => l.Amount > 0).ToList();
            var set = positive
                .GroupBy(ItemKey)
                .ToDictionary(g => g.Key, g => new Item(g.Last().PriceRef!, (int)(g.Last().Quantity ?? 1)));
            var removed = change.Where(l => l.Amount <= 0).Select(ItemKey).Where(k => !set.ContainsKey(k)).ToHashSet();
            // The share the discounts took off the new terms' prorated amounts (a first, prorated invoice keeps its coupon).
            var charged = positive.Sum(l => l.Amount);
            var ratio = charged > 0 ? (decimal)positive.Sum(l => l.DiscountTotal) / charged : 0m;
            terms[change.Key] = Terms.Delta(set, removed, ratio);
        }
    }

    private static string ItemKey(StripeInvoiceLine line) =>
        line.Parent?.SubscriptionItemDetails?.SubscriptionItem ?? line.PriceRef!;

    private static long Start(StripeInvoiceLine line) => StripeTime.Seconds(line.Period!.Start);

    private static long End(StripeInvoiceLine line) => StripeTime.Seconds(line.Period!.End);

    private static long? LatestPeriodStart(StripeSubscription subscription)
    {
        var starts = (subscription.Items?.Data ?? []).Where(i => i.CurrentPeriodStart != default)
            .Select(i => StripeTime.Seconds(i.CurrentPeriodStart)).ToList();
        return starts.Count > 0 ? starts.Max() : null;
    }

    private static Terms? CurrentTerms(StripeSubscription subscription, Pricing pricing)
    {
        var items = new Dictionary<string, Item>();
        foreach (var item in subscription.Items?.Data ?? [])
        {
            if (item.PriceRef is { } price && pricing.Plans(price) is not null)
            {
                items[item.Id] = new Item(price, (int)item.Quantity);
            }
        }

        if (items.Count == 0)
        {
            return null;
        }

        var currency = subscription.Currency?.ToUpperInvariant();
        var gross = Gross(items, pricing, currency);
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

        return Terms.Full(items, Math.Min(discount, gross), currency);
    }

    /// <summary>
    /// When terms no invoice shows took effect (a change made without proration): the subscription-updated event's time,
    /// else the start of its pending proration (a draft invoice's proration lines), else when the sync saw it; never
    /// before the last invoiced terms, and never moved back to the period start.
    /// </summary>
    private static long ChangeInstant(List<StripeInvoice> all, string subscriptionId, DateTimeOffset lastInvoiced,
        DateTimeOffset? currentTermsSince, DateTimeOffset? observedAt, long periodStart)
    {
        var floor = lastInvoiced.ToUnixTimeSeconds();
        var pending = all.Where(i => i.Status == "draft")
            .SelectMany(i => i.Lines?.Data ?? [])
            .Where(l => l.Parent?.SubscriptionItemDetails?.Subscription == subscriptionId && l.IsProration && l.Amount > 0 && l.Period is not null)
            .Select(l => (long?)Start(l))
            .Where(start => start > floor)
            .Max();
        var at = currentTermsSince?.ToUnixTimeSeconds() ?? pending ?? observedAt?.ToUnixTimeSeconds() ?? periodStart;
        return Math.Max(at, floor);
    }

    /// <summary>
    /// Every trial: the subscription's (trial_start to trial_end, the latest one) and each earlier one its invoices show,
    /// a billing period whose regular lines were all free although their prices are not.
    /// </summary>
    private static IEnumerable<StatusPeriod> TrialPeriods(StripeSubscription subscription, List<StripeInvoice> billed, Pricing pricing)
    {
        var plans = pricing.Plans;
        if (subscription.TrialStart is { } trialStart && subscription.TrialEnd is { } trialEnd)
        {
            yield return new StatusPeriod(StripeTime.ToInstant(trialStart), StripeTime.ToInstant(trialEnd), SubscriptionStatus.Trialing);
        }

        var periods = billed.SelectMany(i => LinesOf(i, subscription.Id, plans).Select(l => (Line: l, i.Currency)))
            .Where(x => !x.Line.IsProration && !plans(x.Line.PriceRef!)!.IsMetered)
            .GroupBy(x => Start(x.Line), x => x.Line);
        var currencies = billed.Select(i => i.Currency).OfType<string>().ToList();
        foreach (var period in periods)
        {
            if (period.All(l => l.Amount == 0 && l.DiscountTotal == 0)
                && period.Any(l => pricing.Amount(new Item(l.PriceRef!, (int)(l.Quantity ?? 1)), l.Currency ?? currencies.FirstOrDefault()) > 0))
            {
                yield return new StatusPeriod(StripeTime.ToInstant(period.Key), StripeTime.ToInstant(period.Max(End)), SubscriptionStatus.Trialing);
            }
        }
    }

    /// <summary>
    /// Dunning episodes that recovered: a paid invoice whose first attempt failed was past due from its finalization
    /// until it was paid (<c>status_transitions.paid_at</c>). Stripe counts only automatic attempts in
    /// <c>attempt_count</c>, so a first attempt that failed before the customer paid by hand shows only in the failed
    /// charges of the invoice's payments (<paramref name="failedAttempts"/>).
    /// </summary>
    private static IEnumerable<StatusPeriod> DunningEpisodes(List<StripeInvoice> billed, IReadOnlySet<string>? failedAttempts) =>
        billed.Where(i => i.Status == "paid" && (i.AttemptCount > 1 || failedAttempts?.Contains(i.Id) == true)
                && i.StatusTransitions?.PaidAt is not null && i.Total > 0)
            .Select(i => new StatusPeriod(
                StripeTime.ToInstant(i.StatusTransitions!.FinalizedAt ?? i.Created),
                StripeTime.ToInstant(i.StatusTransitions.PaidAt!.Value),
                SubscriptionStatus.PastDue));

    /// <summary>
    /// The current status: past_due and unpaid from the oldest unpaid invoice, paused from the current period, a paused
    /// collection from the event that paused it (else the stored paused state, else when it was seen) until
    /// <c>resumes_at</c>. A non-active state stored earlier that Stripe no longer shows is closed: a past-due one at the
    /// payment that recovered it, a paused one at the event that resumed it or when the subscription resumed (its new
    /// period start), else at the event that changed the status, else when this sync saw it.
    /// </summary>
    private static IEnumerable<StatusPeriod> CurrentStatusPeriods(StripeSubscription subscription, List<StripeInvoice> billed,
        List<StateRecord> states, StoredState? stored, DateTimeOffset? currentTermsSince, DateTimeOffset? observedAt,
        SubscriptionEventDates? eventDates)
    {
        if (states.Count == 0)
        {
            yield break;
        }

        var periodStart = LatestPeriodStart(subscription);
        var created = StripeTime.Seconds(subscription.Created);
        var seen = eventDates?.StatusChangedAt ?? currentTermsSince ?? observedAt;
        switch (subscription.Status)
        {
            case "past_due" or "unpaid":
                var unpaid = billed.Where(i => i.Status is "open" or "uncollectible" && i.Total > 0)
                    .Select(i => StripeTime.Seconds(i.StatusTransitions?.FinalizedAt ?? i.Created))
                    .DefaultIfEmpty(periodStart ?? created)
                    .Min();
                yield return new StatusPeriod(StripeTime.ToInstant(unpaid), null,
                    subscription.Status == "past_due" ? SubscriptionStatus.PastDue : SubscriptionStatus.Unpaid);
                yield break;
            case "paused":
                var from = StripeTime.ToInstant(periodStart ?? created);
                yield return new StatusPeriod(from > states[^1].EffectiveFrom ? from : states[^1].EffectiveFrom, null, SubscriptionStatus.Paused);
                yield break;
        }

        if (subscription.PauseCollection is { } pause)
        {
            var since = eventDates?.PausedAt
                ?? currentTermsSince
                ?? (stored is { Status: SubscriptionStatus.Paused } ? stored.EffectiveFrom : (DateTimeOffset?)null)
                ?? observedAt
                ?? StripeTime.ToInstant(periodStart ?? created);
            yield return new StatusPeriod(since, StripeTime.ToInstant(pause.ResumesAt), SubscriptionStatus.Paused);
            yield break;
        }

        if (stored is { Status: SubscriptionStatus.PastDue or SubscriptionStatus.Unpaid or SubscriptionStatus.Paused } open)
        {
            var close = open.Status == SubscriptionStatus.Paused
                ? eventDates?.StatusChangedAt ?? (periodStart is { } resumed && StripeTime.ToInstant(resumed) > open.EffectiveFrom ? StripeTime.ToInstant(resumed) : seen)
                : billed.Where(i => i.StatusTransitions?.PaidAt is { } paid && StripeTime.ToInstant(paid) > open.EffectiveFrom)
                    .Select(i => (DateTimeOffset?)StripeTime.ToInstant(i.StatusTransitions!.PaidAt!.Value)).Min() ?? seen;
            if (close is { } end && end > open.EffectiveFrom)
            {
                yield return new StatusPeriod(open.EffectiveFrom, end, open.Status);
            }
        }
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

    /// <summary>
    /// The state of <paramref name="terms"/>: its main item's amount (billed, else priced) and the add-ons' amounts per
    /// period of the main plan, all in the terms' currency (the invoice's, else the subscription's).
    /// </summary>
    private static StateRecord? ToState(long instant, Terms terms, Pricing pricing)
    {
        var currency = pricing.CurrencyOf(terms);
        var primaryPlan = Primary(terms.Items, pricing, currency);
        if (primaryPlan is null)
        {
            return null;
        }

        var ordered = Ordered(terms.Items, pricing, currency);
        var primary = ordered[0];
        // Add-ons are priced per period of the main plan: an item on another interval is converted to it.
        var addOns = ordered.Skip(1)
            .Where(x => x.Plan is not { IsMetered: true })
            .Select(x => AddOn(x.Item, x.Plan is null ? 0 : Normalize(x.Amount, x.Plan, primaryPlan)))
            .OrderBy(a => a.ExternalId, StringComparer.Ordinal)
            .ToList();
        // Statuses other than active (trials, dunning, pauses) are laid over the terms afterwards (StatusPeriods).
        return new StateRecord(StripeTime.ToInstant(instant), primary.Item.PriceId, primary.Item.Quantity, terms.Discount, SubscriptionStatus.Active, addOns,
            primary.Amount, currency ?? primaryPlan.Currency);
    }

    /// <summary>An add-on of <paramref name="total"/> per period: per unit when the total divides by its quantity, else one unit of the total (a tiered price).</summary>
    private static AddOnRecord AddOn(Item item, long total) =>
        item.Quantity > 1 && total % item.Quantity != 0
            ? new AddOnRecord(item.PriceId, total, 1)
            : new AddOnRecord(item.PriceId, total / Math.Max(1, item.Quantity), item.Quantity);

    /// <summary>Licensed items first, then by monthly amount (so a yearly item next to a monthly one compares fairly), then id.</summary>
    private static List<(Item Item, PlanRecord? Plan, long Amount)> Ordered(IReadOnlyDictionary<string, Item> items, Pricing pricing, string? currency) =>
        items.Values
            .Select(i => (Item: i, Plan: pricing.Plans(i.PriceId), Amount: pricing.Amount(i, currency)))
            .OrderBy(x => x.Plan?.IsMetered ?? false)
            .ThenByDescending(x => x.Plan is null ? 0m : x.Amount * PerYear(x.Plan))
            .ThenBy(x => x.Item.PriceId, StringComparer.Ordinal)
            .ToList();

    /// <summary>The plan of the state's main item (see <see cref="Ordered"/>), or null without items.</summary>
    private static PlanRecord? Primary(IReadOnlyDictionary<string, Item> items, Pricing pricing, string? currency) =>
        items.Count == 0 ? null : Ordered(items, pricing, currency)[0].Plan;

    /// <summary>An amount per period of <paramref name="plan"/> as an amount per period of <paramref name="primary"/>.</summary>
    private static long Normalize(long amount, PlanRecord plan, PlanRecord? primary)
    {
        if (primary is null || amount == 0 || (plan.Interval == primary.Interval && plan.IntervalCount == primary.IntervalCount))
        {
            return amount;
        }

        return (long)Math.Round(amount * PerYear(plan) / PerYear(primary), MidpointRounding.AwayFromZero);
    }

    private static decimal PerYear(PlanRecord plan) => plan.Interval switch
    {
        BillingInterval.Day => 365m,
        BillingInterval.Week => 52m,
        BillingInterval.Month => 12m,
        _ => 1m,
    } / Math.Max(1, plan.IntervalCount);

    private static long Gross(IReadOnlyDictionary<string, Item> items, Pricing pricing, string? currency) =>
        items.Values.Sum(i => pricing.Plans(i.PriceId) is { IsMetered: false } ? pricing.Amount(i, currency) : 0);

    /// <summary>An item's price and quantity, and its amount per period of that price when an invoice billed it.</summary>
    private sealed record Item(string PriceId, int Quantity, long? Amount = null);

    /// <summary>
    /// Amounts of items: billed ones as billed; others from their price in the currency (tiers, currency options,
    /// decimal amounts), else the plan's amount × quantity when the price cannot say.
    /// </summary>
    private sealed class Pricing(Func<string, PlanRecord?> plans, Func<string, StripePrice?> prices, string? subscriptionCurrency)
    {
        public Func<string, PlanRecord?> Plans { get; } = plans;

        /// <summary>The terms' currency: the invoice's, else the subscription's (upper case), else null (the plan's).</summary>
        public string? CurrencyOf(Terms terms) => terms.Currency ?? subscriptionCurrency?.ToUpperInvariant();

        public long Amount(Item item, string? currency)
        {
            if (item.Amount is { } billed)
            {
                return billed;
            }

            var plan = Plans(item.PriceId);
            var price = prices(item.PriceId);
            var inCurrency = currency ?? subscriptionCurrency ?? plan?.Currency;
            if (price is not null && inCurrency is not null && StripePriceAmounts.For(price, inCurrency, item.Quantity) is { } priced)
            {
                return priced;
            }

            return plan is null ? 0 : plan.AmountMinor * item.Quantity;
        }
    }

    /// <summary>Terms from one instant: a full set of items (a billing period) or a change to the previous set (a proration).</summary>
    private sealed record Terms(IReadOnlyDictionary<string, Item> Items, long Discount, bool IsFull, IReadOnlySet<string> Removed, decimal DiscountShare = 0,
        string? Currency = null)
    {
        public static Terms Full(IReadOnlyDictionary<string, Item> items, long discount, string? currency) =>
            new(items, discount, true, new HashSet<string>(), 0, currency);

        public static Terms Delta(IReadOnlyDictionary<string, Item> set, IReadOnlySet<string> removed, decimal discountShare) =>
            new(set, 0, false, removed, discountShare);

        /// <summary>Same licensed items: metered items are never invoiced ahead, so they never make the terms differ.</summary>
        public bool SameLicensedItems(Terms other, Func<string, PlanRecord?> plans)
        {
            static IEnumerable<(string, int)> Licensed(Terms terms, Func<string, PlanRecord?> plans) =>
                terms.Items.Values.Where(i => plans(i.PriceId) is not { IsMetered: true })
                    .Select(i => (i.PriceId, i.Quantity))
                    .OrderBy(i => i.PriceId, StringComparer.Ordinal).ThenBy(i => i.Quantity);

            return Licensed(this, plans).SequenceEqual(Licensed(other, plans));
        }

        /// <summary>
        /// A full set stands alone. A change starts from the previous items; its discount is the previous one scaled
        /// by the new gross over the old (exact for percentage coupons; the next period's invoice states it exactly).
        /// </summary>
        /// <remarks>Items the change sets were not billed for a whole period yet: they are priced from their prices.</remarks>
        public Terms ApplyTo(Terms? previous, Pricing pricing)
        {
            if (IsFull)
            {
                return this;
            }

            if (previous is null)
            {
                // A first, prorated invoice: its discount's share of the prorated amount, over a whole period.
                var currency = pricing.CurrencyOf(this);
                return Full(Items, (long)Math.Round(Gross(Items, pricing, currency) * DiscountShare, MidpointRounding.AwayFromZero), currency);
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

            var termsCurrency = pricing.CurrencyOf(previous);
            var oldGross = Gross(previous.Items, pricing, termsCurrency);
            var discount = oldGross == 0
                ? 0
                : (long)Math.Round((decimal)previous.Discount * Gross(items, pricing, termsCurrency) / oldGross, MidpointRounding.AwayFromZero);
            return Full(items, discount, termsCurrency);
        }
    }
}
