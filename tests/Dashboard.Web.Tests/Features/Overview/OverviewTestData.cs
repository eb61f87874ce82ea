using Dashboard.Core.Metrics;
using Dashboard.Web.Features.Overview;

namespace Dashboard.Web.Tests.Features.Overview;

/// <summary>Hand-made <see cref="OverviewData"/>: every metric's values per month, with the previous period's values.</summary>
internal static class OverviewTestData
{
    public static readonly DateOnly FirstMonth = new(2026, 9, 1);

    /// <summary>The first day of the hand-made store's data: years before <see cref="FirstMonth"/>.</summary>
    public static readonly DateOnly FirstDataDay = new(2020, 1, 1);

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
            series[name] = new MetricSeries(name, MetricCatalog.Get(name).Unit, "USD", Interval.Month, points)
            {
                WholeRange = WholeRange(MetricCatalog.Get(name), points, previous?[^1]),
            };
        }

        // The store's data starts long before the range and every base is large, so the previous period is comparable.
        var end = FirstMonth.AddMonths(buckets).AddDays(-1);
        return new OverviewData("USD", FirstMonth, end, Interval.Month, hasData, series, problems ?? [])
        {
            FirstDataDay = FirstDataDay,
            Bases = OverviewMetrics.Cards.ToDictionary(c => c.Metric, c => Base(FirstMonth, end, LargeBase, LargeBase)),
        };
    }

    /// <summary>A base of $10,000 (in minor units), far above the comparison's minimum.</summary>
    public const decimal LargeBase = 1_000_000;

    /// <summary>A money base of the range start..end and the same number of days before it.</summary>
    public static ComparisonBase Base(DateOnly start, DateOnly end, decimal previous, decimal current, MetricUnit unit = MetricUnit.Money, string? name = "MRR at its start")
    {
        var days = end.DayNumber - start.DayNumber + 1;
        return new ComparisonBase(start.AddDays(-days), start.AddDays(-1), previous, current, unit, name);
    }

    /// <summary>
    /// The figure for the whole range as the engine gives it: a stock is its last bucket, a flow the sum of its buckets;
    /// a rate is taken as its last bucket here (hand-made data has no window to compute it over). The previous period's
    /// figure is <paramref name="previous"/>.
    /// </summary>
    private static MetricPoint? WholeRange(MetricDefinition metric, List<MetricPoint> points, decimal? previous)
    {
        if (points.Count == 0)
        {
            return null;
        }

        var value = metric.Kind == MetricKind.Flow
            ? points.All(p => p.Value is null) ? null : points.Sum(p => p.Value ?? 0)
            : points[^1].Value;
        return new MetricPoint(points[0].Date, points[^1].EndDate, value, PreviousValue.Of(value, previous));
    }

    /// <summary>One metric's values (the previous period's figure given as the first argument).</summary>
    public static (decimal?[] Values, decimal?[]? Previous) Values(decimal? previousOfLast, params decimal?[] values)
    {
        var previous = new decimal?[values.Length];
        previous[^1] = previousOfLast;
        return (values, previous);
    }
}
