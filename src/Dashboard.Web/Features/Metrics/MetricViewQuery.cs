using Dashboard.Core.Metrics;
using Dashboard.Core.Segments;
using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Metrics;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Features.Metrics;

/// <summary>A metric series as a view shows it: the same engine query the REST API runs, for a <see cref="MetricViewState"/>.</summary>
public sealed record MetricViewData(
    MetricDefinition Metric,
    string Currency,
    DateOnly Start,
    DateOnly End,
    Interval Interval,
    IReadOnlyList<SegmentFilter> Filters,
    MetricSeries Series);

/// <summary>A saved segment as the filter builder lists it.</summary>
public sealed record SavedSegment(long Id, string Name, IReadOnlyList<string> Filters);

/// <summary>
/// Runs the metric pages' and the CSV export's queries on the metrics engine, so the page, the export and
/// <c>GET /api/v1/metrics/{metric}</c> show the same numbers. Segments are read with a short-lived context.
/// </summary>
public sealed class MetricViewQuery(MetricsEngineHost host, IDbContextFactory<DashboardDbContext> contexts, TimeProvider time)
{
    public Task<MetricsEngine> EngineAsync(CancellationToken cancellationToken) => host.GetEngineAsync(cancellationToken);

    public static DateOnly Today(MetricsEngine engine, TimeProvider time) =>
        DateOnly.FromDayNumber(engine.Current.Calendar.DayOf(time.GetUtcNow()));

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

    /// <summary>The state's range resolved against today and the data.</summary>
    public (DateOnly Start, DateOnly End) Range(MetricsEngine engine, MetricViewState state) =>
        state.Resolve(Today(engine), FirstDataDay(engine));

    /// <summary>The series for a state. Throws <see cref="MetricQueryException"/> for an unknown metric, bad filter or segment.</summary>
    public async Task<MetricViewData> SeriesAsync(string metricName, MetricViewState state, CancellationToken cancellationToken)
    {
        var engine = await host.GetEngineAsync(cancellationToken);
        if (!MetricCatalog.TryGet(metricName, out var metric))
        {
            throw new MetricQueryException("metric", $"There is no metric '{metricName}'.");
        }

        var (start, end) = Range(engine, state);
        var filters = await FiltersAsync(state, cancellationToken);
        var series = engine.Query(new MetricQuery(metric.Name, start, end, state.Interval)
        {
            Filters = filters,
            CompareToDays = state.Compare ? MetricViewState.Days(start, end) : null,
        });
        return new MetricViewData(metric, engine.ReportingCurrency, start, end, state.Interval, filters, series);
    }

    /// <summary>The customers behind one bucket (or any start..end).</summary>
    public async Task<DrillDownResult> DrillDownAsync(string metricName, DateOnly start, DateOnly end, IReadOnlyList<SegmentFilter> filters,
        CancellationToken cancellationToken)
    {
        var engine = await host.GetEngineAsync(cancellationToken);
        return engine.DrillDown(metricName, start, end, filters);
    }

    /// <summary>The saved segment's filters (segment_id) and the state's own filters, joined by AND.</summary>
    public async Task<IReadOnlyList<SegmentFilter>> FiltersAsync(MetricViewState state, CancellationToken cancellationToken)
    {
        var filters = new List<SegmentFilter>();
        if (state.SegmentId is { } id)
        {
            var segment = (await SegmentsAsync(cancellationToken)).FirstOrDefault(s => s.Id == id)
                ?? throw new MetricQueryException("segment_id", $"There is no segment {id}.");
            filters.AddRange(segment.Filters.Select(SegmentFilter.Parse));
        }

        filters.AddRange(state.Filters.Select(SegmentFilter.Parse));
        return filters;
    }

    public async Task<IReadOnlyList<SavedSegment>> SegmentsAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Segments.AsNoTracking().OrderBy(s => s.Name).ToListAsync(cancellationToken);
        return rows.Select(s => new SavedSegment(s.Id, s.Name, Api.Segments.SegmentFilters.Parse(s.FiltersJson).Select(f => $"{f.Field}:{f.Op}:{f.Value}").ToList())).ToList();
    }

    /// <summary>The filter fields: the fixed customer fields, plan, then the store's attribute keys.</summary>
    public async Task<IReadOnlyList<string>> FieldsAsync(CancellationToken cancellationToken) =>
        FilterFields.Fixed.Concat((await AttributeKeysAsync(cancellationToken)).Where(k => !FilterFields.Fixed.Contains(k))).ToList();

    /// <summary>The store's custom attribute keys, in order.</summary>
    public async Task<IReadOnlyList<string>> AttributeKeysAsync(CancellationToken cancellationToken)
    {
        var engine = await host.GetEngineAsync(cancellationToken);
        return engine.Current.Fields.Select(f => f.Key).Order(StringComparer.Ordinal).ToList();
    }
}

public static class FilterFields
{
    public static readonly IReadOnlyList<string> Fixed = ["source", "email", "currency", "country", SegmentFilter.PlanField];

    public static readonly IReadOnlyList<string> Operators = ["eq", "neq", "contains", "in", "gt", "gte", "lt", "lte", "exists", "not_exists"];
}
