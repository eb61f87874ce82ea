using System.Globalization;
using System.Runtime.CompilerServices;
using Dashboard.Core.Billing;
using Dashboard.Core.Metrics;
using Dashboard.Core.Money;
using Dashboard.Core.Segments;
using Dashboard.Core.Timelines;

namespace Dashboard.Core.Customers;

/// <summary>
/// The customer list: one pass over the chunks (both cores) keeps the customers of the segment and the search and
/// computes each one's sort key; only the requested page is ordered (a bounded heap for early pages, a full sort for
/// deep ones) and turned into rows. Nothing is cached: a snapshot answers any search, sort or page on its own.
/// </summary>
internal static class CustomerDirectory
{
    /// <summary>Up to this many rows (offset + limit) are picked with a heap; beyond it everything is sorted.</summary>
    private const int HeapLimit = 100_000;

    /// <summary>From this many candidates on, a name sort may walk the snapshot's name order instead of sorting them.</summary>
    internal const int NameOrderMinimum = 2_048;

    /// <summary>Pages ending past this row build the name order when the snapshot has none yet; earlier ones use the heap.</summary>
    private const int NameOrderBuildRows = 1_000;

    /// <summary>Builds the snapshot's name order and search texts now; see <see cref="Metrics.MetricsEngine.PrepareCustomerList"/>.</summary>
    public static bool Prepare(TimelineSet set)
    {
        if (set.Count < NameOrderMinimum)
        {
            return false;
        }

        _ = set.NameOrder;
        foreach (var chunk in set.Chunks)
        {
            _ = chunk.SearchText;
        }

        return true;
    }

    public static CustomerListPage List(TimelineSet set, CustomerListQuery query)
    {
        query.Validate();
        var segment = CompiledSegment.Compile(query.Filters, set);
        var field = AttributeField(set, query.Attribute);
        var day = query.Date.DayNumber;
        var search = string.IsNullOrWhiteSpace(query.Search) ? null : query.Search.Trim();
        var planRanks = query.Sort == CustomerSortField.Plan ? PlanRanks(set) : null;
        var attributeRanks = query.Sort == CustomerSortField.Attribute ? AttributeRanks(set, field!) : null;
        var column = field is null ? -1 : ColumnDictionary.AttributeColumn(field.Ordinal);

        var chunks = set.Chunks;
        var rows = new List<Candidate>[chunks.Length];
        Int128 totalMrr = 0;
        ChunkParallel.For(
            chunks.Length,
            set.Count,
            () => (Scratch: new WalkScratch(), Mrr: new Int128[1]),
            (c, state) => rows[c] = Scan(chunks[c], c, segment, search, query.Sort, day, column, planRanks, attributeRanks, state.Scratch, state.Mrr),
            state => totalMrr += state.Mrr[0]);

        var all = new List<Candidate>(rows.Sum(r => r.Count));
        foreach (var chunkRows in rows)
        {
            all.AddRange(chunkRows);
        }

        var useNameOrder = query.Sort == CustomerSortField.Name && all.Count >= NameOrderMinimum
            && (set.HasNameOrder || (long)query.Offset + query.Limit > NameOrderBuildRows);
        if (query.Sort == CustomerSortField.Name && !useNameOrder)
        {
            for (var k = 0; k < all.Count; k++)
            {
                var candidate = all[k];
                all[k] = candidate with { Key = CustomerNameOrder.NamePrefix(CustomerNameOrder.NameOf(chunks[candidate.Chunk], candidate.Index)) };
            }
        }

        var page = useNameOrder
            ? NamePage(set, all, query)
            : Page(all, new CandidateComparer(query.Sort, query.Descending, chunks), query.Offset, query.Limit);
        var scratch = new WalkScratch();
        var summaries = page.Select(candidate => Summary(set, chunks[candidate.Chunk], candidate.Index, segment, day, column, scratch)).ToList();
        return new CustomerListPage(set.Settings.ReportingCurrency, query.Date, all.Count, MrrUnits.RoundToMinor(totalMrr), query.Offset, summaries);
    }

    /// <summary>One customer's engine numbers, history and movements as of the end of <paramref name="date"/>; null when unknown.</summary>
    public static CustomerMetrics? Metrics(TimelineSet set, long customerId, DateOnly date)
    {
        if (set.Locate(customerId) is not { } at)
        {
            return null;
        }

        var (chunk, i) = (at.Chunk, at.Index);
        var day = date.DayNumber;
        var scratch = new WalkScratch();
        var values = CustomerDay.Evaluate(chunk, i, null, day, scratch);
        var points = chunk.PointsOf(i);
        var history = History(points, chunk.FirstDays[i], day);
        var ledger = new CustomerLedger();
        ledger.Fill(chunk, i, null, WalkParts.Mrr, scratch);
        var movements = DrillDownCalculator.Movements(ledger, new MetricWindow(int.MinValue, day, int.MinValue));
        return new CustomerMetrics(customerId, set.Settings.ReportingCurrency, date, MrrUnits.RoundToMinor(values.Mrr), values.NetRevenue,
            values.Since == int.MaxValue ? null : DateOnly.FromDayNumber(values.Since), values.Status,
            PlanNames(set, CustomerDay.PlansAt(chunk, i, null, day)), history, movements);
    }

    private static List<MonthlyMrr> History(ReadOnlySpan<CustomerPoint> points, int firstDay, int day)
    {
        var history = new List<MonthlyMrr>();
        if (firstDay > day || firstDay == int.MaxValue)
        {
            return history;
        }

        var first = DateOnly.FromDayNumber(firstDay);
        var month = new DateOnly(first.Year, first.Month, 1);
        var end = DateOnly.FromDayNumber(day);
        var p = 0;
        long mrr = 0;
        while (month <= end)
        {
            var monthEnd = month.AddMonths(1).AddDays(-1);
            var at = Math.Min(monthEnd.DayNumber, day);
            while (p < points.Length && points[p].Day <= at)
            {
                mrr = points[p++].Mrr;
            }

            history.Add(new MonthlyMrr(month, MrrUnits.RoundToMinor(mrr)));
            month = month.AddMonths(1);
        }

        return history;
    }

    private static List<Candidate> NamePage(TimelineSet set, List<Candidate> all, CustomerListQuery query)
    {
        var kept = new bool[set.Count];
        foreach (var candidate in all)
        {
            kept[set.ChunkStart(candidate.Chunk) + candidate.Index] = true;
        }

        return set.NameOrder.Page(set, kept, query.Descending, query.Offset, query.Limit)
            .Select(at => new Candidate(at.Chunk, at.Index, 0))
            .ToList();
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static List<Candidate> Scan(CustomerChunk chunk, int c, CompiledSegment segment, string? search, CustomerSortField sort, int day,
        int column, int[]? planRanks, long[]? attributeRanks, WalkScratch scratch, Int128[] totalMrr)
    {
        var count = segment.Select(chunk, planAware: segment.PlanMask is not null, invert: false, scratch);
        var list = new List<Candidate>(search is null ? count : 16);
        var codes = column >= 0 ? chunk.Column(column) : null;
        var searchId = long.TryParse(search, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : long.MinValue;
        var hits = search is null ? null : chunk.SearchText.Find(chunk, search);
        for (var j = 0; j < count; j++)
        {
            var i = scratch.Selected[j];
            if (hits is not null && !hits[i] && chunk.Ids[i] != searchId)
            {
                continue;
            }

            var mask = scratch.ApplyMask[j] ? segment.PlanMask : null;
            // Status, revenue and plans cost more than MRR: only the sort key is computed here, the rest for the page's rows.
            var values = CustomerDay.MrrAndSince(chunk, i, mask, day, scratch);
            totalMrr[0] += values.Mrr;
            var key = sort switch
            {
                CustomerSortField.Mrr => values.Mrr,
                CustomerSortField.NetRevenue => CustomerDay.NetRevenue(chunk, i, day),
                CustomerSortField.Since => values.Since == int.MaxValue ? long.MaxValue : values.Since,
                CustomerSortField.Status => (long)CustomerDay.StatusOf(chunk, i, mask, day, values.Mrr, values.Since != int.MaxValue),
                CustomerSortField.Plan => FirstPlanRank(chunk, i, mask, day, planRanks!),
                CustomerSortField.Attribute => codes is null ? long.MaxValue : attributeRanks![codes[i]],
                // Name prefixes are computed only when the page is not taken from the snapshot's name order.
                _ => 0,
            };
            list.Add(new Candidate(c, i, key));
        }

        return list;
    }

    /// <summary>The smallest name rank of the customer's current plans (else of its last plan); long.MaxValue without plans.</summary>
    private static long FirstPlanRank(CustomerChunk chunk, int i, bool[]? mask, int day, int[] ranks)
    {
        long best = long.MaxValue;
        foreach (var plan in CustomerDay.PlansAt(chunk, i, mask, day))
        {
            best = Math.Min(best, ranks[plan]);
        }

        return best;
    }

    private static List<Candidate> Page(List<Candidate> all, CandidateComparer comparer, int offset, int limit)
    {
        if (offset >= all.Count)
        {
            return [];
        }

        var wanted = (int)Math.Min((long)offset + limit, all.Count);
        if (wanted > HeapLimit || wanted * 4L > all.Count)
        {
            all.Sort(comparer);
            return all.GetRange(offset, wanted - offset);
        }

        // Keep the best `wanted` candidates in a heap whose root is the worst of them.
        var heap = new PriorityQueue<Candidate, Candidate>(wanted + 1, Comparer<Candidate>.Create((a, b) => comparer.Compare(b, a)));
        foreach (var candidate in all)
        {
            if (heap.Count < wanted)
            {
                heap.Enqueue(candidate, candidate);
            }
            else if (comparer.Compare(candidate, heap.Peek()) < 0)
            {
                heap.DequeueEnqueue(candidate, candidate);
            }
        }

        var best = new List<Candidate>(wanted);
        while (heap.Count > 0)
        {
            best.Add(heap.Dequeue());
        }

        best.Reverse();
        return best.GetRange(offset, wanted - offset);
    }

    private static CustomerSummary Summary(TimelineSet set, CustomerChunk chunk, int i, CompiledSegment segment, int day, int column, WalkScratch scratch)
    {
        // The mask may always be passed: where every plan of the customer matches, it changes nothing.
        var mask = segment.PlanMask;
        var values = CustomerDay.Evaluate(chunk, i, mask, day, scratch);
        var attribute = column >= 0 && chunk.Column(column) is { } codes ? set.Dictionary.Table(column).ValueOf(codes[i]) : null;
        return new CustomerSummary(
            chunk.Ids[i],
            chunk.ExternalIds[i],
            chunk.Names[i],
            chunk.Emails[i],
            chunk.SourceIds[i],
            set.Dictionary.Table(ColumnDictionary.Country).ValueOf(chunk.Codes[ColumnDictionary.Country][i]),
            PlanNames(set, CustomerDay.PlansAt(chunk, i, mask, day)),
            MrrUnits.RoundToMinor(values.Mrr),
            values.NetRevenue,
            values.Since == int.MaxValue ? null : DateOnly.FromDayNumber(values.Since),
            values.Status,
            attribute);
    }

    private static List<string> PlanNames(TimelineSet set, List<int> plans) => plans.Select(p => set.Plans[p].Name).ToList();

    private static FieldInfo? AttributeField(TimelineSet set, string? key)
    {
        if (string.IsNullOrWhiteSpace(key))
        {
            return null;
        }

        return set.Fields.FirstOrDefault(f => string.Equals(f.Key, key.Trim(), StringComparison.OrdinalIgnoreCase))
               ?? throw new MetricQueryException("attribute",
                   $"Unknown attribute '{key.Trim()}'. Use one of: {(set.Fields.Count == 0 ? "(none yet)" : string.Join(", ", set.Fields.Select(f => f.Key)))}.");
    }

    /// <summary>Each plan's position when plans are ordered by name (then external id).</summary>
    private static int[] PlanRanks(TimelineSet set)
    {
        var ordered = set.Plans.OrderBy(p => p.Name, StringComparer.OrdinalIgnoreCase).ThenBy(p => p.ExternalId, StringComparer.Ordinal).ToList();
        var ranks = new int[set.Plans.Count];
        for (var r = 0; r < ordered.Count; r++)
        {
            ranks[ordered[r].Index] = r;
        }

        return ranks;
    }

    /// <summary>Each value code's position in the field's typed order (numbers and dates by value, text ignoring case); absent last.</summary>
    private static long[] AttributeRanks(TimelineSet set, FieldInfo field)
    {
        var table = set.Dictionary.Table(ColumnDictionary.AttributeColumn(field.Ordinal));
        var count = table.Count;
        var codes = Enumerable.Range(1, Math.Max(0, count - 1)).ToList();
        Comparison<int> order = field.Type switch
        {
            AttributeType.Number => (a, b) => Nullable.Compare(AttributeValues.AsNumber(table.ValueOf(a)!), AttributeValues.AsNumber(table.ValueOf(b)!)),
            AttributeType.Date => (a, b) => Nullable.Compare(AttributeValues.AsDate(table.ValueOf(a)!), AttributeValues.AsDate(table.ValueOf(b)!)),
            _ => (a, b) => StringComparer.OrdinalIgnoreCase.Compare(table.ValueOf(a), table.ValueOf(b)),
        };
        codes.Sort((a, b) =>
        {
            var byValue = order(a, b);
            return byValue != 0 ? byValue : string.CompareOrdinal(table.ValueOf(a), table.ValueOf(b));
        });
        var ranks = new long[count];
        ranks[0] = long.MaxValue;
        for (var r = 0; r < codes.Count; r++)
        {
            ranks[codes[r]] = r;
        }

        return ranks;
    }

    /// <summary>A customer kept by the filters and the search: its place and its sort key (long.MaxValue = no value).</summary>
    private readonly record struct Candidate(int Chunk, int Index, long Key);

    /// <summary>Orders by key (no value always last), by name for the name sort, then by customer id.</summary>
    private sealed class CandidateComparer(CustomerSortField sort, bool descending, CustomerChunk[] chunks) : IComparer<Candidate>
    {
        public int Compare(Candidate a, Candidate b)
        {
            int result;
            if (sort == CustomerSortField.Name)
            {
                result = a.Key != b.Key ? a.Key.CompareTo(b.Key) : StringComparer.OrdinalIgnoreCase.Compare(NameOf(a), NameOf(b));
            }
            else
            {
                var aMissing = a.Key == long.MaxValue && sort != CustomerSortField.Mrr && sort != CustomerSortField.NetRevenue;
                var bMissing = b.Key == long.MaxValue && sort != CustomerSortField.Mrr && sort != CustomerSortField.NetRevenue;
                if (aMissing != bMissing)
                {
                    return aMissing ? 1 : -1;
                }

                result = a.Key.CompareTo(b.Key);
            }

            if (result != 0)
            {
                return descending ? -result : result;
            }

            return chunks[a.Chunk].Ids[a.Index].CompareTo(chunks[b.Chunk].Ids[b.Index]);
        }

        private string NameOf(Candidate c)
        {
            var chunk = chunks[c.Chunk];
            return chunk.Names[c.Index] is { Length: > 0 } name ? name : chunk.ExternalIds[c.Index];
        }
    }
}
