using Dashboard.Core.Segments;
using Dashboard.Core.Timelines;

namespace Dashboard.Core.Metrics;

/// <summary>
/// Per-day sums of every series over a set of customers, plus a histogram of churn runs (churn day x run length, the
/// length capped at <see cref="SeriesInfo.MaxWindowDays"/>) that answers window churn counts without revisiting
/// customers. Immutable once built; prefix sums are computed lazily (a benign race computes the same array twice).
/// </summary>
internal sealed class DayTotals : IDayReader
{
    private const int Bins = SeriesInfo.MaxWindowDays + 1;
    private readonly long[][] _series;
    private readonly int[] _churnRuns;
    private readonly long[]?[] _prefix = new long[SeriesInfo.Count][];
    private int[]? _churnSuffix;

    private DayTotals(int firstDay, int length, long[][] series, int[] churnRuns)
    {
        FirstDay = firstDay;
        Length = length;
        _series = series;
        _churnRuns = churnRuns;
    }

    public int FirstDay { get; }

    public int Length { get; }

    public int LastDay => FirstDay + Length - 1;

    public static DayTotals Empty(int firstDay, int length)
    {
        var series = new long[SeriesInfo.Count][];
        for (var s = 0; s < series.Length; s++)
        {
            series[s] = new long[length];
        }

        return new DayTotals(firstDay, length, series, new int[length * Bins]);
    }

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
            (c, state) =>
            {
                var chunk = chunks[c];
                var sink = new Sink(state.Totals, 1);
                if (segment is null)
                {
                    for (var i = 0; i < chunk.Count; i++)
                    {
                        CustomerWalker.Walk(chunk, i, null, parts, state.Scratch, ref sink);
                    }

                    return;
                }

                var count = segment.Select(chunk, planAware, invert, state.Scratch);
                var selected = state.Scratch.Selected;
                var apply = state.Scratch.ApplyMask;
                for (var j = 0; j < count; j++)
                {
                    CustomerWalker.Walk(chunk, selected[j], apply[j] ? segment.PlanMask : null, parts, state.Scratch, ref sink);
                }
            },
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

    /// <summary>
    /// <paramref name="all"/> minus <paramref name="part"/> for the series of <paramref name="parts"/> (the others are
    /// left at zero). Every series is a sum over customers, so the totals of a segment are the totals of everyone
    /// minus those of the customers it drops; walking whichever side is smaller halves the worst case.
    /// </summary>
    public static DayTotals Difference(DayTotals all, DayTotals part, WalkParts parts)
    {
        var result = Empty(all.FirstDay, all.Length);
        for (var s = 0; s < SeriesInfo.Count; s++)
        {
            if ((SeriesInfo.PartOf((SeriesId)s) & parts) == 0)
            {
                continue;
            }

            var target = result._series[s];
            var from = all._series[s];
            var minus = part._series[s];
            for (var d = 0; d < target.Length; d++)
            {
                target[d] = from[d] - minus[d];
            }
        }

        if ((parts & WalkParts.Mrr) != 0)
        {
            for (var i = 0; i < result._churnRuns.Length; i++)
            {
                result._churnRuns[i] = all._churnRuns[i] - part._churnRuns[i];
            }
        }

        return result;
    }

    /// <summary>True when every day of a customer (its first and last day) lies inside the range these totals cover.</summary>
    public bool Covers(int firstDay, int lastDay) =>
        firstDay == int.MaxValue || (firstDay > FirstDay && lastDay + CustomerWalker.RetentionDays < LastDay);

    /// <summary>A copy where each pair's old customer is taken out and its new one put in.</summary>
    public DayTotals Replace(IReadOnlyList<(CustomerRef? Old, CustomerRef? New)> changes)
    {
        var series = new long[SeriesInfo.Count][];
        for (var s = 0; s < series.Length; s++)
        {
            series[s] = (long[])_series[s].Clone();
        }

        var copy = new DayTotals(FirstDay, Length, series, (int[])_churnRuns.Clone());
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

    public long Stock(SeriesId series, int day)
    {
        var index = day - FirstDay;
        if (index < 0)
        {
            return 0;
        }

        var prefix = Prefix(series);
        return prefix[Math.Min(index, Length - 1)];
    }

    public long Flow(SeriesId series, int from, int to) => to < from ? 0 : Stock(series, to) - Stock(series, from - 1);

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

    private void AddFrom(DayTotals other)
    {
        for (var s = 0; s < _series.Length; s++)
        {
            var target = _series[s];
            var source = other._series[s];
            for (var d = 0; d < target.Length; d++)
            {
                target[d] += source[d];
            }
        }

        for (var i = 0; i < _churnRuns.Length; i++)
        {
            _churnRuns[i] += other._churnRuns[i];
        }
    }

    private long[] Prefix(SeriesId series)
    {
        var prefix = _prefix[(int)series];
        if (prefix is null)
        {
            var values = _series[(int)series];
            prefix = new long[values.Length];
            long sum = 0;
            for (var d = 0; d < values.Length; d++)
            {
                sum += values[d];
                prefix[d] = sum;
            }

            _prefix[(int)series] = prefix;
        }

        return prefix;
    }

    /// <summary>For each churn day, the number of runs at least k days long, for k = 0..MaxWindowDays.</summary>
    private int[] ChurnSuffix()
    {
        var suffix = _churnSuffix;
        if (suffix is null)
        {
            suffix = new int[_churnRuns.Length];
            for (var e = 0; e < Length; e++)
            {
                var sum = 0;
                for (var k = Bins - 1; k >= 0; k--)
                {
                    sum += _churnRuns[e * Bins + k];
                    suffix[e * Bins + k] = sum;
                }
            }

            _churnSuffix = suffix;
        }

        return suffix;
    }

    internal struct Sink(DayTotals totals, int sign) : ILedgerSink
    {
        private readonly long[][] _series = totals._series;
        private readonly int[] _runs = totals._churnRuns;
        private readonly int _first = totals.FirstDay;

        public void Add(SeriesId series, int day, long value) => _series[(int)series][day - _first] += sign * value;

        public void ChurnRun(int start, int churnDay) =>
            _runs[(churnDay - _first) * Bins + Math.Min(churnDay - start, SeriesInfo.MaxWindowDays)] += sign;
    }
}
