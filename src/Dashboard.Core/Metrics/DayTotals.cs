using System.Runtime.CompilerServices;
using Dashboard.Core.Segments;
using Dashboard.Core.Timelines;

namespace Dashboard.Core.Metrics;

/// <summary>
/// Per-day sums of every series over a set of customers, plus the churn runs (churn day x run length, the length
/// capped at <see cref="SeriesInfo.MaxWindowDays"/>) that answer window churn counts without revisiting customers.
/// Values are stored day-major (all series of a day side by side), because one customer event adds to several
/// series of the same day, in two arrays: the amounts of MRR (exact <see cref="Money.MrrUnits"/>, whose sums can pass
/// long.MaxValue: a business above $122 million MRR) as <see cref="Int128"/>, counts and cash (minor units) as long,
/// so the walks write no wider values than they need. Runs are kept as a list and summed into a histogram on first
/// use. Immutable once built; prefix sums and the histogram are computed lazily (a benign race computes the same
/// array twice).
/// </summary>
internal sealed class DayTotals : IDayReader
{
    private const int Bins = SeriesInfo.MaxWindowDays + 1;
    private const int AmountStride = SeriesInfo.MrrAmountCount;
    private const int CountStride = SeriesInfo.Count - SeriesInfo.MrrAmountCount;
    private readonly Int128[] amounts;
    private readonly long[] counts;
    private readonly ChurnRunList runs;
    private readonly DayTotals? runBase;
    private readonly int runSign;
    private readonly Int128[]?[] amountPrefix = new Int128[SeriesInfo.MrrAmountCount][];
    private readonly long[]?[] countPrefix = new long[CountStride][];
    private int[]? histogram;
    private int[]? churnSuffix;

    /// <param name="runBase">When set, this set's runs are the base's plus <paramref name="runs"/> times <paramref name="runSign"/>.</param>
    private DayTotals(int firstDay, int length, Int128[] amounts, long[] counts, ChurnRunList runs, DayTotals? runBase = null, int runSign = 1,
        int[]? histogram = null)
    {
        FirstDay = firstDay;
        Length = length;
        this.amounts = amounts;
        this.counts = counts;
        this.runs = runs;
        this.runBase = runBase;
        this.runSign = runSign;
        this.histogram = histogram;
    }

    public int FirstDay { get; }

    public int Length { get; }

    public int LastDay => FirstDay + Length - 1;

    public static DayTotals Empty(int firstDay, int length) => new(firstDay, length, new Int128[length * AmountStride], new long[length * CountStride], new ChurnRunList());

    /// <summary>
    /// Sums the customers a segment selects (every customer when <paramref name="segment"/> is null) over the chunks of
    /// a set, one worker per core with its own partial totals. With <paramref name="invert"/>, sums the customers the
    /// segment drops instead (see <see cref="Difference"/>).
    /// </summary>
    public static DayTotals Build(TimelineSet set, CompiledSegment? segment, bool planAware, bool invert, WalkParts parts, int firstDay, int length)
    {
        var chunks = set.Chunks;
        DayTotals? result = null;
        ChunkParallel.For(
            chunks.Length,
            set.Count,
            () => (Totals: Empty(firstDay, length), Scratch: new WalkScratch()),
            (c, state) => WalkChunk(chunks[c], segment, planAware, invert, parts, state.Totals, state.Scratch),
            state =>
            {
                if (result is null)
                {
                    result = state.Totals;
                }
                else
                {
                    result.AddFrom(state.Totals);
                }
            });

        return result ?? Empty(firstDay, length);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void WalkChunk(CustomerChunk chunk, CompiledSegment? segment, bool planAware, bool invert, WalkParts parts, DayTotals totals, WalkScratch scratch)
    {
        var sink = new Sink(totals, 1);
        if (segment is null)
        {
            for (var i = 0; i < chunk.Count; i++)
            {
                CustomerWalker.Walk(chunk, i, null, parts, scratch, ref sink);
            }

            return;
        }

        var count = segment.Select(chunk, planAware, invert, scratch);
        var selected = scratch.Selected;
        var apply = scratch.ApplyMask;
        for (var j = 0; j < count; j++)
        {
            CustomerWalker.Walk(chunk, selected[j], apply[j] ? segment.PlanMask : null, parts, scratch, ref sink);
        }
    }

    /// <summary>
    /// <paramref name="all"/> minus <paramref name="part"/> for the series of <paramref name="parts"/> (the others are
    /// left at zero). Every series is a sum over customers, so the totals of a segment are the totals of everyone
    /// minus those of the customers it drops; walking whichever side is smaller halves the worst case.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static DayTotals Difference(DayTotals all, DayTotals part, WalkParts parts)
    {
        var amounts = new Int128[all.amounts.Length];
        var counts = new long[all.counts.Length];
        for (var s = 0; s < SeriesInfo.Count; s++)
        {
            if ((SeriesInfo.PartOf((SeriesId)s) & parts) == 0)
            {
                continue;
            }

            if (s < AmountStride)
            {
                for (var at = s; at < amounts.Length; at += AmountStride)
                {
                    amounts[at] = all.amounts[at] - part.amounts[at];
                }
            }
            else
            {
                for (var at = s - AmountStride; at < counts.Length; at += CountStride)
                {
                    counts[at] = all.counts[at] - part.counts[at];
                }
            }
        }

        return (parts & WalkParts.Mrr) != 0
            ? new DayTotals(all.FirstDay, all.Length, amounts, counts, part.runs, all, -1)
            : new DayTotals(all.FirstDay, all.Length, amounts, counts, new ChurnRunList());
    }

    /// <summary>True when every day of a customer (its first and last day) lies inside the range these totals cover.</summary>
    public bool Covers(int firstDay, int lastDay) =>
        firstDay == int.MaxValue || (firstDay > FirstDay && lastDay + CustomerWalker.RetentionDays < LastDay);

    /// <summary>A copy where each pair's old customer is taken out and its new one put in.</summary>
    public DayTotals Replace(IReadOnlyList<(CustomerRef? Old, CustomerRef? New)> changes)
    {
        // The histogram is copied (not chained to this set), so a long series of updates never builds a deep chain.
        var copy = new DayTotals(FirstDay, Length, (Int128[])this.amounts.Clone(), (long[])this.counts.Clone(), new ChurnRunList(),
            histogram: (int[])Histogram().Clone());
        var remove = new Sink(copy, -1);
        var add = new Sink(copy, 1);
        var scratch = new WalkScratch();
        foreach (var (old, added) in changes)
        {
            if (old is { } o)
            {
                CustomerWalker.Walk(o.Chunk, o.Index, null, WalkParts.All, scratch, ref remove);
            }

            if (added is { } a)
            {
                CustomerWalker.Walk(a.Chunk, a.Index, null, WalkParts.All, scratch, ref add);
            }
        }

        return copy;
    }

    public decimal Stock(SeriesId series, int day) => (decimal)Level(series, day);

    public decimal Flow(SeriesId series, int from, int to) => to < from ? 0 : (decimal)(Level(series, to) - Level(series, from - 1));

    private Int128 Level(SeriesId series, int day)
    {
        var index = day - FirstDay;
        if (index < 0)
        {
            return 0;
        }

        index = Math.Min(index, Length - 1);
        return SeriesInfo.IsMrrAmount(series) ? AmountPrefix(series)[index] : CountPrefix(series)[index];
    }

    public long ChurnedFromStart(int from, int to)
    {
        if (to - from + 1 > SeriesInfo.MaxWindowDays)
        {
            throw new InvalidOperationException($"Windows of more than {SeriesInfo.MaxWindowDays} days need the per-customer path.");
        }

        var suffix = ChurnSuffix();
        long total = 0;
        for (var e = Math.Max(from, FirstDay); e <= Math.Min(to, LastDay); e++)
        {
            // Active at the end of from-1 means the run started at or before from-1: length e - start >= e - from + 1.
            total += suffix[(e - FirstDay) * Bins + (e - from + 1)];
        }

        return total;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void AddFrom(DayTotals other)
    {
        var amounts = this.amounts;
        var otherAmounts = other.amounts;
        for (var i = 0; i < amounts.Length; i++)
        {
            amounts[i] += otherAmounts[i];
        }

        var counts = this.counts;
        var otherCounts = other.counts;
        for (var i = 0; i < counts.Length; i++)
        {
            counts[i] += otherCounts[i];
        }

        this.runs.AddFrom(other.runs);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private Int128[] AmountPrefix(SeriesId series)
    {
        var s = (int)series;
        var prefix = amountPrefix[s];
        if (prefix is null)
        {
            prefix = new Int128[Length];
            Int128 sum = 0;
            for (var d = 0; d < Length; d++)
            {
                sum += this.amounts[(d * AmountStride) + s];
                prefix[d] = sum;
            }

            amountPrefix[s] = prefix;
        }

        return prefix;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private long[] CountPrefix(SeriesId series)
    {
        var s = (int)series - AmountStride;
        var prefix = countPrefix[s];
        if (prefix is null)
        {
            prefix = new long[Length];
            long sum = 0;
            for (var d = 0; d < Length; d++)
            {
                sum += this.counts[(d * CountStride) + s];
                prefix[d] = sum;
            }

            countPrefix[s] = prefix;
        }

        return prefix;
    }

    /// <summary>Churn runs per (churn day, length) cell: the base's, if any, plus this set's list.</summary>
    private int[] Histogram()
    {
        var histogram = this.histogram;
        if (histogram is null)
        {
            histogram = this.runBase is null ? new int[Length * Bins] : (int[])this.runBase.Histogram().Clone();
            this.runs.ApplyTo(histogram, this.runSign);
            this.histogram = histogram;
        }

        return histogram;
    }

    /// <summary>For each churn day, the number of runs at least k days long, for k = 0..MaxWindowDays.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int[] ChurnSuffix()
    {
        var suffix = churnSuffix;
        if (suffix is null)
        {
            var runs = Histogram();
            suffix = new int[runs.Length];
            for (var e = 0; e < Length; e++)
            {
                var sum = 0;
                for (var k = Bins - 1; k >= 0; k--)
                {
                    sum += runs[e * Bins + k];
                    suffix[e * Bins + k] = sum;
                }
            }

            churnSuffix = suffix;
        }

        return suffix;
    }

    internal readonly struct Sink(DayTotals totals, int sign) : ILedgerSink
    {
        private readonly Int128[] amounts = totals.amounts;
        private readonly long[] counts = totals.counts;
        private readonly int first = totals.FirstDay;

        // Call sites pass constant series, so the JIT keeps one of the two branches.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Add(SeriesId series, int day, long value)
        {
            if (SeriesInfo.IsMrrAmount(series))
            {
                this.amounts[((day - first) * AmountStride) + (int)series] += sign * value;
            }
            else
            {
                this.counts[((day - first) * CountStride) + (int)series - AmountStride] += sign * value;
            }
        }

        public void ChurnRun(int start, int churnDay)
        {
            var cell = ((churnDay - first) * Bins) + Math.Min(churnDay - start, SeriesInfo.MaxWindowDays);
            if (totals.histogram is { } histogram)
            {
                histogram[cell] += sign;
            }
            else
            {
                totals.runs.Add(cell, sign);
            }
        }
    }
}
