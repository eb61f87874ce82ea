using System.Globalization;
using Dashboard.Core.Metrics;
using Dashboard.Core.Timelines;
using Dashboard.Web.Components.Controls;
using Dashboard.Web.Features.Metrics;
using Dashboard.Web.Services.Filters;
using Dashboard.Web.Services.Metrics;
using Dashboard.Web.Services.Segments;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Features.Segments;

/// <summary>One metric for 2 to 4 segments side by side: a line each on one chart, a table per bucket and the current values.</summary>
public partial class ComparePage : DataPage
{
    private CompareState state = new();
    private CompareModel? view;
    private IReadOnlyList<SavedSegment> segments = [];
    private List<string> draft = [];
    private string? addProblem;
    private IReadOnlyList<string> malformed = [];
    private FilterVocabulary vocabulary = FilterVocabulary.BuiltIn;

    [SupplyParameterFromQuery(Name = "metric")]
    public string? MetricText { get; set; }

    [SupplyParameterFromQuery(Name = "segment_id")]
    public string[]? SegmentTexts { get; set; }

    [SupplyParameterFromQuery(Name = "group")]
    public string[]? GroupTexts { get; set; }

    [SupplyParameterFromQuery(Name = "range")]
    public string? RangeKey { get; set; }

    [SupplyParameterFromQuery(Name = "start")]
    public string? StartText { get; set; }

    [SupplyParameterFromQuery(Name = "end")]
    public string? EndText { get; set; }

    [SupplyParameterFromQuery(Name = "interval")]
    public string? IntervalText { get; set; }

    [Inject]
    public required CompareQuery Compare { get; init; }

    [Inject]
    public required MetricQueryService Query { get; init; }

    [Inject]
    public required IFilterChoices Choices { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    [Inject]
    public required ILogger<ComparePage> Logger { get; init; }

    protected override async Task OnParametersSetAsync()
    {
        state = CompareState.Parse(MetricText, SegmentTexts, GroupTexts, RangeKey, StartText, EndText, IntervalText);
        view = null;
        malformed = state.Groups.Select(CompareState.GroupProblem).OfType<string>().ToList();
        var runnable = state.WithoutMalformedGroups();
        await LoadAsync(async () =>
        {
            segments = await Query.SegmentsAsync(Leaving);
            vocabulary = await Choices.VocabularyAsync(Leaving);
            if (runnable.HasValidCount)
            {
                view = await Compare.RunAsync(runnable, Leaving, vocabulary.Describe);
            }
        });
    }

    private Task NavigateAsync(CompareState next)
    {
        Navigation.NavigateTo("segments/compare?" + next.ToQueryString());
        return Task.CompletedTask;
    }

    private Task OnMetricAsync(string? metric) => NavigateAsync(state with { Metric = metric ?? "mrr" });

    private Task OnViewAsync(MetricViewState next) => NavigateAsync(state with { View = next });

    private Task OnAddSegmentAsync(long? id) =>
        id is { } picked && !state.SegmentIds.Contains(picked)
            ? NavigateAsync(state with { SegmentIds = [.. state.SegmentIds, picked] })
            : Task.CompletedTask;

    private Task RemoveSegmentAsync(long id) => NavigateAsync(state with { SegmentIds = state.SegmentIds.Where(s => s != id).ToList() });

    private void AddDraftFilter(string filter)
    {
        addProblem = null;
        if (!draft.Contains(filter))
        {
            draft = [.. draft, filter];
        }
    }

    private void RemoveDraftFilter(string filter) => draft = draft.Where(f => f != filter).ToList();

    private Task AddGroupAsync()
    {
        addProblem = state.AddProblem(draft);
        if (addProblem is not null)
        {
            return Task.CompletedTask;
        }

        var group = CompareState.Normalize(string.Join(';', draft));
        draft = [];
        return NavigateAsync(state with { Groups = [.. state.Groups, group] });
    }

    private string GroupWords(string group) => string.Join(" and ", CompareState.Filters(group).Select(vocabulary.Describe));

    private Task RemoveGroupAsync(string group) => NavigateAsync(state with { Groups = state.Groups.Where(g => g != group).ToList() });

    /// <summary>Removes a compared series by its key ("segment:3" or "group:…").</summary>
    private Task RemoveSeriesAsync(string key) =>
        key.StartsWith("segment:", StringComparison.Ordinal) && long.TryParse(key["segment:".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? RemoveSegmentAsync(id)
            : RemoveGroupAsync(key["group:".Length..]);

    private string FormatAxis(object value) => view is null ? string.Empty : AxisLabels.For(value, view.Metric.Unit, view.Currency);
}
