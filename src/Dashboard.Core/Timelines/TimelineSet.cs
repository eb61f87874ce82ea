using System.Collections.Concurrent;
using Dashboard.Core.Customers;
using Dashboard.Core.Metrics;

namespace Dashboard.Core.Timelines;

/// <summary>
/// An immutable snapshot of every customer's timeline plus the unfiltered daily totals. Customers live in chunks of
/// flat arrays (<see cref="CustomerChunk"/>); updates produce a new set that shares every untouched chunk (see
/// <see cref="MetricsEngine.ReplaceCustomers"/>), so readers never see a half-applied change.
/// </summary>
public sealed class TimelineSet
{
    /// <summary>Customers per chunk of a full build; an update splits a chunk that grows past twice this.</summary>
    internal const int ChunkSize = 4096;

    private const int SegmentCacheSize = 32;
    private readonly CustomerChunk[] chunks;
    private readonly int[] chunkStart;
    private readonly ConcurrentDictionary<string, (WalkParts Parts, DayTotals Totals)> segmentTotals = new(StringComparer.Ordinal);
    private CustomerNameOrder? nameOrder;

    internal TimelineSet(MetricSettings settings, ReportingCalendar calendar, FxTable fx, PlanInfo[] plans, FieldInfo[] fields,
        ColumnDictionary dictionary, CustomerChunk[] chunks, DayTotals? totals)
    {
        Settings = settings;
        Calendar = calendar;
        Fx = fx;
        Plans = plans;
        Fields = fields;
        Dictionary = dictionary;
        this.chunks = chunks;
        chunkStart = new int[chunks.Length + 1];
        for (var c = 0; c < chunks.Length; c++)
        {
            chunkStart[c + 1] = chunkStart[c] + chunks[c].Count;
        }

        Totals = totals ?? BuildTotals();
    }

    public MetricSettings Settings { get; }

    public ReportingCalendar Calendar { get; }

    public FxTable Fx { get; }

    public IReadOnlyList<PlanInfo> Plans { get; }

    public IReadOnlyList<FieldInfo> Fields { get; }

    /// <summary>Customers ordered by id (materialized from the flat chunks on access, then kept).</summary>
    public IReadOnlyList<CustomerTimeline> Customers => new CustomerList(this);

    internal CustomerChunk[] Chunks => chunks;

    internal int Count => chunkStart[^1];

    internal ColumnDictionary Dictionary { get; }

    internal DayTotals Totals { get; }

    /// <summary>Every customer in name order, built on first use and dropped with this snapshot (updates make a new one).</summary>
    internal CustomerNameOrder NameOrder => LazyInitializer.EnsureInitialized(ref nameOrder, () => CustomerNameOrder.Build(this));

    internal bool HasNameOrder => Volatile.Read(ref nameOrder) is not null;

    /// <summary>The position of a chunk's first customer among all customers (ordinal = start + index).</summary>
    internal int ChunkStart(int chunk) => chunkStart[chunk];

    /// <summary>
    /// The distinct values seen for a filter field, sorted: <c>country</c>, <c>currency</c>, <c>source</c> (source ids),
    /// <c>plan</c> (plan external ids) or a custom attribute key; none for <c>email</c> or an unknown field. The value
    /// tables only grow between full builds, so a value no customer holds any more may still be listed until the next.
    /// </summary>
    public IReadOnlyList<string> KnownValues(string field)
    {
        IEnumerable<string> values = field switch
        {
            "country" => Dictionary.Table(ColumnDictionary.Country).Values(),
            "currency" => Dictionary.Table(ColumnDictionary.Currency).Values(),
            "source" => Dictionary.Table(ColumnDictionary.Source).Values(),
            Segments.SegmentFilter.PlanField => Plans.Select(p => p.ExternalId),
            _ => Fields.FirstOrDefault(f => f.Key == field) is { } attribute
                ? Dictionary.Table(ColumnDictionary.AttributeColumn(attribute.Ordinal)).Values()
                : [],
        };
        return values.Where(v => v.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.OrdinalIgnoreCase).ToList();
    }

    public CustomerTimeline? FindCustomer(long customerId) =>
        Locate(customerId) is { } at ? at.Chunk.Customer(at.Index, Dictionary) : null;

    internal CustomerRef? Locate(long customerId)
    {
        var c = ChunkFor(customerId);
        if (c < 0)
        {
            return null;
        }

        var i = chunks[c].IndexOf(customerId);
        return i >= 0 ? new CustomerRef(chunks[c], i) : null;
    }

    internal (CustomerChunk Chunk, int Index) ChunkOfOrdinal(int ordinal)
    {
        var (c, i) = ChunkIndexOfOrdinal(ordinal);
        return (chunks[c], i);
    }

    internal (int Chunk, int Index) ChunkIndexOfOrdinal(int ordinal)
    {
        var c = Array.BinarySearch(chunkStart, 0, chunks.Length, ordinal);
        if (c < 0)
        {
            c = ~c - 1;
        }

        // Skip empty chunks (none are kept, but a run of equal starts would land on the first of them).
        while (chunkStart[c + 1] <= ordinal)
        {
            c++;
        }

        return (c, ordinal - chunkStart[c]);
    }

    /// <summary>The chunk whose id range would hold <paramref name="customerId"/> (the last one starting at or before it; 0 before all; -1 when empty).</summary>
    internal int ChunkFor(long customerId)
    {
        int lo = 0, hi = chunks.Length - 1, found = chunks.Length > 0 ? 0 : -1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            if (chunks[mid].FirstId <= customerId)
            {
                found = mid;
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return found;
    }

    /// <summary>Totals of a segment, cached per set (so a dashboard asking many metrics of one segment walks it once).</summary>
    internal DayTotals SegmentTotals(string key, WalkParts parts, Func<WalkParts, DayTotals> build)
    {
        if (segmentTotals.TryGetValue(key, out var cached) && (cached.Parts & parts) == parts)
        {
            return cached.Totals;
        }

        var all = parts | (segmentTotals.TryGetValue(key, out cached) ? cached.Parts : 0);
        var totals = build(all);
        if (segmentTotals.Count >= SegmentCacheSize)
        {
            segmentTotals.Clear();
        }

        segmentTotals[key] = (all, totals);
        return totals;
    }

    /// <summary>A new set where <paramref name="replacements"/> replace or add customers and <paramref name="removals"/> disappear.</summary>
    internal TimelineSet WithChanges(IReadOnlyList<CustomerTimeline> replacements, IReadOnlyCollection<long> removals, PlanInfo[] plans, FieldInfo[] fields)
    {
        var (chunks, pairs) = ChunkUpdate.Apply(this, replacements, removals);
        var incremental = pairs.Count <= 10_000 && pairs.TrueForAll(p =>
            p.New is not { } n || Totals.Covers(n.Chunk.FirstDays[n.Index], n.Chunk.LastDays[n.Index]));
        var totals = incremental ? Totals.Replace(pairs) : null;
        return new TimelineSet(Settings, Calendar, Fx, plans, fields, Dictionary, chunks, totals);
    }

    private DayTotals BuildTotals()
    {
        var first = int.MaxValue;
        var last = int.MinValue;
        foreach (var chunk in chunks)
        {
            for (var i = 0; i < chunk.Count; i++)
            {
                first = Math.Min(first, chunk.FirstDays[i]);
                last = Math.Max(last, chunk.LastDays[i]);
            }
        }

        var today = DateOnly.FromDateTime(DateTime.UtcNow).DayNumber;
        first = Math.Min(first, today) - 40;
        last = Math.Max(last, today) + CustomerWalker.RetentionDays + 400;
        return DayTotals.Build(this, null, false, false, WalkParts.All, first, last - first + 1);
    }
}
