using System.Runtime.CompilerServices;
using Dashboard.Core.Timelines;

namespace Dashboard.Core.Metrics;

/// <summary>
/// One customer's series contributions, kept as a list; answers any window exactly by scanning it. Reusable: each
/// <see cref="Fill"/> replaces the previous customer's entries, so a drill-down allocates one ledger per thread.
/// </summary>
internal sealed class CustomerLedger : IDayReader
{
    private readonly List<(SeriesId Series, int Day, long Value)> entries = [];
    private readonly List<(int Start, int Churn)> runs = [];

    public void Fill(CustomerChunk chunk, int i, bool[]? planMask, WalkParts parts, WalkScratch scratch)
    {
        entries.Clear();
        runs.Clear();
        var sink = new Sink(this);
        CustomerWalker.Walk(chunk, i, planMask, parts, scratch, ref sink);
    }

    public List<(SeriesId Series, int Day, long Value)> Entries => entries;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public decimal Stock(SeriesId series, int day)
    {
        Int128 total = 0;
        foreach (var e in entries)
        {
            if (e.Series == series && e.Day <= day)
            {
                total += e.Value;
            }
        }

        return (decimal)total;
    }

    public decimal Flow(SeriesId series, int from, int to) => Stock(series, to) - Stock(series, from - 1);

    public long ChurnedFromStart(int from, int to)
    {
        var count = 0;
        foreach (var (start, churn) in runs)
        {
            if (start < from && churn >= from && churn <= to)
            {
                count++;
            }
        }

        return count;
    }

    private readonly struct Sink(CustomerLedger ledger) : ILedgerSink
    {
        public void Add(SeriesId series, int day, long value) => ledger.entries.Add((series, day, value));

        public void ChurnRun(int start, int churnDay) => ledger.runs.Add((start, churnDay));
    }
}
