using Dashboard.Core.Metrics;
using Dashboard.Web.Features.Metrics;
using Dashboard.Web.Features.Overview;
using Dashboard.Web.Services.Metrics;

namespace Dashboard.Web.Features.MrrBreakdown;

/// <summary>The breakdown's table and the series its chart draws, for one view.</summary>
public sealed record MrrBreakdownData(MrrBreakdownModel Model, OverviewData Series, MetricViewData First);

/// <summary>
/// Loads the MRR breakdown for a view through <see cref="MetricQueryService"/> (one engine query per movement metric,
/// the same as <c>GET /api/v1/metrics/{metric}</c>), for the page and its CSV alike.
/// </summary>
public static class MrrBreakdownQuery
{
    public static async Task<MrrBreakdownData> LoadAsync(MetricQueryService query, MetricViewState state, CancellationToken cancellationToken)
    {
        var series = new Dictionary<string, MetricSeries>();
        MetricViewData? first = null;
        foreach (var metric in MrrBreakdownModel.Metrics)
        {
            var data = await query.SeriesAsync(metric, state, cancellationToken);
            first ??= data;
            series[metric] = data.Series;
        }

        var model = MrrBreakdownModel.From(series, first!.Currency, first.Start, first.End, first.Interval);
        var chart = new OverviewData(first.Currency, first.Start, first.End, first.Interval, true, series, [])
        {
            Today = first.Today,
            Filters = first.Filters,
        };
        return new MrrBreakdownData(model, chart, first);
    }
}
