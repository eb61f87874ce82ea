using Dashboard.Core.Metrics;
using Dashboard.Web.Features.Metrics;
using Dashboard.Web.Services.Metrics;

namespace Dashboard.Web.Tests.Features.Metrics;

/// <summary>
/// The metric page's changes follow the Overview cards' rule (docs/ui.md, "Headline numbers"): the headline and every
/// table row, a percentage in points, no change over a tiny base (with the reason), the previous values as the engine gives them.
/// </summary>
public sealed class MetricPageComparisonTests
{
    // Two months, Sep and Oct 2026 (61 days), compared with the 61 days before: Jul 2 – Aug 31.
    private static readonly DateOnly Start = new(2026, 9, 1);
    private static readonly DateOnly End = new(2026, 10, 31);

    [Fact]
    public void A_rates_headline_and_rows_change_in_points_and_a_tiny_bucket_base_shows_a_dash_with_the_reason()
    {
        var data = Data("customer_churn_rate",
            [(new(2026, 9, 1), new(2026, 9, 30), 5m, 8m), (new(2026, 10, 1), new(2026, 10, 31), 4m, 40m)],
            whole: (7.5m, 9m),
            wholeBase: Base(Start, End, 61, 200, 400),
            pointBases: [Base(new(2026, 9, 1), new(2026, 9, 30), 61, 150, 180), Base(new(2026, 10, 1), new(2026, 10, 31), 61, 5, 190)]);

        var page = MetricPageModel.From(data, compare: true);

        // 7.5 % now against 9 % then: -1.5 points.
        Assert.Equal((-1.5m, ChangeUnit.Points), (page.CurrentChange.Amount, page.CurrentChange.Unit));
        Assert.Equal("-1.5 pts vs the previous period", page.CurrentDelta);
        // September: 5 % against 8 % of 150 customers is -3 points; October's previous bucket had 5 customers.
        Assert.Equal("-3.0 pts", page.Rows[0].Change);
        Assert.Null(page.Rows[0].NoComparison);
        Assert.Equal("–", page.Rows[1].Change);
        Assert.Equal($"In the previous period ({PeriodLabels.Span(new(2026, 8, 1), new(2026, 8, 31), withYear: true)}) the number of paying customers "
            + "at its start was 5, below the 10 a comparison needs.", page.Rows[1].NoComparison);
        Assert.Equal(40m, page.Rows[1].PreviousValue); // the engine's previous value stays in the table and the chart
    }

    [Fact]
    public void A_headline_over_a_tiny_base_has_no_change_and_says_why()
    {
        var data = Data("revenue_churn_rate",
            [(Start, End, 77m, 15_342.76m)],
            whole: (77m, 15_342.76m),
            wholeBase: Base(Start, End, 61, 650, 7_931_200, MetricUnit.Money, "MRR at its start"),
            pointBases: [Base(Start, End, 61, 650, 7_931_200, MetricUnit.Money, "MRR at its start")]);

        var page = MetricPageModel.From(data, compare: true);

        Assert.Null(page.CurrentDelta);
        Assert.Equal("In the previous period (Jul 2 – Aug 31, 2026) the MRR at its start was $6.50, below the $1,000.00 a comparison needs.",
            page.CurrentChange.NoComparison);
        Assert.Equal(15_342.76m, page.CurrentPrevious!.Value);
    }

    [Fact]
    public void Money_changes_in_percent_and_a_page_that_does_not_compare_shows_no_change()
    {
        var data = Data("mrr",
            [(Start, End, 11_000_000m, 10_000_000m)],
            whole: (11_000_000m, 10_000_000m),
            wholeBase: Base(Start, End, 61, 10_000_000, 11_000_000, MetricUnit.Money, null),
            pointBases: [Base(Start, End, 61, 10_000_000, 11_000_000, MetricUnit.Money, null)]);

        var compared = MetricPageModel.From(data, compare: true);
        var plain = MetricPageModel.From(data with { Bases = null }, compare: false);

        Assert.Equal("+10.0 % vs the previous period", compared.CurrentDelta);
        Assert.Equal("+10.0 %", compared.Rows[0].Change);
        Assert.Null(plain.CurrentDelta);
        Assert.Null(plain.CurrentChange.NoComparison);
        Assert.Equal(string.Empty, plain.Rows[0].Change);
    }

    private static ComparisonBase Base(DateOnly start, DateOnly end, int days, decimal previous, decimal current,
        MetricUnit unit = MetricUnit.Count, string? name = "number of paying customers at its start") =>
        new(start.AddDays(-days), end.AddDays(-days), previous, current, unit, name);

    private static MetricViewData Data(string metric, (DateOnly Start, DateOnly End, decimal Value, decimal Previous)[] points,
        (decimal Value, decimal Previous) whole, ComparisonBase wholeBase, ComparisonBase[] pointBases)
    {
        var definition = MetricCatalog.Get(metric);
        var series = new MetricSeries(metric, definition.Unit, "USD", Interval.Month,
            points.Select(p => new MetricPoint(p.Start, p.End, p.Value, PreviousValue.Of(p.Value, p.Previous))).ToList())
        {
            WholeRange = new MetricPoint(Start, End, whole.Value, PreviousValue.Of(whole.Value, whole.Previous)),
        };
        return new MetricViewData(definition, "USD", Start, End, Interval.Month, [], series)
        {
            FirstDataDay = new DateOnly(2020, 1, 1),
            Bases = new ComparisonBaseSet(wholeBase, pointBases),
        };
    }
}
