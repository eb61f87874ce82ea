using Bunit;
using Dashboard.Core.Metrics;
using Dashboard.Web.Components.Controls;
using Dashboard.Web.Features.Metrics;

namespace Dashboard.Web.Tests.Components;

/// <summary>The range and interval picker: each click proposes the next view state, which the page puts into its URL.</summary>
public sealed class RangePickerTests : DashboardTestContext
{
    private static readonly DateOnly Start = new(2025, 11, 23);
    private static readonly DateOnly End = new(2026, 11, 22);
    private readonly List<MetricViewState> proposed = [];

    [Fact]
    public void A_preset_replaces_the_range_and_keeps_interval_and_filters()
    {
        var state = new MetricViewState { Range = RangePreset.Last12Months, Interval = Interval.Week, Filters = ["plan:eq:pro"], SegmentId = 3 };
        var picker = RenderPicker(state);
        Assert.Equal("true", picker.Find("[data-testid='range-presets'] [aria-label='12 months']").GetAttribute("aria-checked"));

        picker.Find("[data-testid='range-presets'] [aria-label='3 months']").Click();

        var next = Assert.Single(proposed);
        Assert.Equal("range=3m&interval=week&filter=plan%3Aeq%3Apro&segment_id=3", next.ToQueryString());
        Assert.Empty(picker.FindAll("[data-testid='range-start']"));
    }

    [Fact]
    public void Custom_starts_from_the_range_shown_and_its_date_pickers_edit_one_end_each()
    {
        var picker = RenderPicker(new MetricViewState { Range = RangePreset.Last12Months });

        picker.Find("[data-testid='range-presets'] [aria-label='Custom']").Click();

        Assert.Equal("range=custom&start=2025-11-23&end=2026-11-22&interval=month", proposed[^1].ToQueryString());
        picker.Render(p => p.Add(r => r.State, proposed[^1]));
        Assert.Equal("2025-11-23", picker.Find("[data-testid='range-start'] input").GetAttribute("value"));
        Assert.Equal("2026-11-22", picker.Find("[data-testid='range-end'] input").GetAttribute("value"));
        Assert.Empty(picker.FindAll("input[type='date']")); // themed pickers, not the browser's white date fields

        picker.Find("[data-testid='range-start'] input").Change("2026-01-01");
        Assert.Equal("range=custom&start=2026-01-01&end=2026-11-22&interval=month", proposed[^1].ToQueryString());

        picker.Find("[data-testid='range-end'] input").Change("not a date");
        Assert.Equal(2, proposed.Count);
    }

    [Fact]
    public void An_interval_click_changes_only_the_interval()
    {
        var picker = RenderPicker(new MetricViewState { Range = RangePreset.Last30Days, Interval = Interval.Day });

        picker.Find("[data-testid='interval-picker'] [aria-label='week']").Click();

        Assert.Equal("range=30d&interval=week", Assert.Single(proposed).ToQueryString());
    }

    private IRenderedComponent<RangePicker> RenderPicker(MetricViewState state) =>
        Render<RangePicker>(p => p
            .Add(r => r.State, state)
            .Add(r => r.Start, Start)
            .Add(r => r.End, End)
            .Add(r => r.StateChanged, proposed.Add));
}
