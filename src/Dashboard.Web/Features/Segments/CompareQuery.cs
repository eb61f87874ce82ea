using Dashboard.Core.Metrics;
using Dashboard.Core.Segments;
using Dashboard.Web.Features.Metrics;
using Dashboard.Web.Services.Metrics;

namespace Dashboard.Web.Features.Segments;

/// <summary>
/// Runs the compare view: per segment, the same engine query as <c>GET /api/v1/metrics/{metric}?segment_id=…</c>
/// (or <c>?filter=…</c> for a filter group) over one shared range and interval.
/// </summary>
public sealed class CompareQuery(MetricQueryService query)
{
    /// <summary>
    /// Throws <see cref="MetricQueryException"/> for an unknown metric or segment, or a bad filter. A group is named by
    /// its filters, each put in words by <paramref name="describe"/> when given.
    /// </summary>
    public async Task<CompareModel> RunAsync(CompareState state, CancellationToken cancellationToken, Func<string, string>? describe = null)
    {
        if (!MetricCatalog.TryGet(state.Metric, out var metric))
        {
            throw new MetricQueryException("metric", $"There is no metric '{state.Metric}'.");
        }

        var engine = await query.EngineAsync(cancellationToken);
        var (start, end) = query.Range(engine, state.View);
        var saved = await query.SegmentsAsync(cancellationToken);
        var series = new List<CompareSeries>();
        foreach (var id in state.SegmentIds)
        {
            var segment = saved.FirstOrDefault(s => s.Id == id) ?? throw new MetricQueryException("segment_id", $"There is no segment {id}.");
            series.Add(Run(engine, metric, start, end, state, $"segment:{id}", segment.Name, segment.Filters));
        }

        foreach (var group in state.Groups)
        {
            series.Add(Run(engine, metric, start, end, state, "group:" + group, describe is null ? group.Replace(";", " AND ", StringComparison.Ordinal) : string.Join(" and ", CompareState.Filters(group).Select(describe)), CompareState.Filters(group)));
        }

        return CompareModel.From(metric, engine.ReportingCurrency, start, end, state.View.IntervalFor(start, end), series, describe, query.Today(engine));
    }

    private static CompareSeries Run(MetricsEngine engine, MetricDefinition metric, DateOnly start, DateOnly end, CompareState state, string key,
        string name, IReadOnlyList<string> filters)
    {
        var parsed = filters.Select(SegmentFilter.Parse).ToList();
        return new(key, name, filters, engine.Query(new MetricQuery(metric.Name, start, end, state.View.IntervalFor(start, end)) { Filters = parsed }))
        {
            Customers = engine.CountCustomers(parsed),
        };
    }
}
