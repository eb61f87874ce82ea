using System.Runtime.CompilerServices;
using Dashboard.Core.Billing;
using Dashboard.Core.Timelines;

namespace Dashboard.Core.Metrics;

/// <summary>
/// Turns one customer's timeline into series contributions. It is the only place where movements are classified, so
/// totals, segments and drill-down lists cannot disagree.
/// </summary>
internal static class CustomerWalker
{
    public const int RetentionDays = 365;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Walk<TSink>(CustomerChunk chunk, int i, bool[]? planMask, WalkParts parts, WalkScratch scratch, ref TSink sink)
        where TSink : struct, ILedgerSink
    {
        if ((parts & (WalkParts.Mrr | WalkParts.Retention)) != 0)
        {
            var points = PointsFor(chunk, i, planMask, scratch);
            if ((parts & WalkParts.Mrr) != 0)
            {
                WalkMrr(points, ref sink);
            }

            if ((parts & WalkParts.Retention) != 0)
            {
                WalkRetention(points, ref sink);
            }
        }

        if ((parts & WalkParts.Subscriptions) != 0)
        {
            WalkSubscriptions(chunk, i, planMask, ref sink);
        }

        if ((parts & WalkParts.Cash) != 0)
        {
            WalkCash(chunk, i, ref sink);
        }
    }

    /// <summary>The customer's MRR points, counting only subscriptions on plans in <paramref name="planMask"/>.</summary>
    /// <remarks>The span may point into <paramref name="scratch"/>: use it before the next call with the same scratch.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static ReadOnlySpan<CustomerPoint> PointsFor(CustomerChunk chunk, int i, bool[]? planMask, WalkScratch scratch)
    {
        var subs = new ChunkSubscriptions(chunk, i);
        if (planMask is null || CustomerMrrMerger.AllMatch(subs, planMask))
        {
            return chunk.PointsOf(i);
        }

        var count = CustomerMrrMerger.Merge(subs, planMask, ref scratch.Points, ref scratch.Cursors);
        return scratch.Points.AsSpan(0, count);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void WalkMrr<TSink>(ReadOnlySpan<CustomerPoint> points, ref TSink sink) where TSink : struct, ILedgerSink
    {
        long previous = 0, previousDiscount = 0, previousAddOn = 0;
        var ever = false;
        var runStart = 0;
        foreach (var p in points)
        {
            var day = p.Day;
            var current = p.Mrr;
            if (current != previous)
            {
                sink.Add(SeriesId.Mrr, day, current - previous);
            }

            if (p.Discount != previousDiscount)
            {
                sink.Add(SeriesId.Discounts, day, p.Discount - previousDiscount);
            }

            if (p.AddOn != previousAddOn)
            {
                sink.Add(SeriesId.AddOnMrr, day, p.AddOn - previousAddOn);
            }

            if (previous == 0 && current > 0)
            {
                sink.Add(ever ? SeriesId.ReactivationMrr : SeriesId.NewMrr, day, current);
                sink.Add(ever ? SeriesId.Reactivations : SeriesId.NewCustomers, day, 1);
                sink.Add(SeriesId.ActiveCustomers, day, 1);
                ever = true;
                runStart = day;
            }
            else if (previous > 0 && current == 0)
            {
                sink.Add(SeriesId.ChurnedMrr, day, -previous);
                sink.Add(SeriesId.ChurnedCustomers, day, 1);
                sink.Add(SeriesId.ActiveCustomers, day, -1);
                sink.ChurnRun(runStart, day);
            }
            else if (previous > 0 && current > previous)
            {
                sink.Add(SeriesId.ExpansionMrr, day, current - previous);
                sink.Add(SeriesId.Upgrades, day, 1);
            }
            else if (previous > 0 && current < previous)
            {
                sink.Add(SeriesId.ContractionMrr, day, current - previous);
                sink.Add(SeriesId.Downgrades, day, 1);
            }

            previous = current;
            previousDiscount = p.Discount;
            previousAddOn = p.AddOn;
        }
    }

    /// <summary>
    /// NRR numerator at day D is MRR(D) when MRR(D-365) &gt; 0; GRR caps it at MRR(D-365). Both change only on the
    /// customer's change days and those days + 365, so they are emitted as deltas on a merge of the two lists.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void WalkRetention<TSink>(ReadOnlySpan<CustomerPoint> points, ref TSink sink) where TSink : struct, ILedgerSink
    {
        int i = 0, j = 0;
        long now = 0, then = 0, nrr = 0, grr = 0;
        while (i < points.Length || j < points.Length)
        {
            var di = i < points.Length ? points[i].Day : int.MaxValue;
            var dj = j < points.Length ? points[j].Day + RetentionDays : int.MaxValue;
            var day = Math.Min(di, dj);
            if (di == day)
            {
                now = points[i++].Mrr;
            }

            if (dj == day)
            {
                then = points[j++].Mrr;
            }

            var newNrr = then > 0 ? now : 0;
            var newGrr = then > 0 ? Math.Min(now, then) : 0;
            if (newNrr != nrr)
            {
                sink.Add(SeriesId.NrrNumerator, day, newNrr - nrr);
                nrr = newNrr;
            }

            if (newGrr != grr)
            {
                sink.Add(SeriesId.GrrNumerator, day, newGrr - grr);
                grr = newGrr;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void WalkSubscriptions<TSink>(CustomerChunk chunk, int i, bool[]? planMask, ref TSink sink)
        where TSink : struct, ILedgerSink
    {
        for (var s = chunk.SubStart[i]; s < chunk.SubStart[i + 1]; s++)
        {
            var sub = chunk.Subs[s];
            bool active = false, ever = false, trial = false;
            foreach (var p in chunk.SubPoints.AsSpan(sub.PointStart, sub.PointCount))
            {
                var counts = CustomerMrrMerger.Counts(p, planMask);
                var isActive = counts && p.Mrr > 0;
                var isTrial = counts && p.InTrial;
                if (isActive != active)
                {
                    sink.Add(SeriesId.ActiveSubscriptions, p.Day, isActive ? 1 : -1);
                    if (isActive && !ever)
                    {
                        sink.Add(SeriesId.NewSubscriptions, p.Day, 1);
                        ever = true;
                    }
                    else if (!isActive)
                    {
                        sink.Add(SeriesId.ChurnedSubscriptions, p.Day, 1);
                    }

                    active = isActive;
                }

                if (isTrial != trial)
                {
                    sink.Add(SeriesId.ActiveTrials, p.Day, isTrial ? 1 : -1);
                    trial = isTrial;
                }
            }

            if (sub.StartsWithTrial && (planMask is null || planMask[sub.PlanAtStart]))
            {
                sink.Add(SeriesId.NewTrials, sub.StartDay, 1);
            }

            if (sub.ConvertsTrial && (planMask is null || planMask[sub.PlanAtTrialEnd]))
            {
                sink.Add(SeriesId.TrialConversions, sub.TrialEndDay, 1);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void WalkCash<TSink>(CustomerChunk chunk, int i, ref TSink sink) where TSink : struct, ILedgerSink
    {
        var days = chunk.CashDays;
        var kinds = chunk.CashKinds;
        var amounts = chunk.CashAmounts;
        for (var e = chunk.CashStart[i]; e < chunk.CashStart[i + 1]; e++)
        {
            var day = days[e];
            var amount = amounts[e];
            switch ((CashEntryKind)(kinds[e] & 0xF))
            {
                case CashEntryKind.PaidCharge:
                    sink.Add(SeriesId.GrossRevenue, day, amount);
                    if (chunk.CashFees[e] != 0)
                    {
                        sink.Add(SeriesId.Fees, day, chunk.CashFees[e]);
                    }

                    var chargeKind = (ChargeKind)(kinds[e] >> 4);
                    if (chargeKind == ChargeKind.OneTime)
                    {
                        sink.Add(SeriesId.OtherRevenue, day, amount);
                    }
                    else if (chargeKind == ChargeKind.Metered)
                    {
                        sink.Add(SeriesId.UsageRevenue, day, amount);
                    }

                    break;
                case CashEntryKind.FailedCharge:
                    sink.Add(SeriesId.FailedCharges, day, 1);
                    sink.Add(SeriesId.FailedChargeAmount, day, amount);
                    break;
                case CashEntryKind.Dispute:
                    sink.Add(SeriesId.Disputes, day, amount);
                    break;
                default:
                    sink.Add(SeriesId.Refunds, day, amount);
                    break;
            }
        }
    }
}
