using System.Diagnostics;
using Dashboard.Core.Metrics;
using Dashboard.Core.Timelines;
using Dashboard.Web.Features.Metrics;
using Dashboard.Web.Services.Metrics;
using Dashboard.Web.Services.Segments;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Features.Overview;

/// <summary>
/// The morning page: ten KPI cards and MRR with its movements over a chosen range, interval and segment. Everything
/// the view depends on is in the URL (the same parameters as the metric pages).
/// </summary>
public partial class OverviewPage : MetricViewPage
{
    private MetricViewState state = new();
    private OverviewViewModel? view;
    private long queryMilliseconds;
    private IReadOnlyList<SavedSegment> segments = [];
    private DateOnly? annotateAt;
    private int openRequests;

    [Inject]
    public required IOverviewMetrics Metrics { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    [Inject]
    public required ILogger<OverviewPage> Logger { get; init; }

    protected override async Task OnParametersSetAsync()
    {
        state = MetricViewState.Parse(RangeKey, StartText, EndText, IntervalText, null, FilterTexts, SegmentText);
        annotateAt = null;
        await LoadOverviewAsync();
    }

    private Task LoadOverviewAsync() =>
        LoadAsync(async () =>
        {
            var stopwatch = Stopwatch.StartNew();
            var data = await Metrics.GetOverviewAsync(state, Leaving);
            queryMilliseconds = stopwatch.ElapsedMilliseconds;
            Logger.LogDebug("Overview {State} computed in {Milliseconds} ms", state, queryMilliseconds);
            state = state.Showing(data.Interval);
            view = OverviewViewModel.From(data, state);
            segments = data.Segments;
        }, () => view = null);

    /// <summary>A click on a bucket of the MRR chart opens the annotation form at that bucket (for those who may annotate).</summary>
    private void OnBucketClick(DateOnly date)
    {
        if (view?.Data.CanEditNotes == true)
        {
            annotateAt = date;
            openRequests++;
        }
    }

    private async Task<IReadOnlyDictionary<string, string[]>> AddAnnotationAsync(DateOnly? date, string? text)
    {
        var errors = await Metrics.AnnotateAsync(date, text, Leaving);
        if (errors.Count == 0)
        {
            await LoadOverviewAsync();
            // The form calls back through a delegate, not an event callback: show the new marker on this page.
            StateHasChanged();
        }

        return errors;
    }

    private Task NavigateAsync(MetricViewState next)
    {
        Navigation.NavigateTo("?" + next.ToQueryString());
        return Task.CompletedTask;
    }

    private Task OnAddFilterAsync(string filter) => NavigateAsync(state with { Filters = [.. state.Filters, filter] });

    private Task OnRemoveFilterAsync(string filter) => NavigateAsync(state with { Filters = state.Filters.Where(f => f != filter).ToList() });

    private Task OnSegmentAsync(long? id) => NavigateAsync(state with { SegmentId = id });

    private Task ClearFiltersAsync() => NavigateAsync(state with { Filters = [], SegmentId = null });
}
