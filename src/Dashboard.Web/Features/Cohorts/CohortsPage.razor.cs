using Dashboard.Core.Metrics;
using Dashboard.Core.Timelines;
using Dashboard.Web.Features.Metrics;
using Dashboard.Web.Services.Metrics;
using Dashboard.Web.Services.Segments;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Features.Cohorts;

/// <summary>The cohort triangle (engine.Cohorts) as a heatmap; range, measure and filters live in the URL.</summary>
public partial class CohortsPage : MetricViewPage
{
    private MetricViewState state = new();
    private IReadOnlyList<SavedSegment> segments = [];
    private CohortsModel? view;
    private bool hasData = true;
    private bool byMrr;
    private bool noMatch;

    [SupplyParameterFromQuery(Name = "measure")]
    public string? Measure { get; set; }

    [Inject]
    public required MetricQueryService Query { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    protected override async Task OnParametersSetAsync()
    {
        state = MetricViewState.Parse(RangeKey, null, null, null, null, FilterTexts, SegmentText);
        if (state.Range is RangePreset.Custom or RangePreset.Last30Days)
        {
            state = state with { Range = RangePreset.Last12Months };
        }

        byMrr = string.Equals(Measure, "mrr", StringComparison.OrdinalIgnoreCase);
        await LoadAsync(async () =>
        {
            var engine = await Query.EngineAsync(Leaving);
            segments = await Query.SegmentsAsync(Leaving);
            hasData = engine.HasCustomers;
            var (start, end) = Query.Range(engine, state);
            var filters = await Query.FiltersAsync(state, Leaving);
            view = CohortsModel.From(engine.Cohorts(start, end, filters), byMrr);
            noMatch = await Query.MatchesNobodyAsync(state, Leaving);
        }, () => view = null);
    }

    private Task Navigate(MetricViewState next, bool mrr)
    {
        Navigation.NavigateTo("cohorts?" + next.ToQueryString() + (mrr ? "&measure=mrr" : string.Empty));
        return Task.CompletedTask;
    }

    private Task OnPresetAsync(string key) => Navigate(state with { Range = MetricViewState.Presets.First(p => p.Key == key).Preset }, byMrr);

    private Task OnMeasureAsync(bool mrr) => Navigate(state, mrr);

    private Task OnAddFilterAsync(string filter) => Navigate(state with { Filters = [.. state.Filters, filter] }, byMrr);

    private Task OnRemoveFilterAsync(string filter) => Navigate(state with { Filters = state.Filters.Where(f => f != filter).ToList() }, byMrr);

    private Task OnSegmentAsync(long? id) => Navigate(state with { SegmentId = id }, byMrr);

    private Task ClearFiltersAsync() => Navigate(state with { Filters = [], SegmentId = null }, byMrr);
}
