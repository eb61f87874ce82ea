using Dashboard.Core.Segments;
using Dashboard.Core.Timelines;

namespace Dashboard.Core.Metrics;

/// <summary>
/// The metrics facade the REST API and the UI call. Holds an immutable <see cref="TimelineSet"/> that updates swap
/// atomically, so any number of readers may query while one writer replaces customers.
/// </summary>
public sealed class MetricsEngine
{
    /// <summary>The most buckets one query may return.</summary>
    public const int MaxPoints = 10_000;

    private readonly object writeLock = new();
    private volatile TimelineSet set;

    public MetricsEngine(TimelineSet set) => this.set = set;

    public static MetricsEngine Create(BillingSnapshot snapshot, MetricSettings? settings = null) => new(snapshot.Build(settings));

    /// <summary>The snapshot queries currently read.</summary>
    public TimelineSet Current => set;

    /// <summary>False while the store has no customers at all; views then show how to get data in instead of zeros.</summary>
    public bool HasCustomers => set.Customers.Count > 0;

    public string ReportingCurrency => set.Settings.ReportingCurrency;

    /// <summary>One metric per bucket (GET /metrics/{metric}).</summary>
    /// <exception cref="MetricQueryException">Unknown metric, end before start, too many points, bad filter or compare_to.</exception>
    public MetricSeries Query(MetricQuery query)
    {
        var set = this.set;
        var metric = MetricCatalog.Get(query.Metric);
        var buckets = PlanBuckets(query.Start, query.End, query.Interval);
        if (query.CompareToDays is < 1)
        {
            throw new MetricQueryException("compare_to", $"compare_to must be a positive number of days, not {query.CompareToDays}.");
        }

        var segment = CompiledSegment.Compile(query.Filters, set);
        var totals = TotalsFor(set, segment, metric.Parts);
        var points = new MetricPoint[buckets.Count];
        for (var i = 0; i < buckets.Count; i++)
        {
            var bucket = buckets[i];
            var value = metric.Round(metric.Evaluate(totals, bucket.Window));
            points[i] = new MetricPoint(bucket.Start, bucket.End, value, Previous(metric, totals, bucket, value, query.CompareToDays))
            {
                WindowStart = metric.Kind == MetricKind.Window ? bucket.WindowStart : null,
            };
        }

        var whole = Bucket.WholeRange(query.Start, query.End);
        var wholeValue = WholeRangeValue(set, segment, totals, metric, whole);
        PreviousValue? previous = query.CompareToDays is { } days
            ? PreviousValue.Of(wholeValue, WholeRangeValue(set, segment, totals, metric, whole.Shift(days)))
            : null;
        return new MetricSeries(metric.Name, metric.Unit, set.Settings.ReportingCurrency, query.Interval, points)
        {
            WholeRange = new MetricPoint(query.Start, query.End, wholeValue, previous)
            {
                WindowStart = metric.Kind == MetricKind.Window ? whole.WindowStart : null,
            },
        };
    }

    /// <summary>
    /// What the changes of a comparing query rest on (<see cref="ComparisonBase"/>): the base of the whole range and of
    /// each bucket (in the order of <see cref="Query"/>'s points) against the same window <c>CompareToDays</c> earlier.
    /// </summary>
    /// <exception cref="MetricQueryException">As <see cref="Query"/>, or a query that does not compare.</exception>
    public ComparisonBaseSet ComparisonBases(MetricQuery query)
    {
        if (query.CompareToDays is not { } days || days < 1)
        {
            throw new MetricQueryException("compare_to", "A comparison's bases need compare_to, a positive number of days.");
        }

        var set = this.set;
        var metric = MetricCatalog.Get(query.Metric);
        var buckets = PlanBuckets(query.Start, query.End, query.Interval);
        var segment = CompiledSegment.Compile(query.Filters, set);
        var totals = TotalsFor(set, segment, metric.Parts);
        decimal? Value(Bucket bucket) => WholeRangeValue(set, segment, totals, metric, bucket);
        return new ComparisonBaseSet(
            Metrics.ComparisonBases.For(metric, totals, Bucket.WholeRange(query.Start, query.End), days, Value),
            buckets.Select(b => Metrics.ComparisonBases.For(metric, totals, b, days, Value)).ToList());
    }

    /// <summary>
    /// Every metric as one figure for the whole of start..end (metrics.md, "One figure for a whole range"): stocks at
    /// the end of <paramref name="end"/>, flows summed over the range, window metrics over the range as their window;
    /// each equals the <see cref="MetricSeries.WholeRange"/> of a query of that metric over the same range.
    /// </summary>
    public IReadOnlyList<SummaryItem> RangeSummary(DateOnly start, DateOnly end, IReadOnlyList<SegmentFilter>? filters = null, int? compareToDays = null)
    {
        var set = this.set;
        ValidateRange(start, end);
        var segment = CompiledSegment.Compile(filters, set);
        var totals = TotalsFor(set, segment, WalkParts.All);
        var whole = Bucket.WholeRange(start, end);
        var items = new List<SummaryItem>(MetricCatalog.All.Count);
        foreach (var metric in MetricCatalog.All)
        {
            var value = WholeRangeValue(set, segment, totals, metric, whole);
            PreviousValue? previous = compareToDays is { } days
                ? PreviousValue.Of(value, WholeRangeValue(set, segment, totals, metric, whole.Shift(days)))
                : null;
            items.Add(new SummaryItem(metric.Name, metric.Title, metric.Unit, value, previous));
        }

        return items;
    }

    /// <summary>A metric over one bucket of any length: from the daily totals, or customer by customer for a window too long for them.</summary>
    private static decimal? WholeRangeValue(TimelineSet set, CompiledSegment segment, DayTotals totals, MetricDefinition metric, Bucket bucket)
    {
        var window = bucket.Window;
        if (metric.LongWindowsPerCustomer && window.End - window.WindowStart + 1 > SeriesInfo.MaxWindowDays)
        {
            var (numerator, _) = DrillDownCalculator.Contributions(set, segment, metric, window);
            return metric.Round(metric.Value(numerator, totals, window));
        }

        return metric.Round(metric.Evaluate(totals, window));
    }

    /// <summary>Every metric for one day (GET /metrics?date=): stocks at its end, flows of the day, rates over the trailing 30 days.</summary>
    public IReadOnlyList<SummaryItem> Summary(DateOnly date, IReadOnlyList<SegmentFilter>? filters = null, int? compareToDays = null)
    {
        var set = this.set;
        var totals = TotalsFor(set, CompiledSegment.Compile(filters, set), WalkParts.All);
        return SummaryItems(totals, Bucket.Plan(date, date, Interval.Day)[0], compareToDays);
    }

    /// <summary>
    /// Every metric for each day of start..end (GET /metrics?start_date=&amp;end_date=, Baremetrics' summary): one
    /// <see cref="Summary(DateOnly, IReadOnlyList{SegmentFilter}?, int?)"/> per day, the totals built once.
    /// </summary>
    public IReadOnlyList<SummaryDay> Summaries(DateOnly start, DateOnly end, IReadOnlyList<SegmentFilter>? filters = null)
    {
        var set = this.set;
        var buckets = PlanBuckets(start, end, Interval.Day);
        var totals = TotalsFor(set, CompiledSegment.Compile(filters, set), WalkParts.All);
        var days = new List<SummaryDay>(buckets.Count);
        foreach (var bucket in buckets)
        {
            days.Add(new SummaryDay(bucket.Start, SummaryItems(totals, bucket, compareToDays: null)));
        }

        return days;
    }

    private static List<SummaryItem> SummaryItems(DayTotals totals, Bucket bucket, int? compareToDays)
    {
        var items = new List<SummaryItem>(MetricCatalog.All.Count);
        foreach (var metric in MetricCatalog.All)
        {
            var value = metric.Round(metric.Evaluate(totals, bucket.Window));
            items.Add(new SummaryItem(metric.Name, metric.Title, metric.Unit, value, Previous(metric, totals, bucket, value, compareToDays)));
        }

        return items;
    }

    /// <summary>The customers making up a metric over start..end, taken as one bucket (GET /metrics/{metric}/customers).</summary>
    public DrillDownResult DrillDown(string metricName, DateOnly start, DateOnly end, IReadOnlyList<SegmentFilter>? filters = null)
    {
        var set = this.set;
        var metric = MetricCatalog.Get(metricName);
        ValidateRange(start, end);
        var segment = CompiledSegment.Compile(filters, set);
        var window = new MetricWindow(start.DayNumber, end.DayNumber, start.DayNumber);
        var (numerator, rows) = DrillDownCalculator.Contributions(set, segment, metric, window);
        var totals = TotalsFor(set, segment, metric.Parts);
        var value = metric.Round(metric.Value(numerator, totals, window));
        return new DrillDownResult(metric.Name, metric.Unit, set.Settings.ReportingCurrency, start, end, value,
            metric.NumeratorForOutput(numerator), rows);
    }

    /// <summary>
    /// How many customers the filters keep (with a plan filter, those that ever had a matching plan): zero means no
    /// customer matches and every metric of the segment is empty.
    /// </summary>
    public int CountCustomers(IReadOnlyList<SegmentFilter>? filters)
    {
        var set = this.set;
        var segment = CompiledSegment.Compile(filters, set);
        return segment.IsEverything ? set.Count : segment.CountKept(set, planAware: true);
    }

    /// <summary>The cohort triangle of customers whose first new movement falls in the months of start..end.</summary>
    public CohortTable Cohorts(DateOnly start, DateOnly end, IReadOnlyList<SegmentFilter>? filters = null)
    {
        var set = this.set;
        ValidateRange(start, end);
        return CohortCalculator.Compute(set, CompiledSegment.Compile(filters, set), start, end);
    }

    /// <summary>A page of the customer list with each customer's MRR, net revenue and status at the end of the query's date.</summary>
    /// <exception cref="MetricQueryException">Bad filter, unknown attribute, bad offset or limit.</exception>
    public Customers.CustomerListPage Customers(Customers.CustomerListQuery query) => Dashboard.Core.Customers.CustomerDirectory.List(set, query);

    /// <summary>One customer's MRR, net revenue, status, monthly MRR history and movements up to <paramref name="date"/>; null when unknown.</summary>
    public Customers.CustomerMetrics? Customer(long customerId, DateOnly date) => Dashboard.Core.Customers.CustomerDirectory.Metrics(set, customerId, date);

    /// <summary>
    /// Builds the indexes the customer list otherwise builds on first use (the name order, each chunk's search text), so
    /// the first search or deep name-sorted page after a change does not wait for them. False when the snapshot is too
    /// small to use them.
    /// </summary>
    public bool PrepareCustomerList() => Dashboard.Core.Customers.CustomerDirectory.Prepare(set);

    /// <summary>
    /// A builder that knows the current plans, attribute fields and FX rates: add the changed customers' complete rows
    /// (customer, attributes, subscriptions, states, add-ons, charges, refunds) and pass it to <see cref="ReplaceCustomers"/>.
    /// </summary>
    public TimelineBuilder CreateUpdateBuilder() => TimelineBuilder.ForUpdate(set);

    /// <summary>
    /// Replaces (or adds) every customer in <paramref name="rows"/> and removes <paramref name="removedCustomerIds"/>.
    /// Only those customers' timelines are rebuilt; the daily totals are adjusted by their difference.
    /// </summary>
    public void ReplaceCustomers(TimelineBuilder rows, IReadOnlyCollection<long>? removedCustomerIds = null)
    {
        lock (writeLock)
        {
            var set = this.set;
            if (rows.Settings != set.Settings)
            {
                throw new ArgumentException("The builder's settings differ from the engine's; rebuild the whole set instead.", nameof(rows));
            }

            var compiled = rows.CompileCustomers();
            this.set = set.WithChanges(compiled, removedCustomerIds ?? [], rows.PlanArray(), rows.FieldArray());
        }
    }

    /// <summary>Swaps in a completely rebuilt set (after FX rates or settings changed).</summary>
    public void Replace(TimelineSet set)
    {
        lock (writeLock)
        {
            this.set = set;
        }
    }

    internal static DayTotals TotalsFor(TimelineSet set, CompiledSegment segment, WalkParts parts)
    {
        if (segment.IsEverything)
        {
            return set.Totals;
        }

        // Customer MRR, subscription and cash walks are cached apart: most segment queries need one of them only, and
        // each extra part costs memory reads per customer.
        var group = parts switch
        {
            WalkParts.Cash => WalkParts.Cash,
            WalkParts.Subscriptions => WalkParts.Subscriptions,
            _ when (parts & ~(WalkParts.Mrr | WalkParts.Retention)) == 0 => WalkParts.Mrr | WalkParts.Retention,
            _ => WalkParts.All,
        };

        return set.SegmentTotals(segment.Key + "|" + (int)group, group, p => SegmentTotals(set, segment, p));
    }

    private static DayTotals SegmentTotals(TimelineSet set, CompiledSegment segment, WalkParts parts)
    {
        var (first, length) = (set.Totals.FirstDay, set.Totals.Length);
        if (segment.PlanMask is null && segment.CountKept(set) * 2L > set.Count)
        {
            // Most customers are kept: walk the ones dropped and subtract them from the unfiltered totals.
            return DayTotals.Difference(set.Totals, DayTotals.Build(set, segment, false, true, parts, first, length), parts);
        }

        return DayTotals.Build(set, segment, (parts & WalkParts.Cash) == 0, false, parts, first, length);
    }

    private static List<Bucket> PlanBuckets(DateOnly start, DateOnly end, Interval interval)
    {
        ValidateRange(start, end);
        var approx = (end.DayNumber - start.DayNumber + 1) / interval switch
        {
            Interval.Day => 1,
            Interval.Week => 7,
            Interval.Month => 28,
            Interval.Quarter => 89,
            _ => 365,
        };
        if (approx > MaxPoints)
        {
            throw new MetricQueryException("interval", $"The range {start:yyyy-MM-dd}..{end:yyyy-MM-dd} has more than {MaxPoints} {Intervals.Name(interval)} buckets; use a longer interval.");
        }

        return Bucket.Plan(start, end, interval);
    }

    private static void ValidateRange(DateOnly start, DateOnly end)
    {
        if (end < start)
        {
            throw new MetricQueryException("end_date", $"end_date {end:yyyy-MM-dd} is before start_date {start:yyyy-MM-dd}.");
        }
    }

    private static PreviousValue? Previous(MetricDefinition metric, DayTotals totals, Bucket bucket, decimal? value, int? compareToDays)
    {
        if (compareToDays is not { } days)
        {
            return null;
        }

        return PreviousValue.Of(value, metric.Round(metric.Evaluate(totals, bucket.Shift(days).Window)));
    }
}
