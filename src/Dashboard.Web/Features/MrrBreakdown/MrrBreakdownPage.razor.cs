using Dashboard.Core.Metrics;
using Dashboard.Core.Timelines;
using Dashboard.Web.Features.Metrics;
using Dashboard.Web.Features.Overview;
using Dashboard.Web.Services.ChartNotes;
using Dashboard.Web.Services.Metrics;
using Dashboard.Web.Services.Segments;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Features.MrrBreakdown;

/// <summary>
/// New, expansion, contraction, churn and reactivation per period (counts and amounts), net new MRR and MRR at the
/// end, as a chart and a table, with the metric pages' controls (range presets and custom range, interval, filters,
/// CSV); a click lists the customers and movements behind a period and offers to annotate it. The view lives in the URL.
/// </summary>
public partial class MrrBreakdownPage : MetricViewPage
{
    /// <summary>The metric whose annotations (and global ones) the breakdown's chart shows and stores.</summary>
    public const string AnnotatedMetric = "mrr";

    private MetricViewState state = new();
    private IReadOnlyList<SavedSegment> segments = [];
    private MrrBreakdownModel? view;
    private MrrChartModel? chart;
    private IReadOnlyList<AnnotationMarker> markers = [];
    private bool hasData = true;
    private bool noMatch;
    private bool canAnnotate;
    private int openRequests;
    private DrillDownView? drill;
    private DateOnly? selected;

    [Inject]
    public required MetricQueryService Query { get; init; }

    [Inject]
    public required ChartNoteService ChartNotes { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    private string CsvHref => "export/mrr-breakdown.csv?" + state.ToQueryString();

    protected override async Task OnParametersSetAsync()
    {
        state = MetricViewState.Parse(RangeKey, StartText, EndText, IntervalText, null, FilterTexts, SegmentText);
        drill = null;
        selected = null;
        await LoadBreakdownAsync();
    }

    private Task LoadBreakdownAsync() => LoadAsync(async () =>
    {
        hasData = (await Query.EngineAsync(Leaving)).HasCustomers;
        segments = await Query.SegmentsAsync(Leaving);
        var data = await MrrBreakdownQuery.LoadAsync(Query, state, Leaving);
        state = state.Showing(data.First.Interval);
        view = data.Model;
        noMatch = await Query.MatchesNobodyAsync(state, Leaving);
        canAnnotate = await ChartNotes.CanAddAsync();
        chart = MrrChartModel.From(data.Series);
        var notes = await ChartNotes.ForMetricAsync(AnnotatedMetric, view.Start, view.End, Leaving);
        markers = MrrChartModel.MarkersFor(data.Series with { Annotations = notes.Annotations }, chart);
    }, () => view = null);

    private Task Navigate(MetricViewState next)
    {
        Navigation.NavigateTo("mrr-breakdown?" + next.ToQueryString());
        return Task.CompletedTask;
    }

    private Task SelectAsync(MrrBreakdownRow row) => LoadAsync(async () =>
    {
        var filters = await Query.FiltersAsync(state, Leaving);
        var result = await Query.DrillDownAsync("net_new_mrr", row.Date, row.EndDate, filters, Leaving);
        selected = row.Date;
        drill = DrillDownView.From(result, MetricCatalog.Get("net_new_mrr"), $"Movements, {row.Label}");
    });

    /// <summary>A click on a bucket of the chart: the customers behind it, and the annotation form at its date.</summary>
    private async Task OnBucketClickAsync(DateOnly date)
    {
        if (view?.Rows.FirstOrDefault(r => r.Date == date) is { } row)
        {
            await SelectAsync(row);
            if (canAnnotate)
            {
                openRequests++;
            }
        }
    }

    private async Task<IReadOnlyDictionary<string, string[]>> AddAnnotationAsync(DateOnly? date, string? text)
    {
        var result = await ChartNotes.AddAnnotationAsync(AnnotatedMetric, date, text, Leaving);
        if (result.Succeeded && view is not null && chart is not null)
        {
            var notes = await ChartNotes.ForMetricAsync(AnnotatedMetric, view.Start, view.End, Leaving);
            var rows = view.Rows.Select(r => new ChartBucket(r.Date, r.EndDate, r.Label)).ToList();
            markers = ChartNotesModel.Place(notes.Annotations, rows);
            // The form calls back through a delegate, not an event callback: show the new marker on this page.
            StateHasChanged();
        }

        return result.Errors;
    }

    private Task OnAddFilterAsync(string filter) => Navigate(state with { Filters = [.. state.Filters, filter] });

    private Task OnRemoveFilterAsync(string filter) => Navigate(state with { Filters = state.Filters.Where(f => f != filter).ToList() });

    private Task OnSegmentAsync(long? id) => Navigate(state with { SegmentId = id });

    private Task ClearFiltersAsync() => Navigate(state with { Filters = [], SegmentId = null });
}
