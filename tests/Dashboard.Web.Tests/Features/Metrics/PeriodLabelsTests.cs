using Dashboard.Core.Metrics;
using Dashboard.Web.Features.Metrics;

namespace Dashboard.Web.Tests.Features.Metrics;

/// <summary>
/// docs/ui.md, "Headline numbers": a bucket the range cuts is named by its real dates, a period still running says
/// "so far", and a whole calendar period keeps its name; for every preset and interval, resolved on Monday Dec 7, 2026.
/// </summary>
public sealed class PeriodLabelsTests
{
    private static readonly DateOnly Today = new(2026, 12, 7);
    private static readonly DateOnly FirstDataDay = new(2024, 3, 15);

    [Theory]
    [InlineData("30d", "day", "Nov 8, 2026", "Dec 7, so far", 30)]
    [InlineData("30d", "week", "Nov 8, 2026", "Dec 7, so far", 6)]
    [InlineData("30d", "month", "Nov 8–30, 2026", "Dec 1–7, so far", 2)]
    [InlineData("30d", "quarter", "Nov 8 – Dec 7, so far", "Nov 8 – Dec 7, so far", 1)]
    [InlineData("30d", "year", "Nov 8 – Dec 7, so far", "Nov 8 – Dec 7, so far", 1)]
    [InlineData("3m", "week", "Sep 8–13, 2026", "Dec 7, so far", 14)]
    [InlineData("3m", "month", "Sep 8–30, 2026", "Dec 1–7, so far", 4)]
    [InlineData("6m", "month", "Jun 8–30, 2026", "Dec 1–7, so far", 7)]
    [InlineData("12m", "day", "Dec 8, 2025", "Dec 7, so far", 365)]
    [InlineData("12m", "week", "Dec 8–14, 2025", "Dec 7, so far", 53)]
    [InlineData("12m", "month", "Dec 8–31, 2025", "Dec 1–7, so far", 13)]
    [InlineData("12m", "quarter", "Dec 8–31, 2025", "Oct 1 – Dec 7, so far", 5)]
    [InlineData("12m", "year", "Dec 8–31, 2025", "Jan 1 – Dec 7, so far", 2)]
    [InlineData("ytd", "month", "Jan 2026", "Dec 1–7, so far", 12)]
    [InlineData("ytd", "quarter", "Q1 2026", "Oct 1 – Dec 7, so far", 4)]
    [InlineData("ytd", "year", "Jan 1 – Dec 7, so far", "Jan 1 – Dec 7, so far", 1)]
    [InlineData("all", "month", "Mar 15–31, 2024", "Dec 1–7, so far", 34)]
    [InlineData("all", "quarter", "Mar 15–31, 2024", "Oct 1 – Dec 7, so far", 12)]
    [InlineData("all", "year", "Mar 15 – Dec 31, 2024", "Jan 1 – Dec 7, so far", 3)]
    [InlineData("custom", "month", "Mar 15–31, 2026", "Oct 1–20, 2026", 8)]
    [InlineData("custom", "week", "Mar 15, 2026", "Oct 19–20, 2026", 33)]
    [InlineData("custom", "day", "Mar 15, 2026", "Oct 20, 2026", 220)]
    public void The_first_and_last_buckets_say_which_days_they_cover(string range, string interval, string first, string last, int buckets)
    {
        var state = MetricViewState.Parse(range, "2026-03-15", "2026-10-20", interval, null, null, null);
        var (start, end) = state.Resolve(Today, FirstDataDay);
        var plan = Bucket.Plan(start, end, state.Interval);

        var labels = plan.Select(b => PeriodLabels.Bucket(b.Start, b.End, state.Interval, Today)).ToList();

        Assert.Equal(buckets, labels.Count);
        Assert.Equal(first, labels[0]);
        Assert.Equal(last, labels[^1]);
        Assert.Equal(labels.Count, labels.Distinct().Count());
    }

    [Fact]
    public void Whole_periods_in_the_middle_keep_their_names()
    {
        Assert.Equal("Jan 2026", PeriodLabels.Bucket(new(2026, 1, 1), new(2026, 1, 31), Interval.Month, Today));
        Assert.Equal("Q2 2026", PeriodLabels.Bucket(new(2026, 4, 1), new(2026, 6, 30), Interval.Quarter, Today));
        Assert.Equal("2025", PeriodLabels.Bucket(new(2025, 1, 1), new(2025, 12, 31), Interval.Year, Today));
        Assert.Equal("Nov 30 – Dec 6, 2026", PeriodLabels.Bucket(new(2026, 11, 30), new(2026, 12, 6), Interval.Week, Today));
        Assert.Equal("Dec 28, 2026 – Jan 3, 2027", PeriodLabels.Bucket(new(2026, 12, 28), new(2027, 1, 3), Interval.Week, null));
        Assert.Equal("Dec 6, 2026", PeriodLabels.Bucket(new(2026, 12, 6), new(2026, 12, 6), Interval.Day, Today));
    }

    [Fact]
    public void Axis_labels_are_short_and_still_say_when_a_bucket_is_cut()
    {
        Assert.Equal("Dec 2025", PeriodLabels.Axis(new(2025, 12, 1), new(2025, 12, 31), Interval.Month, Today));
        Assert.Equal("Dec 8–31", PeriodLabels.Axis(new(2025, 12, 8), new(2025, 12, 31), Interval.Month, Today));
        Assert.Equal("Dec 1–7", PeriodLabels.Axis(new(2026, 12, 1), new(2026, 12, 7), Interval.Month, Today));
        Assert.Equal("Nov 30", PeriodLabels.Axis(new(2026, 11, 30), new(2026, 12, 6), Interval.Week, Today));
        Assert.Equal("Sep 8–13", PeriodLabels.Axis(new(2026, 9, 8), new(2026, 9, 13), Interval.Week, Today));
        Assert.Equal("Dec 28", PeriodLabels.Axis(new(2026, 12, 28), new(2027, 1, 3), Interval.Week, null));
        Assert.Equal("Dec 30 – Jan 1", PeriodLabels.Axis(new(2026, 12, 30), new(2027, 1, 1), Interval.Week, null));
    }

    [Theory]
    [InlineData("30d", "day", "Nov 8", "Dec 7")]
    [InlineData("30d", "week", "Nov 8", "Dec 7")]
    [InlineData("30d", "month", "Nov 8–30", "Dec 1–7")]
    [InlineData("30d", "quarter", "Nov 8 – Dec 7", "Nov 8 – Dec 7")]
    [InlineData("30d", "year", "Nov 8 – Dec 7", "Nov 8 – Dec 7")]
    [InlineData("3m", "day", "Sep 8", "Dec 7")]
    [InlineData("3m", "week", "Sep 8–13", "Dec 7")]
    [InlineData("3m", "month", "Sep 8–30", "Dec 1–7")]
    [InlineData("6m", "week", "Jun 8", "Dec 7")]
    [InlineData("6m", "month", "Jun 8–30", "Dec 1–7")]
    [InlineData("12m", "day", "Dec 8", "Dec 7")]
    [InlineData("12m", "week", "Dec 8", "Dec 7")]
    [InlineData("12m", "month", "Dec 8–31", "Dec 1–7")]
    [InlineData("12m", "quarter", "Dec 8–31", "Oct 1 – Dec 7")]
    [InlineData("12m", "year", "Dec 8–31", "Jan 1 – Dec 7")]
    [InlineData("ytd", "week", "Jan 1–4", "Dec 7")]
    [InlineData("ytd", "month", "Jan 2026", "Dec 1–7")]
    [InlineData("ytd", "quarter", "Q1 2026", "Oct 1 – Dec 7")]
    [InlineData("ytd", "year", "Jan 1 – Dec 7", "Jan 1 – Dec 7")]
    [InlineData("all", "month", "Mar 15–31", "Dec 1–7")]
    [InlineData("all", "quarter", "Mar 15–31", "Oct 1 – Dec 7")]
    [InlineData("all", "year", "Mar 15 – Dec 31", "Jan 1 – Dec 7")]
    [InlineData("custom", "day", "Mar 15", "Oct 20")]
    [InlineData("custom", "week", "Mar 15", "Oct 19–20")]
    [InlineData("custom", "month", "Mar 15–31", "Oct 1–20")]
    [InlineData("custom", "quarter", "Mar 15–31", "Oct 1–20")]
    [InlineData("custom", "year", "Mar 15 – Oct 20", "Mar 15 – Oct 20")]
    public void The_axis_names_cut_first_and_last_buckets_by_their_days(string range, string interval, string first, string last)
    {
        var state = MetricViewState.Parse(range, "2026-03-15", "2026-10-20", interval, null, null, null);
        var (start, end) = state.Resolve(Today, FirstDataDay);
        var plan = Bucket.Plan(start, end, state.Interval);

        var labels = plan.Select(b => PeriodLabels.Axis(b.Start, b.End, state.Interval, Today)).ToList();

        Assert.Equal(first, labels[0]);
        Assert.Equal(last, labels[^1]);
        // A whole week in the middle keeps its Monday alone.
        if (state.Interval == Interval.Week && plan.Count > 2)
        {
            Assert.Equal(plan[1].Start.ToString("MMM d", System.Globalization.CultureInfo.InvariantCulture), labels[1]);
        }
    }

    [Fact]
    public void A_running_week_of_several_days_says_so_far_in_tables_and_its_days_on_the_axis()
    {
        var wednesday = new DateOnly(2026, 12, 9);
        Assert.Equal("Dec 7–9, so far", PeriodLabels.Bucket(new(2026, 12, 7), wednesday, Interval.Week, wednesday));
        Assert.Equal("Dec 7–9", PeriodLabels.Axis(new(2026, 12, 7), wednesday, Interval.Week, wednesday));
        Assert.True(PeriodLabels.IsSoFar(new(2026, 12, 7), wednesday, Interval.Week, wednesday));
    }

    [Theory]
    [InlineData("30d", "30 days to Nov 8, 2026", "30 days to Dec 7, so far", 30)]
    [InlineData("3m", "30 days to Sep 8, 2026", "30 days to Dec 7, so far", 91)]
    [InlineData("6m", "30 days to Jun 8, 2026", "30 days to Dec 7, so far", 183)]
    [InlineData("12m", "30 days to Dec 8, 2025", "30 days to Dec 7, so far", 365)]
    [InlineData("ytd", "30 days to Jan 1, 2026", "30 days to Dec 7, so far", 341)]
    [InlineData("custom", "30 days to Mar 15, 2026", "30 days to Oct 20, 2026", 220)]
    public void Daily_rates_are_named_by_their_trailing_window(string range, string first, string last, int points)
    {
        var state = MetricViewState.Parse(range, "2026-03-15", "2026-10-20", "day", null, null, null);
        var (start, end) = state.Resolve(Today, FirstDataDay);
        var plan = Bucket.Plan(start, end, Interval.Day);

        // As the engine gives a rate's points by day: each covers the 30 days ending on it (metrics.md, "Window metrics").
        var labels = plan.Select(b => PeriodLabels.Point(new MetricPoint(b.Start, b.End, 1m) { WindowStart = b.WindowStart }, Interval.Day, Today)).ToList();

        Assert.Equal(points, labels.Count);
        Assert.Equal(first, labels[0]);
        Assert.Equal(last, labels[^1]);
        Assert.Equal(labels.Count, labels.Distinct().Count());
        // The axis stays short: the day alone.
        Assert.Equal(plan[^1].End.ToString("MMM d", System.Globalization.CultureInfo.InvariantCulture), PeriodLabels.Axis(plan[^1].Start, plan[^1].End, Interval.Day, Today));
    }

    [Theory]
    [InlineData("week", "Nov 8, 2026", "Dec 7, so far")]
    [InlineData("month", "Nov 8–30, 2026", "Dec 1–7, so far")]
    [InlineData("quarter", "Nov 8 – Dec 7, so far", "Nov 8 – Dec 7, so far")]
    [InlineData("year", "Nov 8 – Dec 7, so far", "Nov 8 – Dec 7, so far")]
    public void Rates_of_longer_buckets_cover_the_bucket_and_keep_its_name(string interval, string first, string last)
    {
        var state = MetricViewState.Parse("30d", null, null, interval, null, null, null);
        var (start, end) = state.Resolve(Today, FirstDataDay);
        var plan = Bucket.Plan(start, end, state.Interval);

        var labels = plan.Select(b => PeriodLabels.Point(new MetricPoint(b.Start, b.End, 1m) { WindowStart = b.WindowStart }, state.Interval, Today)).ToList();

        Assert.Equal(first, labels[0]);
        Assert.Equal(last, labels[^1]);
    }

    [Fact]
    public void Stocks_and_flows_by_day_are_named_by_their_day()
    {
        var point = new MetricPoint(new(2026, 12, 6), new(2026, 12, 6), 1m);
        Assert.Equal("Dec 6, 2026", PeriodLabels.Point(point, Interval.Day, Today));
        Assert.Equal("Dec 7, so far", PeriodLabels.Point(point with { Date = Today, EndDate = Today }, Interval.Day, Today));
        Assert.Equal("1 day to Dec 6, 2026", PeriodLabels.Window(new(2026, 12, 6), new(2026, 12, 6), Today));
    }

    [Theory]
    [InlineData("stock", "2026-11-08", "2026-12-07", "Today")]
    [InlineData("stock", "2026-01-01", "2026-10-20", "At the end of Oct 20, 2026")]
    [InlineData("flow", "2026-11-08", "2026-12-07", "Total, Nov 8, 2026 – today")]
    [InlineData("flow", "2026-03-15", "2026-10-20", "Total, Mar 15 – Oct 20, 2026")]
    [InlineData("window", "2025-12-08", "2026-12-07", "Over Dec 8, 2025 – today")]
    [InlineData("window", "2026-12-07", "2026-12-07", "Over today")]
    public void A_range_figure_says_what_it_is(string kind, string start, string end, string caption)
    {
        var metricKind = Enum.Parse<MetricKind>(kind, ignoreCase: true);
        Assert.Equal(caption, MetricValues.RangeCaption(metricKind, DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture),
            DateOnly.Parse(end, System.Globalization.CultureInfo.InvariantCulture), Today));
    }
}
