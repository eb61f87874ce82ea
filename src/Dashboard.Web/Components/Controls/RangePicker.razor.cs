using Dashboard.Core.Metrics;
using Dashboard.Web.Features.Metrics;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Components.Controls;

/// <summary>
/// Range presets (last 30 days … all time, custom start/end) and interval. It only proposes the next
/// <see cref="MetricViewState"/>; the page puts it into the URL and queries again.
/// </summary>
public partial class RangePicker : ComponentBase
{
    [Parameter, EditorRequired]
    public required MetricViewState State { get; set; }

    /// <summary>The resolved first day shown (pre-fills the custom range).</summary>
    [Parameter]
    public DateOnly? Start { get; set; }

    /// <summary>The resolved last day shown.</summary>
    [Parameter]
    public DateOnly? End { get; set; }

    [Parameter, EditorRequired]
    public required EventCallback<MetricViewState> StateChanged { get; set; }

    /// <summary>More controls on the interval row (e.g. a CSV link).</summary>
    [Parameter]
    public RenderFragment? ChildContent { get; set; }

    /// <summary>The state after choosing a preset: a custom range starts from the range shown.</summary>
    public static MetricViewState WithPreset(MetricViewState state, string key, DateOnly? start, DateOnly? end)
    {
        var preset = MetricViewState.Presets.First(p => p.Key == key).Preset;
        return preset == RangePreset.Custom
            ? state with { Range = preset, Start = start, End = end }
            : state with { Range = preset, Start = null, End = null };
    }

    private Task OnPresetAsync(string key) => StateChanged.InvokeAsync(WithPreset(State, key, Start, End));

    private Task OnStartAsync(DateOnly date) =>
        StateChanged.InvokeAsync(State with { Range = RangePreset.Custom, Start = date, End = State.End ?? End });

    private Task OnEndAsync(DateOnly date) =>
        StateChanged.InvokeAsync(State with { Range = RangePreset.Custom, End = date, Start = State.Start ?? Start });

    private Task OnIntervalAsync(Interval interval) => StateChanged.InvokeAsync(State with { Interval = interval });
}
