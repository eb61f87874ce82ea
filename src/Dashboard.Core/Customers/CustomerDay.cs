using System.Runtime.CompilerServices;
using Dashboard.Core.Metrics;
using Dashboard.Core.Timelines;

namespace Dashboard.Core.Customers;

/// <summary>A customer's numbers at the end of one day, read from its chunk (see <see cref="CustomerDay.Evaluate"/>).</summary>
internal struct CustomerDayValues
{
    /// <summary>Exact customer MRR in <see cref="Money.MrrUnits"/>; rounded to a minor unit where it is shown.</summary>
    public long Mrr;
    public long NetRevenue;

    /// <summary>First day with MRR above 0 (int.MaxValue when none up to the day).</summary>
    public int Since;

    public CustomerStatus Status;
}

/// <summary>
/// Reads one customer's MRR, status, first paid day, plans and net revenue at the end of a day straight from the flat
/// chunk arrays, with the same plan mask and customer MRR points the metric walks use, so the list's MRR is the
/// engine's MRR contribution.
/// </summary>
internal static class CustomerDay
{
    public static CustomerDayValues Evaluate(CustomerChunk chunk, int i, bool[]? planMask, int day, WalkScratch scratch)
    {
        var values = MrrAndSince(chunk, i, planMask, day, scratch);
        values.Status = StatusOf(chunk, i, planMask, day, values.Mrr, values.Since != int.MaxValue);
        values.NetRevenue = NetRevenue(chunk, i, day);
        return values;
    }

    /// <summary>Only MRR and the first paid day (what every row of a list scan needs); status and revenue stay unset.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static CustomerDayValues MrrAndSince(CustomerChunk chunk, int i, bool[]? planMask, int day, WalkScratch scratch)
    {
        var values = new CustomerDayValues { Since = int.MaxValue };
        var points = CustomerWalker.PointsFor(chunk, i, planMask, scratch);
        foreach (var p in points)
        {
            if (p.Day > day)
            {
                break;
            }

            values.Mrr = p.Mrr;
            if (p.Mrr > 0 && values.Since == int.MaxValue)
            {
                values.Since = p.Day;
            }
        }

        return values;
    }

    /// <summary>Paid charges minus refunds and lost disputes on or before <paramref name="day"/>, in reporting minor units.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static long NetRevenue(CustomerChunk chunk, int i, int day)
    {
        long total = 0;
        for (var e = chunk.CashStart[i]; e < chunk.CashStart[i + 1]; e++)
        {
            if (chunk.CashDays[e] > day)
            {
                break; // Cash entries are ordered by day.
            }

            switch ((CashEntryKind)(chunk.CashKinds[e] & 0xF))
            {
                case CashEntryKind.PaidCharge:
                    total += chunk.CashAmounts[e];
                    break;
                case CashEntryKind.Refund or CashEntryKind.Dispute:
                    total -= chunk.CashAmounts[e];
                    break;
            }
        }

        return total;
    }

    public static CustomerStatus StatusOf(CustomerChunk chunk, int i, bool[]? planMask, int day, long mrr, bool everPaid)
    {
        var pastDue = false;
        var trial = false;
        for (var s = chunk.SubStart[i]; s < chunk.SubStart[i + 1]; s++)
        {
            if (PointAt(chunk, chunk.Subs[s], day) is { } p && CustomerMrrMerger.Counts(p, planMask))
            {
                pastDue |= p.PastDue && p.Mrr > 0;
                trial |= p.InTrial;
            }
        }

        return mrr > 0 ? (pastDue ? CustomerStatus.PastDue : CustomerStatus.Active)
            : trial ? CustomerStatus.Trialing
            : everPaid ? CustomerStatus.Churned
            : CustomerStatus.NeverPaid;
    }

    /// <summary>The subscription's point in effect at the end of <paramref name="day"/>, or null before its first point.</summary>
    public static SubscriptionPoint? PointAt(CustomerChunk chunk, SubscriptionSlot slot, int day)
    {
        SubscriptionPoint? found = null;
        foreach (var p in chunk.SubPoints.AsSpan(slot.PointStart, slot.PointCount))
        {
            if (p.Day > day)
            {
                break;
            }

            found = p;
        }

        return found;
    }

    /// <summary>
    /// Plan indexes of the subscriptions running (paying or in trial) at the end of <paramref name="day"/>; when none
    /// runs, the plan of the subscription that ran last. Ordered, without duplicates.
    /// </summary>
    public static List<int> PlansAt(CustomerChunk chunk, int i, bool[]? planMask, int day)
    {
        var current = new List<int>();
        var lastDay = int.MinValue;
        var lastPlan = -1;
        for (var s = chunk.SubStart[i]; s < chunk.SubStart[i + 1]; s++)
        {
            var slot = chunk.Subs[s];
            foreach (var p in chunk.SubPoints.AsSpan(slot.PointStart, slot.PointCount))
            {
                if (p.Day > day)
                {
                    break;
                }

                if (p.Plan >= 0 && CustomerMrrMerger.Counts(p, planMask) && p.Day >= lastDay)
                {
                    lastDay = p.Day;
                    lastPlan = p.Plan;
                }
            }

            if (PointAt(chunk, slot, day) is { Plan: >= 0 } now && (now.Mrr > 0 || now.InTrial) && CustomerMrrMerger.Counts(now, planMask)
                && !current.Contains(now.Plan))
            {
                current.Add(now.Plan);
            }
        }

        if (current.Count == 0 && lastPlan >= 0)
        {
            current.Add(lastPlan);
        }

        current.Sort();
        return current;
    }
}
