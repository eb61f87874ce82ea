using Dashboard.Core.Billing;
using Dashboard.Core.Money;

namespace Dashboard.Web.Features.Overview;

/// <summary>
/// A subscription's MRR at an instant per metrics.md, exact (decimal minor units of the reporting currency):
/// 0 before it starts, from its end, while in trial, while paused or canceled, and once past due for longer than
/// the policy allows; otherwise (plan.amount * quantity + add-ons - discount, floored at 0) * periods_per_year /
/// (12 * interval_count), converted at the rate of the day the state took effect.
/// </summary>
public sealed class SubscriptionMrr(ReportingOptions options, IReadOnlyDictionary<long, Plan> plans, FxTable rates)
{
    /// <summary>The subscription's MRR at <paramref name="instant"/>; null when it needs an exchange rate the store lacks.</summary>
    public decimal? At(Subscription subscription, IReadOnlyList<SubscriptionState> states, DateTimeOffset instant)
    {
        if (instant < subscription.StartedAt)
        {
            return 0m;
        }

        var end = options.ChurnWhenScheduled ? subscription.CancelRequestedAt ?? subscription.CanceledAt : subscription.CanceledAt;
        if (end is { } ended && instant >= ended)
        {
            return 0m;
        }

        if (subscription.TrialEnd is { } trialEnd && instant < trialEnd)
        {
            return 0m;
        }

        var index = StateIndexAt(states, instant);
        if (index < 0)
        {
            return 0m;
        }

        var state = states[index];
        switch (state.Status)
        {
            case SubscriptionStatus.Trialing or SubscriptionStatus.Paused or SubscriptionStatus.Canceled:
                return 0m;
            case SubscriptionStatus.PastDue or SubscriptionStatus.Unpaid when options.PastDueChurnDays is { } days:
                var pastDueSince = state.EffectiveFrom;
                for (var i = index - 1; i >= 0 && states[i].Status is SubscriptionStatus.PastDue or SubscriptionStatus.Unpaid; i--)
                {
                    pastDueSince = states[i].EffectiveFrom;
                }

                if (instant >= pastDueSince.AddDays(days))
                {
                    return 0m;
                }

                break;
        }

        if (!plans.TryGetValue(state.PlanId, out var plan) || (plan.IsMetered && !options.IncludeMeteredInMrr))
        {
            return 0m;
        }

        var periodMinor = plan.AmountMinor * (decimal)state.Quantity
            + state.AddOns.Sum(a => a.AmountMinor * (decimal)a.Quantity)
            - state.DiscountMinor;
        if (periodMinor <= 0)
        {
            return 0m;
        }

        var periodsPerYear = plan.Interval switch
        {
            BillingInterval.Day => 365m,
            BillingInterval.Week => 52m,
            BillingInterval.Month => 12m,
            _ => 1m,
        };
        var mrrMinor = periodMinor * periodsPerYear / (12m * Math.Max(1, plan.IntervalCount));

        if (plan.Currency == options.Currency)
        {
            return mrrMinor;
        }

        var rate = rates.RateOn(plan.Currency, options.DayOf(state.EffectiveFrom));
        if (rate is null)
        {
            return null;
        }

        return mrrMinor / Currency.MinorPerMajor(plan.Currency) * rate.Value * Currency.MinorPerMajor(options.Currency);
    }

    /// <summary>The index of the state in effect at <paramref name="instant"/> (states sorted by EffectiveFrom), or -1.</summary>
    private static int StateIndexAt(IReadOnlyList<SubscriptionState> states, DateTimeOffset instant)
    {
        var found = -1;
        for (var i = 0; i < states.Count && states[i].EffectiveFrom <= instant; i++)
        {
            found = i;
        }

        return found;
    }
}

/// <summary>Exchange rates into the reporting currency: the rate of a day, or the latest one before it.</summary>
public sealed class FxTable
{
    private readonly Dictionary<string, List<FxRate>> byCurrency;

    public FxTable(IEnumerable<FxRate> rates)
    {
        byCurrency = rates
            .GroupBy(r => r.Currency, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderBy(r => r.Date).ToList(), StringComparer.Ordinal);
    }

    public decimal? RateOn(string currency, DateOnly day)
    {
        if (!byCurrency.TryGetValue(currency, out var list))
        {
            return null;
        }

        FxRate? best = null;
        foreach (var rate in list)
        {
            if (rate.Date > day)
            {
                break;
            }

            best = rate;
        }

        return best?.Rate;
    }
}
