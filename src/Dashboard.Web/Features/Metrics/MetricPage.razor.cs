using System.Globalization;
using Dashboard.Core.Metrics;
using Dashboard.Core.Timelines;
using Dashboard.Web.Components.Controls;
using Dashboard.Web.Services.ChartNotes;
using Dashboard.Web.Services.Metrics;
using Dashboard.Web.Services.Segments;
using Microsoft.AspNetCore.Components;
using Radzen;

namespace Dashboard.Web.Features.Metrics;

/// <summary>
/// One metric: chart and table over a range and interval, the previous period, segment filters, CSV and the customers
/// behind a point. Everything the view depends on is in the URL.
/// </summary>
public partial class MetricPage : MetricViewPage
{
    private MetricViewState state = new();
    private MetricPageModel? view;
    private bool hasData = true;
    private DrillDownView? drill;
    private DateOnly? selected;
    private IReadOnlyList<SavedSegment> segments = [];
    private IReadOnlyList<Core.Segments.SegmentFilter> filters = [];
    private ChartNotesModel notes = ChartNotesModel.Empty;
    private bool canAnnotate;
    private bool noMatch;
    private bool goalChanged;

    [Parameter]
    public required string Name { get; set; }

    [Inject]
    public required MetricQueryService Query { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    [Inject]
    public required ChartNoteService ChartNotes { get; init; }

    [Inject]
    public required ILogger<MetricPage> Logger { get; init; }

    /// <summary><c>?goal=new</c> (the Overview card's "Set a goal") opens the goal form at once.</summary>
    [SupplyParameterFromQuery(Name = "goal")]
    public string? GoalText { get; set; }

    /// <summary>Open on arrival from the card's link, not again once the goal was saved or deleted.</summary>
    private bool OpenGoalForm => string.Equals(GoalText, "new", StringComparison.Ordinal) && !goalChanged;

    private string CsvHref => $"export/metrics/{Uri.EscapeDataString(Name)}.csv?{state.ToQueryString()}";

    /// <summary>Zero-based axis unless a value is negative (contraction, churn, net MRR churn), so changes are not exaggerated.</summary>
    private object? AxisMin => view is not null && view.Rows.All(r => r.ChartValue >= 0 && (!view.Compare || r.PreviousChartValue >= 0)) ? 0 : null;

    private string ChartKey => $"{Name}|{state.ToQueryString()}|{view?.Rows.Count}";

    /// <summary>True when the address names no metric: the page says so (status 404) and offers nothing to filter or download.</summary>
    private bool UnknownMetric => !MetricCatalog.TryGet(Name, out _);

    /// <summary>True when the address names a saved segment that does not exist: nothing is drawn or offered for download.</summary>
    private bool UnknownSegment => view is null && ErrorParameter == "segment_id";

    private string WithoutSegmentHref => $"metrics/{Uri.EscapeDataString(Name)}?{(state with { SegmentId = null }).ToQueryString()}";

    protected override async Task OnParametersSetAsync()
    {
        if (UnknownMetric)
        {
            view = null;
            Navigation.NotFound();
            return;
        }

        state = ParseView();
        goalChanged = false;
        drill = null;
        selected = null;
        await LoadAsync(async () =>
        {
            hasData = (await Query.EngineAsync(Leaving)).HasCustomers;
            segments = await Query.SegmentsAsync(Leaving);
            var data = await Query.SeriesAsync(Name, state, Leaving);
            filters = data.Filters;
            state = state.Showing(data.Interval);
            view = MetricPageModel.From(data, state.Compare);
            noMatch = await Query.MatchesNobodyAsync(state, Leaving);
            canAnnotate = await ChartNotes.CanAddAsync();
            await LoadNotesAsync(view);
        }, () => view = null);
    }

    private async Task LoadNotesAsync(MetricPageModel shown) =>
        notes = ChartNotesModel.From(await ChartNotes.ForMetricAsync(shown.Metric.Name, shown.Start, shown.End, Leaving), shown);

    private async Task OnGoalChangedAsync()
    {
        goalChanged = true;
        if (view is { } shown)
        {
            await LoadNotesAsync(shown);
        }
    }

    /// <summary>The annotation form's date: the clicked bucket's start, else the last bucket's.</summary>
    private DateOnly? AnnotationDefault => selected ?? view?.Rows.LastOrDefault()?.Date;

    private async Task<IReadOnlyDictionary<string, string[]>> AddAnnotationAsync(DateOnly? date, string? text)
    {
        if (view is not { } shown)
        {
            return new Dictionary<string, string[]>();
        }

        var result = await ChartNotes.AddAnnotationAsync(shown.Metric.Name, date, text, Leaving);
        if (result.Succeeded)
        {
            await LoadNotesAsync(shown);
            // The form calls back through a delegate, not an event callback: show the new marker on this page.
            StateHasChanged();
        }

        return result.Errors;
    }

    private Task NavigateAsync(MetricViewState next)
    {
        Navigation.NavigateTo($"metrics/{Uri.EscapeDataString(Name)}?{next.ToQueryString()}");
        return Task.CompletedTask;
    }

    private Task OnPresetAsync(string key)
    {
        var preset = MetricViewState.Presets.First(p => p.Key == key).Preset;
        var next = state with { Range = preset };
        if (preset == RangePreset.Custom && view is not null)
        {
            next = next with { Start = view.Start, End = view.End };
        }
        else if (preset != RangePreset.Custom)
        {
            next = next with { Start = null, End = null };
        }

        return NavigateAsync(next);
    }

    private Task OnStartAsync(DateOnly date) =>
        NavigateAsync(state with { Range = RangePreset.Custom, Start = date, End = state.End ?? view?.End });

    private Task OnEndAsync(DateOnly date) =>
        NavigateAsync(state with { Range = RangePreset.Custom, End = date, Start = state.Start ?? view?.Start });

    private Task OnIntervalAsync(Interval interval) => NavigateAsync(state with { Interval = interval });

    private Task OnCompareAsync(bool compare) => NavigateAsync(state with { Compare = compare });

    private Task OnAddFilterAsync(string filter) => NavigateAsync(state with { Filters = [.. state.Filters, filter] });

    private Task OnRemoveFilterAsync(string filter) => NavigateAsync(state with { Filters = state.Filters.Where(f => f != filter).ToList() });

    private Task OnSegmentAsync(long? id) => NavigateAsync(state with { SegmentId = id });

    private Task ClearFiltersAsync() => NavigateAsync(state with { Filters = [], SegmentId = null });

    private async Task OnSeriesClickAsync(SeriesClickEventArgs args)
    {
        if (view is null)
        {
            return;
        }

        var row = args.Data as MetricRow ?? view.Rows.FirstOrDefault(r => Equals(r.Label, args.Category));
        if (row is not null)
        {
            await SelectAsync(row);
        }
    }

    private async Task SelectAsync(MetricRow row)
    {
        if (view is null)
        {
            return;
        }

        var metric = view.Metric;
        // A rate covers its window (by day, the trailing 30 days): drill into the same window.
        var start = row.WindowStart ?? row.Date;
        await LoadAsync(async () =>
        {
            var result = await Query.DrillDownAsync(metric.Name, start, row.EndDate, filters, Leaving);
            selected = row.Date;
            drill = DrillDownView.From(result, metric, $"{metric.Title}, {row.Label}");
        });
    }

    private string FormatAxis(object value) => view is null ? string.Empty : AxisLabels.For(value, view.Metric.Unit, view.Currency);
}
