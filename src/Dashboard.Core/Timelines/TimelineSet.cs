using System.Collections.Concurrent;
using Dashboard.Core.Metrics;

namespace Dashboard.Core.Timelines;

/// <summary>
/// An immutable snapshot of every customer's timeline plus the unfiltered daily totals. Updates produce a new set
/// (see <see cref="MetricsEngine.ReplaceCustomers"/>), so readers never see a half-applied change.
/// </summary>
public sealed class TimelineSet
{
    private const int SegmentCacheSize = 32;
    private readonly CustomerTimeline[] _customers;
    private readonly ConcurrentDictionary<string, (WalkParts Parts, DayTotals Totals)> _segmentTotals = new(StringComparer.Ordinal);

    internal TimelineSet(MetricSettings settings, ReportingCalendar calendar, FxTable fx, PlanInfo[] plans, FieldInfo[] fields,
        CustomerTimeline[] customersById, DayTotals? totals)
    {
        Settings = settings;
        Calendar = calendar;
        Fx = fx;
        Plans = plans;
        Fields = fields;
        _customers = customersById;
        Totals = totals ?? BuildTotals(customersById);
    }

    public MetricSettings Settings { get; }

    public ReportingCalendar Calendar { get; }

    public FxTable Fx { get; }

    public IReadOnlyList<PlanInfo> Plans { get; }

    public IReadOnlyList<FieldInfo> Fields { get; }

    /// <summary>Customers ordered by id.</summary>
    public IReadOnlyList<CustomerTimeline> Customers => _customers;

    internal CustomerTimeline[] CustomerArray => _customers;

    internal DayTotals Totals { get; }

    /// <summary>Columnar customer fields for segment selection, built on first use.</summary>
    internal Segments.CustomerColumns Columns => LazyInitializer.EnsureInitialized(ref _columns, () => Segments.CustomerColumns.Build(this));

    private Segments.CustomerColumns? _columns;

    public CustomerTimeline? FindCustomer(long customerId)
    {
        var index = IndexOf(customerId);
        return index >= 0 ? _customers[index] : null;
    }

    internal int IndexOf(long customerId)
    {
        int lo = 0, hi = _customers.Length - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            var id = _customers[mid].Id;
            if (id == customerId)
            {
                return mid;
            }

            if (id < customerId)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return -1;
    }

    /// <summary>Totals of a segment, cached per set (so a dashboard asking many metrics of one segment walks it once).</summary>
    internal DayTotals SegmentTotals(string key, WalkParts parts, Func<WalkParts, DayTotals> build)
    {
        if (_segmentTotals.TryGetValue(key, out var cached) && (cached.Parts & parts) == parts)
        {
            return cached.Totals;
        }

        var all = parts | (_segmentTotals.TryGetValue(key, out cached) ? cached.Parts : 0);
        var totals = build(all);
        if (_segmentTotals.Count >= SegmentCacheSize)
        {
            _segmentTotals.Clear();
        }

        _segmentTotals[key] = (all, totals);
        return totals;
    }

    /// <summary>A new set where <paramref name="replacements"/> replace or add customers and <paramref name="removals"/> disappear.</summary>
    internal TimelineSet WithChanges(IReadOnlyList<CustomerTimeline> replacements, IReadOnlyCollection<long> removals, PlanInfo[] plans, FieldInfo[] fields)
    {
        var changed = new Dictionary<long, CustomerTimeline?>();
        foreach (var id in removals)
        {
            changed[id] = null;
        }

        foreach (var c in replacements)
        {
            changed[c.Id] = c;
        }

        var merged = new List<CustomerTimeline>(_customers.Length + replacements.Count);
        var pairs = new List<(CustomerTimeline? Old, CustomerTimeline? New)>();
        foreach (var c in _customers)
        {
            if (changed.Remove(c.Id, out var replacement))
            {
                pairs.Add((c, replacement));
                if (replacement is not null)
                {
                    merged.Add(replacement);
                }
            }
            else
            {
                merged.Add(c);
            }
        }

        foreach (var added in changed.Values)
        {
            if (added is not null)
            {
                merged.Add(added);
                pairs.Add((null, added));
            }
        }

        merged.Sort(static (a, b) => a.Id.CompareTo(b.Id));
        var array = merged.ToArray();
        var incremental = pairs.Count <= 10_000 && pairs.TrueForAll(p => p.New is null || Totals.Covers(p.New));
        var totals = incremental ? Totals.Replace(pairs) : null;
        return new TimelineSet(Settings, Calendar, Fx, plans, fields, array, totals);
    }

    private static DayTotals BuildTotals(CustomerTimeline[] customers)
    {
        var first = int.MaxValue;
        var last = int.MinValue;
        foreach (var c in customers)
        {
            first = Math.Min(first, c.FirstDay);
            last = Math.Max(last, c.LastDay);
        }

        var today = DateOnly.FromDateTime(DateTime.UtcNow).DayNumber;
        first = Math.Min(first, today) - 40;
        last = Math.Max(last, today) + CustomerWalker.RetentionDays + 400;
        return DayTotals.Build(customers, null, null, null, WalkParts.All, first, last - first + 1);
    }
}
