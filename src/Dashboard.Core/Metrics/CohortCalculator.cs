using System.Runtime.CompilerServices;
using Dashboard.Core.Money;
using Dashboard.Core.Segments;
using Dashboard.Core.Timelines;

namespace Dashboard.Core.Metrics;

/// <summary>
/// Cohorts by the month of each customer's first new movement. Each member's MRR changes are added to its cohort at
/// the period (month offset) they first show in, then summed per period, so the work is one pass over the points,
/// split over the cores by chunk (each worker keeps its own delta table, summed at the end).
/// </summary>
internal static class CohortCalculator
{
    public static CohortTable Compute(TimelineSet set, CompiledSegment segment, DateOnly start, DateOnly end)
    {
        var firstMonth = MonthIndex(start);
        var cohortCount = MonthIndex(end) - firstMonth + 1;
        var endDay = end.DayNumber;
        var months = new MonthTable(firstMonth, start.DayNumber, endDay);
        var chunks = set.Chunks;
        var total = new Deltas(cohortCount);
        ChunkParallel.For(
            chunks.Length,
            set.Count,
            () => (Deltas: new Deltas(cohortCount), Scratch: new WalkScratch()),
            (c, state) => AddChunk(chunks[c], segment, endDay, months, state.Deltas, state.Scratch),
            state => total.Add(state.Deltas));

        var (members, startingMrr, activeDelta, mrrDelta) = (total.Members, total.StartingMrr, total.Active, total.Mrr);
        var rows = new List<CohortRow>(cohortCount);
        for (var c = 0; c < cohortCount; c++)
        {
            var month = FromMonthIndex(firstMonth + c);
            var cells = new List<CohortCell>(cohortCount - c);
            long active = 0;
            Int128 mrr = 0;
            for (var k = 0; k < cohortCount - c; k++)
            {
                active += activeDelta[c][k];
                mrr += mrrDelta[c][k];
                var monthEnd = month.AddMonths(k + 1).AddDays(-1);
                cells.Add(new CohortCell(k, monthEnd > end ? end : monthEnd, (int)active, MrrUnits.RoundToMinor(mrr),
                    Share(active, members[c]), Share((decimal)mrr, (decimal)startingMrr[c])));
            }

            rows.Add(new CohortRow(month, members[c], MrrUnits.RoundToMinor(startingMrr[c]), cells));
        }

        return new CohortTable(set.Settings.ReportingCurrency, rows);
    }

    /// <summary>part / whole in percent, 4 decimals; MRR shares divide exact sums.</summary>
    private static decimal? Share(decimal part, decimal whole) =>
        whole == 0 ? null : Math.Round(part * 100m / whole, 4, MidpointRounding.AwayFromZero);

    private static int MonthIndex(DateOnly date) => (date.Year * 12) + date.Month - 1;

    private static DateOnly FromMonthIndex(int index) => new(index / 12, (index % 12) + 1, 1);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AddChunk(CustomerChunk chunk, CompiledSegment segment, int endDay, MonthTable months, Deltas deltas, WalkScratch scratch)
    {
        var count = segment.IsEverything ? chunk.Count : segment.Select(chunk, planAware: true, invert: false, scratch);
        for (var j = 0; j < count; j++)
        {
            var i = segment.IsEverything ? j : scratch.Selected[j];
            if (chunk.FirstDays[i] > endDay)
            {
                continue;
            }

            var mask = !segment.IsEverything && scratch.ApplyMask[j] ? segment.PlanMask : null;
            var points = CustomerWalker.PointsFor(chunk, i, mask, scratch);
            var first = 0;
            while (first < points.Length && points[first].Mrr <= 0)
            {
                first++;
            }

            if (first == points.Length || points[first].Day > endDay)
            {
                continue;
            }

            var cohort = months.Offset(points[first].Day);
            if (cohort < 0)
            {
                continue;
            }

            deltas.Members[cohort]++;
            deltas.StartingMrr[cohort] += points[first].Mrr;
            long previous = 0;
            var activeRow = deltas.Active[cohort];
            var mrrRow = deltas.Mrr[cohort];
            for (var p = first; p < points.Length && points[p].Day <= endDay; p++)
            {
                var period = months.Offset(points[p].Day) - cohort;
                mrrRow[period] += points[p].Mrr - previous;
                activeRow[period] += (points[p].Mrr > 0 ? 1 : 0) - (previous > 0 ? 1 : 0);
                previous = points[p].Mrr;
            }
        }
    }

    /// <summary>Month offsets from the query's first month, by table lookup for the days of the query.</summary>
    private sealed class MonthTable
    {
        private readonly int firstMonth;
        private readonly int startDay;
        private readonly int[] offsets;

        public MonthTable(int firstMonth, int startDay, int endDay)
        {
            this.firstMonth = firstMonth;
            this.startDay = startDay;
            offsets = new int[endDay - startDay + 1];
            for (var d = 0; d < offsets.Length; d++)
            {
                offsets[d] = MonthIndex(DateOnly.FromDayNumber(startDay + d)) - firstMonth;
            }
        }

        public int Offset(int day)
        {
            var index = day - startDay;
            return (uint)index < (uint)offsets.Length
                ? offsets[index]
                : MonthIndex(DateOnly.FromDayNumber(day)) - firstMonth;
        }
    }

    /// <summary>Per cohort: members, starting MRR, and the active-count and MRR changes per period.</summary>
    private sealed class Deltas
    {
        public Deltas(int cohortCount)
        {
            Members = new int[cohortCount];
            StartingMrr = new Int128[cohortCount];
            Active = new long[cohortCount][];
            Mrr = new Int128[cohortCount][];
            for (var c = 0; c < cohortCount; c++)
            {
                Active[c] = new long[cohortCount - c];
                Mrr[c] = new Int128[cohortCount - c];
            }
        }

        public int[] Members { get; }

        /// <summary>Exact sums in <see cref="MrrUnits"/>, rounded once for the table.</summary>
        public Int128[] StartingMrr { get; }

        public long[][] Active { get; }

        public Int128[][] Mrr { get; }

        public void Add(Deltas other)
        {
            for (var c = 0; c < Members.Length; c++)
            {
                Members[c] += other.Members[c];
                StartingMrr[c] += other.StartingMrr[c];
                for (var k = 0; k < Active[c].Length; k++)
                {
                    Active[c][k] += other.Active[c][k];
                    Mrr[c][k] += other.Mrr[c][k];
                }
            }
        }
    }
}
