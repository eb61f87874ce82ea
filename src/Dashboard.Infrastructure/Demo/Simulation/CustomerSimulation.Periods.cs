using Dashboard.Core.Billing;

namespace Dashboard.Infrastructure.Demo.Simulation;

// A subscription period by period: trial, charges, failed payments and their retries, cancellations and changes.
internal sealed partial class CustomerSimulation
{
    /// <summary>Runs one subscription from its start until it ends or history does; returns when payment started.</summary>
    private SubscriptionOutcome SimulateSubscription(DateTimeOffset start, Terms terms, bool trial)
    {
        var subscription = NewSubscription(start);
        lastMain = subscription;
        var states = new List<PendingState>();
        var outcome = Simulate(subscription, states, start, terms, trial);
        Materialize(subscription, states);
        if (outcome.PaidFrom is { } paidFrom)
        {
            AfterFirstPayment(subscription, terms.Plan, paidFrom);
        }

        return outcome;
    }

    private SubscriptionOutcome Simulate(Subscription subscription, List<PendingState> states, DateTimeOffset start, Terms terms, bool trial)
    {
        DateTimeOffset anchor = start;
        if (trial)
        {
            var trialEnd = start.AddDays(14);
            subscription.TrialEnd = trialEnd;
            Put(states, start, terms, SubscriptionStatus.Trialing);
            if (trialEnd >= end)
            {
                return new(subscription, null, false);
            }

            if (!random.Chance(TrialConversion(terms.Plan.Spec.Family)))
            {
                if (random.Chance(0.4))
                {
                    subscription.CancelRequestedAt = start.AddSeconds(random.Next(3_600, 13 * 86_400));
                }

                subscription.CanceledAt = trialEnd;
                Put(states, trialEnd, terms, SubscriptionStatus.Canceled);
                return new(subscription, null, false);
            }

            anchor = trialEnd;
        }

        DateTimeOffset? paidFrom = null;
        Terms? scheduled = null;
        var k = 0;
        var periodStart = anchor;
        Put(states, periodStart, terms, SubscriptionStatus.Active);
        while (true)
        {
            var periodEnd = terms.Plan.PeriodStart(anchor, k + 1);
            var amount = PeriodAmount(terms);
            ChargeRecord? periodCharge = null;
            var pastDue = false;
            if (amount > 0)
            {
                var at = periodStart.AddSeconds(random.Next(20, 3_000));
                if (at >= end)
                {
                    at = periodStart;
                }

                var failure = terms.Plan.Spec.Cycle == Cycle.Annual ? 0.06 : terms.Plan.Spec.Family == PlanFamily.Starter ? 0.045 : 0.03;
                if (paidFrom is not null && random.Chance(failure))
                {
                    pastDue = true;
                    AddCharge(subscription.Id, amount, at, ChargeStatus.Failed, ChargeKind.Recurring);
                    Put(states, periodStart, terms, SubscriptionStatus.PastDue);
                    int[] retryDays = terms.Plan.Spec.Cycle == Cycle.Weekly ? [1, 3, 5] : [3, 7, 14];
                    var cancelAfterDays = terms.Plan.Spec.Cycle == Cycle.Weekly ? 6 : 21;
                    var recoverOn = random.Chance(0.68) ? random.Next(0, retryDays.Length) : -1;
                    for (var attempt = 0; attempt < retryDays.Length; attempt++)
                    {
                        var retryAt = periodStart.AddDays(retryDays[attempt]).AddSeconds(random.Next(0, 7_200));
                        if (retryAt >= end)
                        {
                            return new(subscription, paidFrom, false);
                        }

                        if (attempt == recoverOn)
                        {
                            periodCharge = AddCharge(subscription.Id, amount, retryAt, ChargeStatus.Paid, ChargeKind.Recurring);
                            Put(states, retryAt, terms, SubscriptionStatus.Active);
                            break;
                        }

                        AddCharge(subscription.Id, amount, retryAt, ChargeStatus.Failed, ChargeKind.Recurring);
                    }

                    if (recoverOn < 0)
                    {
                        var canceledAt = periodStart.AddDays(cancelAfterDays);
                        if (canceledAt >= end)
                        {
                            return new(subscription, paidFrom, false);
                        }

                        subscription.CanceledAt = canceledAt;
                        Put(states, canceledAt, terms, SubscriptionStatus.Canceled);
                        return new(subscription, paidFrom, true);
                    }
                }
                else
                {
                    periodCharge = AddCharge(subscription.Id, amount, at, ChargeStatus.Paid, ChargeKind.Recurring);
                    paidFrom ??= periodStart;
                    MaybeRefund(periodCharge);
                }
            }

            if (!pastDue)
            {
                // Mid-period events happen after the period's charge, so nothing is billed after a cancellation.
                var span = periodEnd - periodStart;
                var floor = (periodCharge?.Charge.CreatedAt ?? periodStart).AddMinutes(1);
                var room = periodEnd - floor;
                DateTimeOffset? cancelAt = random.Chance(CancelProbability(terms.Plan))
                    ? Whole(floor + room * random.NextDouble())
                    : null;
                var change = SampleChange(terms);
                var changeAt = Whole(floor + room * random.NextDouble());
                if (cancelAt is { } requestedAt && (change == SubscriptionChange.None || requestedAt <= changeAt))
                {
                    if (requestedAt >= end)
                    {
                        return new(subscription, paidFrom, false);
                    }

                    subscription.CancelRequestedAt = requestedAt;
                    if (random.Chance(0.15))
                    {
                        // Cancelled at once; half of them get the unused part of the period back.
                        subscription.CanceledAt = requestedAt;
                        Put(states, requestedAt, terms, SubscriptionStatus.Canceled);
                        if (periodCharge is not null && random.Chance(0.5))
                        {
                            var unused = (long)Math.Round(periodCharge.Charge.AmountMinor * ((periodEnd - requestedAt) / span));
                            AddRefund(periodCharge, unused, requestedAt.AddSeconds(random.Next(60, 3_600)));
                        }

                        return new(subscription, paidFrom, false);
                    }

                    if (periodEnd >= end)
                    {
                        return new(subscription, paidFrom, false);
                    }

                    subscription.CanceledAt = periodEnd;
                    Put(states, periodEnd, terms, SubscriptionStatus.Canceled);
                    return new(subscription, paidFrom, false);
                }

                if (change != SubscriptionChange.None && changeAt < end)
                {
                    var (changed, immediate) = Apply(terms, change);
                    if (immediate)
                    {
                        var difference = PeriodAmount(changed) - PeriodAmount(terms);
                        Put(states, changeAt, changed, SubscriptionStatus.Active);
                        var prorated = (long)Math.Round(difference * ((periodEnd - changeAt) / span));
                        if (prorated >= 50)
                        {
                            AddCharge(subscription.Id, prorated, changeAt, ChargeStatus.Paid, ChargeKind.Recurring);
                        }

                        terms = changed;
                    }
                    else
                    {
                        scheduled = changed;
                    }
                }
            }

            if (periodEnd >= end)
            {
                return new(subscription, paidFrom, false);
            }

            periodStart = periodEnd;
            k++;
            var next = scheduled ?? terms;
            scheduled = null;
            if (next.Coupon is { } coupon && coupon.ExpiredAt(periodStart))
            {
                next = next with { Coupon = null };
            }

            if (next.Plan.Spec.Cycle != terms.Plan.Spec.Cycle)
            {
                anchor = periodStart;
                k = 0;
            }

            terms = next;
            Put(states, periodStart, terms, SubscriptionStatus.Active);
        }
    }
}
