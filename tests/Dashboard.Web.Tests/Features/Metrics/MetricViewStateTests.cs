using Dashboard.Core.Metrics;
using Dashboard.Web.Features.Metrics;
using Dashboard.Web.Services.Filters;

namespace Dashboard.Web.Tests.Features.Metrics;

/// <summary>Range presets to dates and the URL round trip of range, interval, comparison and filters.</summary>
public sealed class MetricViewStateTests
{
    private static readonly DateOnly Today = new(2026, 11, 22);

    [Theory]
    [InlineData(RangePreset.Last30Days, "2026-10-24")]
    [InlineData(RangePreset.Last3Months, "2026-08-23")]
    [InlineData(RangePreset.Last6Months, "2026-05-23")]
    [InlineData(RangePreset.Last12Months, "2025-11-23")]
    [InlineData(RangePreset.YearToDate, "2026-01-01")]
    [InlineData(RangePreset.AllTime, "2024-02-29")]
    public void Presets_end_today_and_start_where_named(RangePreset preset, string start)
    {
        var (from, to) = new MetricViewState { Range = preset }.Resolve(Today, new DateOnly(2024, 2, 29));

        Assert.Equal(DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture), from);
        Assert.Equal(Today, to);
    }

    [Fact]
    public void All_time_without_data_is_today_and_a_custom_range_is_put_in_order()
    {
        Assert.Equal((Today, Today), new MetricViewState { Range = RangePreset.AllTime }.Resolve(Today, null));
        var custom = new MetricViewState { Range = RangePreset.Custom, Start = new DateOnly(2026, 3, 31), End = new DateOnly(2026, 1, 1) };
        Assert.Equal((new DateOnly(2026, 1, 1), new DateOnly(2026, 3, 31)), custom.Resolve(Today, null));
        Assert.Equal(90, MetricViewState.Days(new DateOnly(2026, 1, 1), new DateOnly(2026, 3, 31)));
    }

    [Fact]
    public void The_query_string_reads_back_to_the_same_state()
    {
        var state = new MetricViewState
        {
            Range = RangePreset.Custom,
            Start = new DateOnly(2026, 1, 15),
            End = new DateOnly(2026, 6, 30),
            Interval = Interval.Week,
            Compare = true,
            Filters = ["plan:eq:pro", "company:contains:a&b co", "seats:exists:"],
            SegmentId = 7,
        };

        var query = state.ToQueryString();
        var parsed = ParseQuery(query);

        Assert.Equal("range=custom&start=2026-01-15&end=2026-06-30&interval=week&compare=true&filter=plan%3Aeq%3Apro"
            + "&filter=company%3Acontains%3Aa%26b%20co&filter=seats%3Aexists%3A&segment_id=7", query);
        Assert.Equal(state, parsed);
    }

    [Fact]
    public void Defaults_are_twelve_months_by_month_and_bad_values_fall_back_to_them()
    {
        var state = MetricViewState.Parse("fortnight", "2026-01-01", "x", "hour", "maybe", [" ", "plan:eq:pro"], "-1");

        Assert.Equal(RangePreset.Last12Months, state.Range);
        Assert.Null(state.Start);
        Assert.Equal(Interval.Month, state.Interval);
        Assert.False(state.Compare);
        Assert.Equal(["plan:eq:pro"], state.Filters);
        Assert.Null(state.SegmentId);
        Assert.False(state.IntervalChosen);
        Assert.Equal("range=12m&filter=plan%3Aeq%3Apro", state.ToQueryString());
    }

    [Theory]
    [InlineData("30d", null, "day")]
    [InlineData("3m", null, "week")]
    [InlineData("6m", null, "week")]
    [InlineData("12m", null, "month")]
    [InlineData("ytd", null, "month")]
    [InlineData("all", null, "quarter")]
    [InlineData("30d", "month", "month")]
    [InlineData("all", "day", "day")]
    public void The_interval_follows_the_range_unless_one_is_chosen(string range, string? interval, string expected)
    {
        var today = new DateOnly(2026, 12, 7);
        var state = MetricViewState.Parse(range, null, null, interval, null, null, null);
        var (start, end) = state.Resolve(today, new DateOnly(2022, 5, 1));

        Assert.Equal(expected, Intervals.Name(state.IntervalFor(start, end)));
        Assert.Equal(interval is not null, state.ToQueryString().Contains("interval=", StringComparison.Ordinal));
        // Choosing an interval in the picker keeps it, whatever the range becomes.
        var chosen = state.Showing(state.IntervalFor(start, end)) with { Interval = Interval.Year };
        Assert.True(chosen.IntervalChosen);
        Assert.Equal(Interval.Year, (chosen with { Range = RangePreset.Last30Days }).IntervalFor(today.AddDays(-29), today));
        Assert.Equal(state, ParseQuery(state.Showing(state.IntervalFor(start, end)).ToQueryString()) with { });
    }

    [Theory]
    [InlineData("plan", "eq", " pro ", "plan:eq:pro")]
    [InlineData("country", "in", "DE|FR", "country:in:DE|FR")]
    [InlineData("country", "in", "DE, FR ,", "country:in:DE|FR")]
    [InlineData("seats", "not_exists", "ignored", "seats:not_exists:")]
    [InlineData("seats", "gte", "2026-01-31", "seats:gte:2026-01-31")]
    [InlineData("seats", "gte", "lots", null)]
    [InlineData("plan", "eq", "", null)]
    [InlineData("plan", "like", "x", null)]
    [InlineData("", "eq", "x", null)]
    public void The_filter_builder_composes_field_op_value(string field, string op, string value, string? expected)
    {
        var (filter, problem) = FilterVocabulary.BuiltIn.Compose(field, op, value);

        Assert.Equal(expected, filter);
        Assert.Equal(expected is null, problem is not null);
    }

    internal static MetricViewState ParseQuery(string query)
    {
        var values = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(query);
        string? One(string key) => values.TryGetValue(key, out var v) ? v.ToString() : null;
        return MetricViewState.Parse(One("range"), One("start"), One("end"), One("interval"), One("compare"),
            values.TryGetValue("filter", out var f) ? f.Select(x => x!) : [], One("segment_id"));
    }
}
