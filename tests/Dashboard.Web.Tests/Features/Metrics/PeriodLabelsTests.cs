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
