namespace Dashboard.Core.Timelines;

/// <summary>
/// Sums a customer's subscription points into customer points. This is the single rounding point for MRR: the
/// exact sum over subscriptions is rounded to the reporting minor unit (half away from zero) once per customer and
/// day, so totals, movements and drill-down lists all add up to the cent.
/// </summary>
internal static class CustomerMrrMerger
{
    /// <param name="planMask">When not null, only subscription points on plans whose index is true contribute.</param>
    public static CustomerPoint[] Merge(SubscriptionTimeline[] subscriptions, bool[]? planMask)
    {
        if (subscriptions.Length == 0)
        {
            return [];
        }

        var days = new List<int>();
        foreach (var sub in subscriptions)
        {
            foreach (var p in sub.Points)
            {
                days.Add(p.Day);
            }
        }

        days.Sort();
        var cursor = new int[subscriptions.Length];
        Array.Fill(cursor, -1);
        var result = new List<CustomerPoint>();
        var last = new CustomerPoint(0, 0, 0);
        for (var d = 0; d < days.Count; d++)
        {
            var day = days[d];
            if (d > 0 && days[d - 1] == day)
            {
                continue;
            }

            decimal mrr = 0, discount = 0;
            for (var s = 0; s < subscriptions.Length; s++)
            {
                var points = subscriptions[s].Points;
                while (cursor[s] + 1 < points.Length && points[cursor[s] + 1].Day <= day)
                {
                    cursor[s]++;
                }

                if (cursor[s] >= 0 && Counts(points[cursor[s]], planMask))
                {
                    mrr += points[cursor[s]].Mrr;
                    discount += points[cursor[s]].Discount;
                }
            }

            var point = new CustomerPoint(day, Money.Money.RoundMinor(mrr), Money.Money.RoundMinor(discount));
            if (point.Mrr == 0)
            {
                point = point with { Discount = 0 };
            }

            if (point.Mrr != last.Mrr || point.Discount != last.Discount)
            {
                result.Add(point);
                last = point;
            }
        }

        return [.. result];
    }

    public static bool Counts(in SubscriptionPoint point, bool[]? planMask) =>
        planMask is null || (point.Plan >= 0 && planMask[point.Plan]);

    /// <summary>True when every contributing point is on a plan in the mask, so the unfiltered customer points apply.</summary>
    public static bool AllMatch(SubscriptionTimeline[] subscriptions, bool[] planMask)
    {
        foreach (var sub in subscriptions)
        {
            foreach (var p in sub.Points)
            {
                if ((p.Mrr != 0 || p.InTrial) && !Counts(p, planMask))
                {
                    return false;
                }
            }
        }

        return true;
    }
}
