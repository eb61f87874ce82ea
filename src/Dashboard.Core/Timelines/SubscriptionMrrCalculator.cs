using Dashboard.Core.Billing;

namespace Dashboard.Core.Timelines;

/// <summary>
/// Turns a subscription and its state history into end-of-day points (docs/metrics.md, "Subscription MRR").
/// The value at the end of day D is the value after every event with time before the start of D+1, so same-day
/// changes net out and an event exactly at midnight belongs to the day that starts then.
/// </summary>
internal sealed class SubscriptionMrrCalculator(
    IReadOnlyDictionary<long, PlanInfo> plans,
    IReadOnlyDictionary<long, long> addOnTotals,
    FxTable fx,
    ReportingCalendar calendar,
    MetricSettings settings)
{
    public SubscriptionTimeline Compute(in SubscriptionRow sub, ReadOnlySpan<StateRow> states)
    {
        if (states.Length == 0)
        {
            return new SubscriptionTimeline { Id = sub.Id, ExternalId = sub.ExternalId, Points = [], StartDay = calendar.DayOf(sub.StartedAt) };
        }

        var end = EndOf(sub);
        var instants = EventInstants(sub, states, end);
        var points = new List<SubscriptionPoint>(instants.Count);
        foreach (var t in instants)
        {
            var point = Evaluate(sub, states, end, t) with { Day = calendar.DayOf(t) };
            if (points.Count > 0 && points[^1].Day == point.Day)
            {
                points[^1] = point;
            }
            else
            {
                points.Add(point);
            }
        }

        var (startsWithTrial, trialEnd) = FirstTrial(sub, states);
        var planAtStart = Plan(states[0].PlanId).Index;
        return new SubscriptionTimeline
        {
            Id = sub.Id,
            ExternalId = sub.ExternalId,
            Points = Compress(points),
            StartDay = calendar.DayOf(sub.StartedAt),
            StartsWithTrial = startsWithTrial,
            PlanAtStart = planAtStart,
            TrialEndDay = trialEnd is { } te ? calendar.DayOf(te) : -1,
            ConvertsTrial = trialEnd is { } converted && (end is null || end > converted),
            PlanAtTrialEnd = trialEnd is { } at ? Plan(states[StateAt(states, at)].PlanId).Index : startsWithTrial ? planAtStart : -1,
        };
    }

    /// <summary>
    /// Whether the subscription starts with a trial and when that first trial ends (null while it has not ended):
    /// <c>TrialEnd</c> after the start, or a trialing state at the start, whose trial lasts until the first later state that
    /// is not trialing. Later trial periods (a free month granted to a paying customer) are states of their own: they
    /// make MRR 0 while they last, but are not new trials.
    /// </summary>
    private static (bool StartsWithTrial, DateTimeOffset? End) FirstTrial(in SubscriptionRow sub, ReadOnlySpan<StateRow> states)
    {
        if (sub.TrialEnd is { } trialEnd && trialEnd > sub.StartedAt)
        {
            return (true, trialEnd);
        }

        var first = StateAt(states, sub.StartedAt);
        if (states[first].Status != SubscriptionStatus.Trialing)
        {
            return (false, null);
        }

        for (var i = first + 1; i < states.Length; i++)
        {
            if (states[i].Status != SubscriptionStatus.Trialing)
            {
                return (true, states[i].EffectiveFrom);
            }
        }

        return (true, null);
    }

    private DateTimeOffset? EndOf(in SubscriptionRow sub)
    {
        if (settings.ChurnRecognition == ChurnRecognition.WhenScheduled && sub.CancelRequestedAt is { } requested)
        {
            return sub.CanceledAt is { } canceled && canceled < requested ? canceled : requested;
        }

        return sub.CanceledAt;
    }

    private List<DateTimeOffset> EventInstants(in SubscriptionRow sub, ReadOnlySpan<StateRow> states, DateTimeOffset? end)
    {
        var instants = new List<DateTimeOffset>(states.Length + 4) { sub.StartedAt };
        for (var i = 0; i < states.Length; i++)
        {
            var from = Max(states[i].EffectiveFrom, sub.StartedAt);
            instants.Add(from);
            var startsPastDueRun = states[i].Status == SubscriptionStatus.PastDue &&
                                   (i == 0 || states[i - 1].Status != SubscriptionStatus.PastDue);
            if (startsPastDueRun && settings.PastDueChurnDays is { } days)
            {
                instants.Add(from.AddDays(days));
            }
        }

        if (sub.TrialEnd is { } trialEnd && trialEnd > sub.StartedAt)
        {
            instants.Add(trialEnd);
        }

        if (end is { } e)
        {
            instants.Add(Max(e, sub.StartedAt));
        }

        instants.Sort();
        var unique = new List<DateTimeOffset>(instants.Count);
        foreach (var t in instants)
        {
            if ((unique.Count == 0 || unique[^1] != t) && (end is null || t <= end.Value || unique.Count == 0))
            {
                unique.Add(t);
            }
        }

        return unique;
    }

    private SubscriptionPoint Evaluate(in SubscriptionRow sub, ReadOnlySpan<StateRow> states, DateTimeOffset? end, DateTimeOffset t)
    {
        var none = new SubscriptionPoint(0, -1, false, 0, 0);
        if (t < sub.StartedAt || (end is { } e && t >= e))
        {
            return none;
        }

        var index = StateAt(states, t);
        var state = states[index];
        var plan = Plan(state.PlanId);
        if ((sub.TrialEnd is { } trialEnd && t < trialEnd) || state.Status == SubscriptionStatus.Trialing)
        {
            return new SubscriptionPoint(0, plan.Index, true, 0, 0);
        }

        if (state.Status is SubscriptionStatus.Unpaid or SubscriptionStatus.Paused or SubscriptionStatus.Canceled ||
            (state.Status == SubscriptionStatus.PastDue && PastDueTooLong(sub, states, index, t)) ||
            (plan.IsMetered && !settings.IncludeMeteredInMrr))
        {
            return none;
        }

        addOnTotals.TryGetValue(state.Id, out var addOns);
        // A state the source billed carries its own amount (and currency); otherwise the plan's price counts.
        var gross = checked((state.AmountMinor ?? plan.AmountMinor * state.Quantity) + addOns);
        var period = Math.Max(0, gross - state.DiscountMinor);
        if (period == 0)
        {
            return none;
        }

        // FX at the rate of the day the state took effect, so a state's MRR never moves with later rates.
        var factor = fx.MinorFactor(state.Currency ?? plan.Currency, calendar.DayOf(Max(state.EffectiveFrom, sub.StartedAt)));
        var mrr = plan.MonthlyUnits(period * factor);
        var undiscounted = plan.MonthlyUnits(gross * factor);
        var addOnMrr = addOns == 0 ? 0 : plan.MonthlyUnits(addOns * factor);
        return new SubscriptionPoint(0, plan.Index, false, mrr, undiscounted - mrr, state.Status == SubscriptionStatus.PastDue, addOnMrr);
    }

    private bool PastDueTooLong(in SubscriptionRow sub, ReadOnlySpan<StateRow> states, int index, DateTimeOffset t)
    {
        if (settings.PastDueChurnDays is not { } days)
        {
            return false;
        }

        var first = index;
        while (first > 0 && states[first - 1].Status == SubscriptionStatus.PastDue)
        {
            first--;
        }

        return t >= Max(states[first].EffectiveFrom, sub.StartedAt).AddDays(days);
    }

    /// <summary>The state in effect at <paramref name="t"/>; the first state also covers any time before it.</summary>
    private static int StateAt(ReadOnlySpan<StateRow> states, DateTimeOffset t)
    {
        var index = 0;
        for (var i = 1; i < states.Length && states[i].EffectiveFrom <= t; i++)
        {
            index = i;
        }

        return index;
    }

    private PlanInfo Plan(long planId) =>
        plans.TryGetValue(planId, out var plan)
            ? plan
            : throw new InvalidOperationException($"A subscription state refers to plan id {planId}, which was not added to the builder.");

    private static SubscriptionPoint[] Compress(List<SubscriptionPoint> points)
    {
        var result = new List<SubscriptionPoint>(points.Count);
        var previous = new SubscriptionPoint(0, -1, false, 0, 0);
        foreach (var p in points)
        {
            if (p.Plan != previous.Plan || p.InTrial != previous.InTrial || p.Mrr != previous.Mrr || p.Discount != previous.Discount || p.PastDue != previous.PastDue || p.AddOn != previous.AddOn)
            {
                result.Add(p);
                previous = p;
            }
        }

        return [.. result];
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
