using Dashboard.Core.Metrics;
using Dashboard.Core.Timelines;
using Dashboard.Web.Features.Metrics;
using Dashboard.Web.Services.Metrics;
using Dashboard.Web.Services.Segments;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Features.MrrBreakdown;

/// <summary>
/// New, expansion, contraction, churn and reactivation per period (counts and amounts), net new MRR and MRR at the
/// end; a click lists the customers and movements behind a period. Range and interval live in the URL.
/// </summary>
public partial class MrrBreakdownPage : MetricViewPage
{
    private MetricViewState state = new();
    private IReadOnlyList<SavedSegment> segments = [];
    private MrrBreakdownModel? view;
    private bool hasData = true;
    private DrillDownView? drill;
    private DateOnly? selected;

    [Inject]
    public required MetricQueryService Query { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    protected override async Task OnParametersSetAsync()
    {
        state = MetricViewState.Parse(RangeKey, null, null, IntervalText, null, FilterTexts, SegmentText);
        if (state.Range == RangePreset.Custom)
        {
            state = state with { Range = RangePreset.Last12Months };
        }

        drill = null;
        selected = null;
        await LoadAsync(async () =>
        {
            hasData = (await Query.EngineAsync(Leaving)).HasCustomers;
            segments = await Query.SegmentsAsync(Leaving);
            var series = new Dictionary<string, MetricSeries>();
            MetricViewData? first = null;
            foreach (var metric in MrrBreakdownModel.Metrics)
            {
                var data = await Query.SeriesAsync(metric, state, Leaving);
                first ??= data;
                series[metric] = data.Series;
            }

            state = state.Showing(first!.Interval);
            view = MrrBreakdownModel.From(series, first.Currency, first.Start, first.End, first.Interval);
        }, () => view = null);
    }

    private Task Navigate(MetricViewState next)
    {
        Navigation.NavigateTo("mrr-breakdown?" + next.ToQueryString());
        return Task.CompletedTask;
    }

    private Task OnPresetAsync(string key) => Navigate(state with { Range = MetricViewState.Presets.First(p => p.Key == key).Preset });

    private Task OnIntervalAsync(Interval interval) => Navigate(state with { Interval = interval });

    private Task SelectAsync(MrrBreakdownRow row) => LoadAsync(async () =>
    {
        var filters = await Query.FiltersAsync(state, Leaving);
        var result = await Query.DrillDownAsync("net_new_mrr", row.Date, row.EndDate, filters, Leaving);
        selected = row.Date;
        drill = DrillDownView.From(result, MetricCatalog.Get("net_new_mrr"), $"Movements, {row.Label}");
    });

    private Task OnAddFilterAsync(string filter) => Navigate(state with { Filters = [.. state.Filters, filter] });

    private Task OnRemoveFilterAsync(string filter) => Navigate(state with { Filters = state.Filters.Where(f => f != filter).ToList() });

    private Task OnSegmentAsync(long? id) => Navigate(state with { SegmentId = id });
}
