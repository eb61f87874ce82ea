using Dashboard.Core.Exports;

namespace Dashboard.Web.Tests.Exports;

public sealed class RelativeRangeTests
{
    [Theory]
    [InlineData("last_30_days", "2025-05-17", "2025-06-15")]
    [InlineData("last_3_months", "2025-03-16", "2025-06-15")]
    [InlineData("last_12_months", "2024-06-16", "2025-06-15")]
    [InlineData("month_to_date", "2025-06-01", "2025-06-15")]
    [InlineData("previous_month", "2025-05-01", "2025-05-31")]
    [InlineData("previous_quarter", "2025-01-01", "2025-03-31")]
    [InlineData("year_to_date", "2025-01-01", "2025-06-15")]
    public void Each_range_resolves_against_the_run_day(string name, string start, string end)
    {
        Assert.True(RelativeRanges.TryParse(name, out var range));
        Assert.Equal((DateOnly.Parse(start), DateOnly.Parse(end)), RelativeRanges.Resolve(range, new DateOnly(2025, 6, 15)));
        Assert.Equal(name, RelativeRanges.Name(range));
    }

    [Fact]
    public void The_run_day_is_the_day_in_the_reporting_time_zone()
    {
        // 22:30 UTC on March 31 is already April 1 in Paris: "previous month" is March there and February in UTC.
        var now = new DateTimeOffset(2026, 3, 31, 22, 30, 0, TimeSpan.Zero);
        var paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

        Assert.Equal((new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31)), RelativeRanges.Resolve(RelativeRange.PreviousMonth, now, paris));
        Assert.Equal((new DateOnly(2026, 2, 1), new DateOnly(2026, 2, 28)), RelativeRanges.Resolve(RelativeRange.PreviousMonth, now, TimeZoneInfo.Utc));
    }
}
