using System.Diagnostics;
using Dashboard.Core.Metrics;
using Dashboard.Core.Timelines;
using Dashboard.Web.Features.Metrics;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Features.Overview;

/// <summary>
/// The morning page: ten KPI cards and MRR with its movements over a chosen range, interval and segment. Everything
/// the view depends on is in the URL (the same parameters as the metric pages).
/// </summary>
public partial class OverviewPage : MetricViewPage, IDisposable
{
    private readonly CancellationTokenSource disposed = new();
    private MetricViewState state = new();
    private OverviewViewModel? view;
    private string? error;
    private long queryMilliseconds;
    private IReadOnlyList<string> fields = FilterFields.Fixed;
    private IReadOnlyList<SavedSegment> segments = [];

    [Inject]
    public required IOverviewMetrics Metrics { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    [Inject]
    public required ILogger<OverviewPage> Logger { get; init; }

    protected override async Task OnParametersSetAsync()
    {
        state = MetricViewState.Parse(RangeKey, StartText, EndText, IntervalText, null, FilterTexts, SegmentText);
        try
        {
            var stopwatch = Stopwatch.StartNew();
            var data = await Metrics.GetOverviewAsync(state, disposed.Token);
            queryMilliseconds = stopwatch.ElapsedMilliseconds;
            Logger.LogDebug("Overview {State} computed in {Milliseconds} ms", state, queryMilliseconds);
            view = OverviewViewModel.From(data, state);
            error = null;
            fields = data.Fields;
            segments = data.Segments;
        }
        catch (OperationCanceledException) when (disposed.IsCancellationRequested)
        {
            // The user left the page.
        }
        catch (Exception exception) when (exception is MetricQueryException or MissingFxRateException or InvalidOperationException
                                              or System.Data.Common.DbException)
        {
            Logger.LogWarning(exception, "The overview could not be computed");
            view = null;
            error = exception.Message;
        }
    }

    private Task NavigateAsync(MetricViewState next)
    {
        Navigation.NavigateTo("?" + next.ToQueryString());
        return Task.CompletedTask;
    }

    private Task OnAddFilterAsync(string filter) => NavigateAsync(state with { Filters = [.. state.Filters, filter] });

    private Task OnRemoveFilterAsync(string filter) => NavigateAsync(state with { Filters = state.Filters.Where(f => f != filter).ToList() });

    private Task OnSegmentAsync(long? id) => NavigateAsync(state with { SegmentId = id });

    public void Dispose()
    {
        disposed.Cancel();
        disposed.Dispose();
    }
}
