using Dashboard.Core.Metrics;
using Dashboard.Web.Features.Overview;

namespace Dashboard.Web.Tests.Features.Overview;

/// <summary>Hand-made <see cref="OverviewData"/>: every metric's values per month, with the previous period's values.</summary>
internal static class OverviewTestData
{
    public static readonly DateOnly FirstMonth = new(2026, 9, 1);

    /// <summary>Builds the data; metrics not given are undefined (null) in every bucket.</summary>
    public static OverviewData Build(Dictionary<string, (decimal?[] Values, decimal?[]? Previous)> metrics, bool hasData = true,
        IReadOnlyList<string>? problems = null)
    {
        var buckets = metrics.Values.Select(v => v.Values.Length).DefaultIfEmpty(1).Max();
        var series = new Dictionary<string, MetricSeries>();
        foreach (var name in OverviewMetrics.All)
        {
            var (values, previous) = metrics.TryGetValue(name, out var given) ? given : (new decimal?[buckets], null);
            var points = values.Select((v, i) => new MetricPoint(
                FirstMonth.AddMonths(i),
                FirstMonth.AddMonths(i + 1).AddDays(-1),
                v,
                previous is null ? null : PreviousValue.Of(v, previous[i]))).ToList();
            series[name] = new MetricSeries(name, MetricCatalog.Get(name).Unit, "USD", Interval.Month, points);
        }

        return new OverviewData("USD", FirstMonth, FirstMonth.AddMonths(buckets).AddDays(-1), Interval.Month, hasData, series, problems ?? []);
    }

    /// <summary>One metric's values (the previous period given for the last bucket only).</summary>
    public static (decimal?[] Values, decimal?[]? Previous) Values(decimal? previousOfLast, params decimal?[] values)
    {
        var previous = new decimal?[values.Length];
        previous[^1] = previousOfLast;
        return (values, previous);
    }
}
