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

    /// <summary>Sums the customers at <paramref name="ordinals"/> (all when null), using both cores.</summary>
    /// <param name="applyMask">Per selected ordinal, whether <paramref name="planMask"/> applies (null = always).</param>
    public static DayTotals Build(CustomerTimeline[] customers, int[]? ordinals, bool[]? applyMask, bool[]? planMask, WalkParts parts, int firstDay, int length)
    {
        var count = ordinals?.Length ?? customers.Length;
        var parallel = count >= 20_000 && Environment.ProcessorCount > 1;
        var halves = parallel ? 2 : 1;
        var parts2 = new DayTotals[halves];
        Parallel.For(0, halves, h =>
        {
            var totals = Empty(firstDay, length);
            var sink = new Sink(totals, 1);
            var from = (int)((long)count * h / halves);
            var to = (int)((long)count * (h + 1) / halves);
            for (var i = from; i < to; i++)
            {
                var mask = applyMask is null || applyMask[i] ? planMask : null;
                CustomerWalker.Walk(customers[ordinals is null ? i : ordinals[i]], mask, parts, ref sink);
            }

            parts2[h] = totals;
        });

        for (var h = 1; h < halves; h++)
        {
            parts2[0].AddFrom(parts2[h]);
        }

        return parts2[0];
    }

    /// <summary>True when every day of the customer lies inside the range these totals cover.</summary>
    public bool Covers(CustomerTimeline customer) =>
        customer.FirstDay == int.MaxValue ||
        (customer.FirstDay > FirstDay && customer.LastDay + CustomerWalker.RetentionDays < LastDay);

    /// <summary>A copy where each pair's old customer is taken out and its new one put in.</summary>
    public DayTotals Replace(IReadOnlyList<(CustomerTimeline? Old, CustomerTimeline? New)> changes)
    {
        var series = new long[SeriesInfo.Count][];
        for (var s = 0; s < series.Length; s++)
        {
            series[s] = (long[])_series[s].Clone();
        }

        var copy = new DayTotals(FirstDay, Length, series, (int[])_churnRuns.Clone());
        var remove = new Sink(copy, -1);
        var add = new Sink(copy, 1);
        foreach (var (old, added) in changes)
        {
            if (old is not null)
            {
                CustomerWalker.Walk(old, null, WalkParts.All, ref remove);
            }

            if (added is not null)
            {
                CustomerWalker.Walk(added, null, WalkParts.All, ref add);
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
