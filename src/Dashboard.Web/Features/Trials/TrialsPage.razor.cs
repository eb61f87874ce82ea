using System.Globalization;
using Dashboard.Web.Features.Metrics;
using Dashboard.Web.Services.Metrics;
using Dashboard.Web.Services.Segments;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Features.Trials;

/// <summary>
/// The trial funnel of a range and segment: trials started, converted, lost and still trialing, time to convert, and the
/// trials of the chosen step. Range, filters and step live in the URL.
/// </summary>
public partial class TrialsPage : MetricViewPage
{
    private MetricViewState state = new();
    private IReadOnlyList<SavedSegment> segments = [];
    private TrialFunnelModel? view;
    private bool hasData = true;
    private bool noMatch;

    /// <summary>The step whose trials are listed: started (default), converted, lost or trialing.</summary>
    [SupplyParameterFromQuery(Name = "step")]
    public string? StepText { get; set; }

    /// <summary>The page of the step's list (from 1).</summary>
    [SupplyParameterFromQuery(Name = "page")]
    public int? PageNumber { get; set; }

    [Inject]
    public required MetricQueryService Query { get; init; }

    [Inject]
    public required TrialFunnelService Trials { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    protected override async Task OnParametersSetAsync()
    {
        state = ParseView();
        await LoadAsync(async () =>
        {
            hasData = (await Query.EngineAsync(Leaving)).HasCustomers;
            segments = await Query.SegmentsAsync(Leaving);
            view = TrialFunnelModel.From(await Trials.FunnelAsync(state, Leaving), StepText, PageNumber, PageHref);
            noMatch = await Query.MatchesNobodyAsync(state, Leaving);
        }, () => view = null);
    }

    private string StepHref(string step) => "trials?" + state.ToQueryString() + (step == "started" ? string.Empty : "&step=" + step);

    /// <summary>A page of the step's list: the view and the step as they are, page 1 left out of the address.</summary>
    private string PageHref(string? step, int page) =>
        StepHref(step ?? "started") + (page == 1 ? string.Empty : "&page=" + page.ToString(CultureInfo.InvariantCulture));

    private Task NavigateAsync(MetricViewState next)
    {
        Navigation.NavigateTo("trials?" + next.ToQueryString() + (view?.Step is { } step ? "&step=" + step : string.Empty));
        return Task.CompletedTask;
    }

    private Task OnPresetAsync(string key)
    {
        var preset = MetricViewState.Presets.First(p => p.Key == key).Preset;
        var next = state with { Range = preset };
        next = preset == RangePreset.Custom && view is not null ? next with { Start = view.Start, End = view.End }
            : preset != RangePreset.Custom ? next with { Start = null, End = null }
            : next;
        return NavigateAsync(next);
    }

    private Task OnStartAsync(DateOnly date) =>
        NavigateAsync(state with { Range = RangePreset.Custom, Start = date, End = state.End ?? view?.End });

    private Task OnEndAsync(DateOnly date) =>
        NavigateAsync(state with { End = date, Range = RangePreset.Custom, Start = state.Start ?? view?.Start });

    private Task OnAddFilterAsync(string filter) => NavigateAsync(state with { Filters = [.. state.Filters, filter] });

    private Task OnRemoveFilterAsync(string filter) => NavigateAsync(state with { Filters = state.Filters.Where(f => f != filter).ToList() });

    private Task OnSegmentAsync(long? id) => NavigateAsync(state with { SegmentId = id });

    /// <summary>Every filter and the saved segment removed; the range and the step stay.</summary>
    private Task ClearFiltersAsync() => NavigateAsync(state with { Filters = [], SegmentId = null });
}
