using System.Runtime.CompilerServices;
using Dashboard.Core.Money;
using Dashboard.Core.Segments;
using Dashboard.Core.Timelines;

namespace Dashboard.Core.Metrics;

/// <summary>
/// The per-customer contributions behind a drill-down. Each worker walks whole chunks into one reused ledger and
/// allocates only for the customers that end up in the list (a non-zero contribution). The
/// numerator is the exact sum of the customers' contributions (in <see cref="Money.MrrUnits"/> for MRR amounts). MRR
/// rows are ordered by their exact amounts and then rounded together by <see cref="LargestRemainder"/>, so they add up
/// to the numerator rounded once (the total shown); counts and cash amounts are whole and stay as they are.
/// </summary>
internal static class DrillDownCalculator
{
    public static (decimal Numerator, List<CustomerContribution> Rows) Contributions(
        TimelineSet set, CompiledSegment segment, MetricDefinition metric, MetricWindow window)
    {
        var chunks = set.Chunks;
        var parts = metric.Parts | WalkParts.Mrr;
        var rows = new List<CustomerContribution>();
        decimal numerator = 0;

        // A flow metric only sees entries inside the window, and movements are listed for the window too: a customer
        // with nothing in it contributes nothing and is not listed, so it need not be walked.
        var flowOnly = metric.Kind == MetricKind.Flow && (parts & WalkParts.Retention) == 0;
        var withCash = (parts & WalkParts.Cash) != 0;
        ChunkParallel.For(
            chunks.Length,
            set.Count,
            () => (Rows: new List<CustomerContribution>(), Sum: new decimal[1], Ledger: new CustomerLedger(), Scratch: new WalkScratch()),
            (c, state) => state.Sum[0] += AddChunk(chunks[c], segment, metric, window, parts, flowOnly, withCash, state.Rows, state.Ledger, state.Scratch),
            state =>
            {
                numerator += state.Sum[0];
                rows.AddRange(state.Rows);
            });

        rows.Sort(static (a, b) =>
        {
            var bySize = Math.Abs(b.Contribution).CompareTo(Math.Abs(a.Contribution));
            return bySize != 0 ? bySize : a.CustomerId.CompareTo(b.CustomerId);
        });
        if (metric.MrrAmounts)
        {
            var minor = LargestRemainder.ToMinor(rows.Select(r => (Int128)r.Contribution).ToList());
            var ordered = true;
            for (var i = 0; i < rows.Count; i++)
            {
                rows[i] = rows[i] with { Contribution = minor[i] };
                ordered &= i == 0 || Math.Abs(minor[i - 1]) >= Math.Abs(minor[i]);
            }

            if (!ordered)
            {
                // With amounts of both signs a cent can swap two neighbours' sizes: keep the shown list largest first
                // (stable, so equal amounts stay in the exact order).
                var shown = rows.OrderByDescending(r => Math.Abs(r.Contribution)).ToList();
                rows.Clear();
                rows.AddRange(shown);
            }
        }

        return (numerator, rows);
    }

    /// <summary>Adds the listed customers of one chunk to <paramref name="rows"/>; returns the sum of their contributions.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static decimal AddChunk(CustomerChunk chunk, CompiledSegment segment, MetricDefinition metric, MetricWindow window, WalkParts parts,
        bool flowOnly, bool withCash, List<CustomerContribution> rows, CustomerLedger ledger, WalkScratch scratch)
    {
        decimal sum = 0;
        var count = segment.Select(chunk, planAware: false, invert: false, scratch);
        for (var j = 0; j < count; j++)
        {
            var i = scratch.Selected[j];
            if (chunk.FirstDays[i] > window.End || (flowOnly && QuietIn(chunk, i, window.WindowStart, window.End, withCash)))
            {
                continue;
            }

            var mask = scratch.ApplyMask[j] ? segment.PlanMask : null;
            ledger.Fill(chunk, i, mask, parts, scratch);
            var contribution = metric.Numerator(ledger, window);
            if (contribution != 0)
            {
                // Only customers who add to the number are listed (for counts: those counted), so the list's length
                // and the sum of its contributions are the clicked value.
                sum += contribution;
                rows.Add(new CustomerContribution(chunk.Ids[i], chunk.ExternalIds[i], chunk.Names[i], chunk.Emails[i], contribution,
                    Movements(ledger, window)));
            }
        }

        return sum;
    }

    /// <summary>
    /// True when the customer has no MRR or subscription entry (nor, with <paramref name="cash"/>, cash entry) on the
    /// days <paramref name="from"/>..<paramref name="to"/>. Customer MRR and subscription entries fall only on
    /// subscription point days, trial starts and trial ends.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool QuietIn(CustomerChunk chunk, int i, int from, int to, bool cash)
    {
        if (chunk.LastDays[i] < from || chunk.FirstDays[i] > to)
        {
            return true;
        }

        for (var s = chunk.SubStart[i]; s < chunk.SubStart[i + 1]; s++)
        {
            var slot = chunk.Subs[s];
            if (slot.StartsWithTrial && (InRange(slot.StartDay, from, to) || InRange(slot.TrialEndDay, from, to)))
            {
                return false;
            }

            foreach (var p in chunk.SubPoints.AsSpan(slot.PointStart, slot.PointCount))
            {
                if (InRange(p.Day, from, to))
                {
                    return false;
                }
            }
        }

        if (cash)
        {
            foreach (var day in chunk.CashDays.AsSpan(chunk.CashStart[i], chunk.CashStart[i + 1] - chunk.CashStart[i]))
            {
                if (InRange(day, from, to))
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static bool InRange(int day, int from, int to) => day >= from && day <= to;

    /// <summary>
    /// The customer's MRR movements in the window, each rounded as the change of the customer's MRR rounded to a minor
    /// unit (round(MRR after) - round(MRR before)), so a customer's movements add up to its rounded MRR.
    /// </summary>
    internal static IReadOnlyList<MovementEntry> Movements(CustomerLedger ledger, MetricWindow window)
    {
        List<MovementEntry>? movements = null;
        long level = 0;
        foreach (var (series, day, amount) in ledger.Entries)
        {
            if (series is < SeriesId.NewMrr or > SeriesId.ReactivationMrr)
            {
                continue;
            }

            var before = level;
            level += amount;
            if (day < window.WindowStart || day > window.End)
            {
                continue;
            }

            var kind = series switch
            {
                SeriesId.NewMrr => "new",
                SeriesId.ExpansionMrr => "expansion",
                SeriesId.ContractionMrr => "contraction",
                SeriesId.ChurnedMrr => "churn",
                SeriesId.ReactivationMrr => "reactivation",
                _ => null,
            };
            if (kind is not null)
            {
                (movements ??= []).Add(new MovementEntry(DateOnly.FromDayNumber(day), kind, MrrUnits.RoundToMinor(level) - MrrUnits.RoundToMinor(before)));
            }
        }

        return movements ?? (IReadOnlyList<MovementEntry>)[];
    }
}
