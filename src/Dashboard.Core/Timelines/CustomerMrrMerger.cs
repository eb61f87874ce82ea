using System.Runtime.CompilerServices;
namespace Dashboard.Core.Timelines;

/// <summary>The subscriptions of one customer, wherever their points are stored.</summary>
internal interface ISubscriptionPoints
{
    int Count { get; }

    ReadOnlySpan<SubscriptionPoint> Points(int subscription);
}

/// <summary>Subscriptions as compiled objects.</summary>
internal readonly struct TimelineSubscriptions(SubscriptionTimeline[] subscriptions) : ISubscriptionPoints
{
    public int Count => subscriptions.Length;

    public ReadOnlySpan<SubscriptionPoint> Points(int subscription) => subscriptions[subscription].Points;
}

/// <summary>Subscriptions of customer <paramref name="customer"/> of a chunk.</summary>
internal readonly struct ChunkSubscriptions(CustomerChunk chunk, int customer) : ISubscriptionPoints
{
    private readonly int first = chunk.SubStart[customer];

    public int Count => chunk.SubStart[customer + 1] - first;

    public ReadOnlySpan<SubscriptionPoint> Points(int subscription)
    {
        var slot = chunk.Subs[first + subscription];
        return chunk.SubPoints.AsSpan(slot.PointStart, slot.PointCount);
    }
}

/// <summary>
/// Sums a customer's subscription points into customer points. Amounts are whole <see cref="Money.MrrUnits"/>, so the
/// sum is exact and nothing is rounded here: totals add the customers' exact MRR and round once, when shown.
/// </summary>
internal static class CustomerMrrMerger
{
    /// <param name="planMask">When not null, only subscription points on plans whose index is true contribute.</param>
    public static CustomerPoint[] Merge(SubscriptionTimeline[] subscriptions, bool[]? planMask)
    {
        var total = 0;
        foreach (var sub in subscriptions)
        {
            total += sub.Points.Length;
        }

        var buffer = new CustomerPoint[total];
        var cursors = new int[subscriptions.Length];
        var count = Merge(new TimelineSubscriptions(subscriptions), planMask, ref buffer, ref cursors);
        return count == buffer.Length ? buffer : buffer[..count];
    }

    /// <summary>
    /// Writes the merged points into <paramref name="buffer"/> (grown when needed) and returns how many there are.
    /// Walks the subscriptions' point lists side by side, one distinct day at a time, so it allocates nothing.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Merge<TSubs>(in TSubs subscriptions, bool[]? planMask, ref CustomerPoint[] buffer, ref int[] cursors)
        where TSubs : struct, ISubscriptionPoints
    {
        var subCount = subscriptions.Count;
        var totalPoints = 0;
        for (var s = 0; s < subCount; s++)
        {
            totalPoints += subscriptions.Points(s).Length;
        }

        if (buffer.Length < totalPoints)
        {
            buffer = new CustomerPoint[Math.Max(totalPoints, buffer.Length * 2)];
        }

        if (cursors.Length < subCount)
        {
            cursors = new int[Math.Max(subCount, cursors.Length * 2)];
        }

        var count = 0;
        var last = new CustomerPoint(0, 0, 0);
        if (subCount == 1)
        {
            // The common case: the sum is the point itself; of same-day points the last holds.
            var points = subscriptions.Points(0);
            for (var k = 0; k < points.Length; k++)
            {
                var p = points[k];
                if (k + 1 < points.Length && points[k + 1].Day == p.Day)
                {
                    continue;
                }

                var mrr = Counts(p, planMask) ? p.Mrr : 0;
                var point = new CustomerPoint(p.Day, mrr, mrr == 0 ? 0 : p.Discount, mrr == 0 ? 0 : p.AddOn);
                if (point != (last with { Day = point.Day }))
                {
                    buffer[count++] = point;
                    last = point;
                }
            }

            return count;
        }

        // cursors[s] = index of the point in effect for subscription s (-1 before its first point).
        cursors.AsSpan(0, subCount).Fill(-1);
        while (true)
        {
            var day = int.MaxValue;
            for (var s = 0; s < subCount; s++)
            {
                var points = subscriptions.Points(s);
                if (cursors[s] + 1 < points.Length)
                {
                    day = Math.Min(day, points[cursors[s] + 1].Day);
                }
            }

            if (day == int.MaxValue)
            {
                return count;
            }

            long mrr = 0, discount = 0, addOn = 0;
            for (var s = 0; s < subCount; s++)
            {
                var points = subscriptions.Points(s);
                while (cursors[s] + 1 < points.Length && points[cursors[s] + 1].Day <= day)
                {
                    cursors[s]++;
                }

                if (cursors[s] >= 0 && Counts(points[cursors[s]], planMask))
                {
                    mrr = checked(mrr + points[cursors[s]].Mrr);
                    discount = checked(discount + points[cursors[s]].Discount);
                    addOn = checked(addOn + points[cursors[s]].AddOn);
                }
            }

            var point = new CustomerPoint(day, mrr, discount, addOn);
            if (point.Mrr == 0)
            {
                point = point with { Discount = 0, AddOn = 0 };
            }

            if (point != (last with { Day = point.Day }))
            {
                buffer[count++] = point;
                last = point;
            }
        }
    }

    public static bool Counts(in SubscriptionPoint point, bool[]? planMask) =>
        planMask is null || (point.Plan >= 0 && planMask[point.Plan]);

    /// <summary>True when every contributing point is on a plan in the mask, so the unfiltered customer points apply.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool AllMatch<TSubs>(in TSubs subscriptions, bool[] planMask) where TSubs : struct, ISubscriptionPoints
    {
        for (var s = 0; s < subscriptions.Count; s++)
        {
            foreach (var p in subscriptions.Points(s))
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
