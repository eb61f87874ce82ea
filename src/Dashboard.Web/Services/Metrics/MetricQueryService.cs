using Dashboard.Core.Metrics;
using Dashboard.Core.Segments;
using Dashboard.Infrastructure.Metrics;
using Dashboard.Web.Services.Segments;

namespace Dashboard.Web.Services.Metrics;

/// <summary>A metric series as a view or an export shows it: the metric, the resolved range and filters, and the engine's answer.</summary>
public sealed record MetricViewData(
    MetricDefinition Metric,
    string Currency,
    DateOnly Start,
    DateOnly End,
    Interval Interval,
    IReadOnlyList<SegmentFilter> Filters,
    MetricSeries Series)
{
    /// <summary>Today in the reporting time zone, so a period still running can say "so far"; null when unknown.</summary>
    public DateOnly? Today { get; init; }

    /// <summary>The first day any customer has data, for the comparison rule; null when the store has none.</summary>
    public DateOnly? FirstDataDay { get; init; }

    /// <summary>When comparing, what each change rests on (<see cref="PeriodComparison"/>); null otherwise.</summary>
    public ComparisonBaseSet? Bases { get; init; }
}

/// <summary>
/// What a metric view asks for: a range to resolve against today and the data, an interval, whether to compare with the
/// previous period, a saved segment and filters (<c>field:op:value</c>).
/// </summary>
public interface IMetricSelection
{
    Interval Interval { get; }

    /// <summary>The interval for the resolved range (the chosen one, or one that suits the range's length).</summary>
    Interval IntervalFor(DateOnly start, DateOnly end);

    bool Compare { get; }

    long? SegmentId { get; }

    IReadOnlyList<string> Filters { get; }

    (DateOnly Start, DateOnly End) Resolve(DateOnly today, DateOnly? firstDataDay);
}

/// <summary>
/// The one way to ask the metrics engine: the REST metrics endpoints, the metric-like pages, the CSV export and the
/// exports' jobs call it, so they show the same numbers. Saved segments are resolved by <see cref="SegmentService"/>.
/// Errors in what was asked (unknown metric, bad filter, unknown segment) are <see cref="MetricQueryException"/>s
/// naming the parameter; a missing exchange rate is a <see cref="MissingFxRateException"/>.
/// </summary>
public sealed class MetricQueryService(MetricsEngineHost host, SegmentService segments, TimeProvider time)
{
    public Task<MetricsEngine> EngineAsync(CancellationToken cancellationToken) => host.GetEngineAsync(cancellationToken);

    public static DateOnly Today(MetricsEngine engine, TimeProvider time) =>
        DateOnly.FromDayNumber(engine.Current.Calendar.DayOf(time.GetUtcNow()));

    /// <summary>Today in the reporting time zone.</summary>
    public DateOnly Today(MetricsEngine engine) => Today(engine, time);

    /// <summary>The first day any customer has data, for "all time".</summary>
    public static DateOnly? FirstDataDay(MetricsEngine engine)
    {
        var first = int.MaxValue;
        foreach (var customer in engine.Current.Customers)
        {
            first = Math.Min(first, customer.FirstDay);
        }

        return first == int.MaxValue ? null : DateOnly.FromDayNumber(first);
    }

    /// <summary>The selection's range resolved against today and the data.</summary>
    public (DateOnly Start, DateOnly End) Range(MetricsEngine engine, IMetricSelection selection) =>
        selection.Resolve(Today(engine), FirstDataDay(engine));

    /// <summary>The series for a view's selection; a comparison is with the period of the same length before it.</summary>
    public async Task<MetricViewData> SeriesAsync(string metricName, IMetricSelection selection, CancellationToken cancellationToken)
    {
        var engine = await host.GetEngineAsync(cancellationToken);
        var metric = Metric(metricName);
        var (start, end) = Range(engine, selection);
        var filters = await FiltersAsync(selection, cancellationToken);
        var interval = selection.IntervalFor(start, end);
        var query = new MetricQuery(metric.Name, start, end, interval)
        {
            Filters = filters,
            CompareToDays = selection.Compare ? end.DayNumber - start.DayNumber + 1 : null,
        };
        var series = engine.Query(query);
        return new MetricViewData(metric, engine.ReportingCurrency, start, end, interval, filters, series)
        {
            Today = Today(engine),
            FirstDataDay = FirstDataDay(engine),
            Bases = selection.Compare ? engine.ComparisonBases(query) : null,
        };
    }

    /// <summary>The base of a comparing query's whole range (docs/ui.md, "Headline numbers"), as <see cref="PeriodComparison"/> needs it.</summary>
    public static ComparisonBase WholeRangeBase(MetricsEngine engine, MetricQuery query) => engine.ComparisonBases(query).WholeRange;

    /// <summary>A query as the REST API states it (explicit range, comparison N days back).</summary>
    public async Task<MetricSeries> SeriesAsync(MetricQuery query, CancellationToken cancellationToken) =>
        (await host.GetEngineAsync(cancellationToken)).Query(query);

    /// <summary>Every metric for each day of start..end (the summary over a range).</summary>
    public async Task<IReadOnlyList<SummaryDay>> SummariesAsync(
        DateOnly start, DateOnly end, IReadOnlyList<SegmentFilter> filters, CancellationToken cancellationToken) =>
        (await host.GetEngineAsync(cancellationToken)).Summaries(start, end, filters);

    /// <summary>Every metric as one figure for the whole of start..end (metrics.md, "One figure for a whole range").</summary>
    public async Task<IReadOnlyList<SummaryItem>> RangeSummaryAsync(
        DateOnly start, DateOnly end, IReadOnlyList<SegmentFilter> filters, CancellationToken cancellationToken) =>
        (await host.GetEngineAsync(cancellationToken)).RangeSummary(start, end, filters);

    /// <summary>The customers behind one bucket (or any start..end).</summary>
    public async Task<DrillDownResult> DrillDownAsync(string metricName, DateOnly start, DateOnly end, IReadOnlyList<SegmentFilter> filters,
        CancellationToken cancellationToken) =>
        (await host.GetEngineAsync(cancellationToken)).DrillDown(metricName, start, end, filters);

    /// <summary>The cohort triangle of the customers who started in start..end.</summary>
    public async Task<CohortTable> CohortsAsync(DateOnly start, DateOnly end, IReadOnlyList<SegmentFilter> filters, CancellationToken cancellationToken) =>
        (await host.GetEngineAsync(cancellationToken)).Cohorts(start, end, filters);

    /// <summary>The selection's saved segment and its own filters, joined by AND.</summary>
    /// <summary>True when the selection has filters or a saved segment and no customer matches them (the pages then say so).</summary>
    public async Task<bool> MatchesNobodyAsync(IMetricSelection selection, CancellationToken cancellationToken)
    {
        if (selection.SegmentId is null && selection.Filters.Count == 0)
        {
            return false;
        }

        var filters = await FiltersAsync(selection, cancellationToken);
        return (await EngineAsync(cancellationToken)).CountCustomers(filters) == 0;
    }

    public Task<IReadOnlyList<SegmentFilter>> FiltersAsync(IMetricSelection selection, CancellationToken cancellationToken) =>
        FiltersAsync(selection.SegmentId, selection.Filters, cancellationToken);

    /// <summary>Saved segment <paramref name="segmentId"/>'s filters (none without one) and every <c>field:op:value</c>, joined by AND.</summary>
    public async Task<IReadOnlyList<SegmentFilter>> FiltersAsync(long? segmentId, IEnumerable<string?> filterTexts, CancellationToken cancellationToken)
    {
        var filters = new List<SegmentFilter>();
        if (segmentId is { } id)
        {
            filters.AddRange(await segments.FiltersOfAsync(id, cancellationToken));
        }

        filters.AddRange(filterTexts.Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => SegmentFilter.Parse(t!)));
        return filters;
    }

    /// <summary>The saved segments, by name.</summary>
    public Task<IReadOnlyList<SavedSegment>> SegmentsAsync(CancellationToken cancellationToken) => segments.ListAsync(cancellationToken);

    /// <summary>The filter fields: the fixed customer fields, plan, then the store's attribute keys.</summary>
    public async Task<IReadOnlyList<string>> FieldsAsync(CancellationToken cancellationToken) =>
        FilterFields.Fixed.Concat((await AttributeKeysAsync(cancellationToken)).Where(k => !FilterFields.Fixed.Contains(k))).ToList();

    /// <summary>The store's custom attribute keys, in order.</summary>
    public async Task<IReadOnlyList<string>> AttributeKeysAsync(CancellationToken cancellationToken)
    {
        var engine = await host.GetEngineAsync(cancellationToken);
        return engine.Current.Fields.Select(f => f.Key).Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>The metric named so (our names and Baremetrics' slugs); a <see cref="MetricQueryException"/> naming <c>metric</c> otherwise.</summary>
    public static MetricDefinition Metric(string name) =>
        MetricCatalog.TryGet(name, out var metric) ? metric : throw new MetricQueryException("metric", $"There is no metric '{name}'.");
}

public static class FilterFields
{
    public static readonly IReadOnlyList<string> Fixed = ["source", "email", "currency", "country", SegmentFilter.PlanField];

    public static readonly IReadOnlyList<string> Operators = ["eq", "neq", "contains", "in", "gt", "gte", "lt", "lte", "exists", "not_exists"];
}
