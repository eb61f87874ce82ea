using Dashboard.Web.Features.Customers;

namespace Dashboard.Web.Tests.Features.Customers;

public sealed class CustomerMrrChartLabelTests
{
    [Fact]
    public void Across_years_every_label_carries_its_year_so_skipped_ticks_cannot_hide_it()
    {
        var points = Months(new DateOnly(2024, 11, 30), 16);

        var labels = Enumerable.Range(0, points.Count).Select(i => CustomerMrrChart.MonthLabel(points, i)).ToList();

        Assert.Equal("Nov \u201924", labels[0]);
        Assert.Equal("Dec \u201924", labels[1]);
        Assert.Equal("Jan \u201925", labels[2]);
        Assert.Equal("Feb \u201926", labels[^1]);
    }

    [Fact]
    public void Within_one_year_the_first_label_names_the_year_and_the_rest_the_month()
    {
        var points = Months(new DateOnly(2026, 3, 31), 4);

        Assert.Equal(["Mar 2026", "Apr", "May", "Jun"], Enumerable.Range(0, points.Count).Select(i => CustomerMrrChart.MonthLabel(points, i)));
    }

    private static List<MrrChartPoint> Months(DateOnly firstMonthEnd, int count) =>
        Enumerable.Range(0, count)
            .Select(i => new DateOnly(firstMonthEnd.Year, firstMonthEnd.Month, 1).AddMonths(i + 1).AddDays(-1))
            .Select(d => new MrrChartPoint(d, d.ToString("MMM yyyy", System.Globalization.CultureInfo.InvariantCulture), 0, 0))
            .ToList();
}
