using Dashboard.Core.Metrics;
using Dashboard.Web.Components.Controls;
using Dashboard.Web.Features.Overview;
using Dashboard.Web.Services.Metrics;
using Dashboard.Web.Tests.Features.Overview;

namespace Dashboard.Web.Tests.Services;

/// <summary>
/// The one comparison rule (docs/ui.md, "Headline numbers"): a change only for a previous period within the data whose
/// base is at least 10 customers or $1,000 and a tenth of the current one; percentages in points, the rest in percent.
/// </summary>
public sealed class PeriodComparisonTests
{
    // Sep 1 – Oct 31, 2026 is 61 days, so the previous period is Jul 2 – Aug 31, 2026.
    private static readonly DateOnly Start = new(2026, 9, 1);
    private static readonly DateOnly End = new(2026, 10, 31);
    private static readonly DateOnly PreviousStart = new(2026, 7, 2);

    private static MetricDefinition Metric(string name) => MetricCatalog.Get(name);

    private static ComparisonBase Money(decimal previousMinor, decimal currentMinor, string? name = "MRR at its start") =>
        OverviewTestData.Base(Start, End, previousMinor, currentMinor, MetricUnit.Money, name);

    private static ComparisonBase Customers(decimal previous, decimal current) =>
        OverviewTestData.Base(Start, End, previous, current, MetricUnit.Count, "number of paying customers at its start");

    private static PeriodChange Of(string metric, decimal? current, decimal? previous, ComparisonBase bases, DateOnly? firstDataDay = null) =>
        PeriodComparison.Of(Metric(metric), "USD", firstDataDay ?? PreviousStart, current, PreviousValue.Of(current, previous), bases);

    [Fact]
    public void A_stock_with_a_large_previous_figure_changes_in_percent()
    {
        // MRR $110,000 against $100,000: +10 %; the base is the figure itself.
        var change = Of("mrr", 11_000_000m, 10_000_000m, Money(10_000_000m, 11_000_000m, name: null));

        Assert.Equal((10m, ChangeUnit.Percent, (string?)null), (change.Amount, change.Unit, change.NoComparison));
        Assert.Equal("+10.0 %", change.Signed);
    }

    [Fact]
    public void A_flow_changes_in_percent_of_the_previous_figure()
    {
        // Net revenue $4,000 against $5,000: (4,000 - 5,000) / 5,000 = -20 %.
        var change = Of("net_revenue", 400_000m, 500_000m, Money(500_000m, 400_000m, name: null));

        Assert.Equal(-20m, change.Amount);
        Assert.Equal("-20.0 %", change.Signed);
    }

    [Fact]
    public void A_rate_changes_in_points()
    {
        // Customer churn 4.9 % against 7.0 % of 120 customers: 4.9 - 7.0 = -2.1 points, not -30 %.
        var change = Of("customer_churn_rate", 4.9m, 7.0m, Customers(120, 150));

        Assert.Equal((-2.1m, ChangeUnit.Points), (change.Amount, change.Unit));
        Assert.Equal("-2.1 pts", change.Signed);
        var delta = KpiDelta.From(change, KpiTone.Bad, "vs previous period")!;
        Assert.Equal(("▼", "2.1 pts", KpiTone.Good), (delta.Arrow, delta.Text, delta.Tone));
    }

    [Fact]
    public void A_rate_from_zero_has_a_change_in_points()
    {
        // Trial conversion 0 % of 40 trials, now 25 % of 40: +25 points (a percentage change from zero would not exist).
        var change = Of("trial_conversion_rate", 25m, 0m, OverviewTestData.Base(Start, End, 40, 40, MetricUnit.Count, "number of new trials"));

        Assert.Equal((25m, ChangeUnit.Points), (change.Amount, change.Unit));
    }

    [Fact]
    public void A_rate_over_a_tiny_base_has_no_change_and_says_why()
    {
        // The demo's case: revenue churn 77 % against 15,342.76 % of $6.50 of MRR at the start of the previous year.
        var change = Of("revenue_churn_rate", 77m, 15_342.76m, Money(650m, 7_931_200m));

        Assert.Null(change.Amount);
        Assert.Equal("In the previous period (Jul 2 – Aug 31, 2026) the MRR at its start was $6.50, below the $1,000.00 a comparison needs.",
            change.NoComparison);
    }

    [Fact]
    public void A_base_under_ten_customers_has_no_change()
    {
        var change = Of("customer_churn_rate", 10m, 25m, Customers(9, 200));

        Assert.Null(change.Amount);
        Assert.Equal("In the previous period (Jul 2 – Aug 31, 2026) the number of paying customers at its start was 9, below the 10 a comparison needs.",
            change.NoComparison);
        Assert.Equal(-15m, Of("customer_churn_rate", 10m, 25m, Customers(10, 100)).Amount); // 10 of 100: exactly enough
    }

    [Fact]
    public void A_base_under_a_tenth_of_the_current_one_has_no_change()
    {
        // $1,500 of MRR then against $20,000 now: above the minimum, but 7.5 % of the current base.
        var change = Of("revenue_churn_rate", 3m, 12m, Money(150_000m, 2_000_000m));

        Assert.Null(change.Amount);
        Assert.Equal("In the previous period (Jul 2 – Aug 31, 2026) the MRR at its start was $1,500.00, less than a tenth of this period's $20,000.00, "
            + "so a change against it would mislead.", change.NoComparison);
        Assert.Equal(-9m, Of("revenue_churn_rate", 3m, 12m, Money(200_000m, 2_000_000m)).Amount); // exactly a tenth
    }

    [Fact]
    public void A_stock_that_grew_more_than_tenfold_has_no_change()
    {
        // MRR $900 a year ago is below $1,000; $5,000 against $60,000 is under a tenth.
        Assert.Null(Of("mrr", 6_000_000m, 90_000m, Money(90_000m, 6_000_000m, name: null)).Amount);
        var grew = Of("mrr", 6_000_000m, 500_000m, Money(500_000m, 6_000_000m, name: null));
        Assert.Equal("In the previous period (Jul 2 – Aug 31, 2026) the figure was $5,000.00, less than a tenth of this period's $60,000.00, "
            + "so a change against it would mislead.", grew.NoComparison);
    }

    [Fact]
    public void A_zero_ratio_or_an_undefined_figure_has_no_change()
    {
        // Quick ratio 0 (nothing gained) over $2,000 of MRR lost: no percentage change from zero.
        var zero = Of("quick_ratio", 1.5m, 0m, Money(200_000m, 250_000m, "MRR lost (churned and contraction)"));
        var undefined = Of("arpu", 5_000m, null, OverviewTestData.Base(Start, End, 50, 50, MetricUnit.Count, "number of paying customers at its end"));

        Assert.Equal("The previous period (Jul 2 – Aug 31, 2026) was zero, so there is no percentage change.", zero.NoComparison);
        Assert.Equal("The metric has no value for the previous period (Jul 2 – Aug 31, 2026).", undefined.NoComparison);
        Assert.Null(zero.Amount);
        Assert.Null(undefined.Amount);
    }

    [Fact]
    public void A_previous_period_starting_before_the_data_has_no_change()
    {
        var change = Of("customer_churn_rate", 77m, 15_342.76m, Customers(500, 500), firstDataDay: PreviousStart.AddDays(1));

        Assert.Null(change.Amount);
        Assert.Equal("The previous period (Jul 2 – Aug 31, 2026) starts before the first day with data (Jul 3, 2026), so a change against it would mislead.",
            change.NoComparison);
        Assert.NotNull(PeriodComparison.Of(Metric("mrr"), "USD", null, 1m, PreviousValue.Of(1m, 1m), Money(1m, 1m)).NoComparison);
    }

    [Fact]
    public void A_view_that_does_not_compare_has_neither_change_nor_reason()
    {
        Assert.Equal(PeriodChange.NotCompared, PeriodComparison.Of(Metric("mrr"), "USD", PreviousStart, 1m, null, null));
        Assert.Null(KpiDelta.From(PeriodChange.NotCompared, KpiTone.Good, "vs previous period"));
    }

    [Fact]
    public void The_overview_card_follows_the_rule_and_keeps_the_engines_previous_value()
    {
        var data = OverviewTestData.Build(new() { ["revenue_churn_rate"] = OverviewTestData.Values(15_342.76m, 50m, 77m) });
        var tiny = data with { Bases = new Dictionary<string, ComparisonBase> { ["revenue_churn_rate"] = OverviewTestData.Base(data.Start, data.End, 650m, 7_931_200m) } };

        var covered = OverviewViewModel.Card(data, "revenue_churn_rate", KpiTone.Bad, null);
        var small = OverviewViewModel.Card(tiny, "revenue_churn_rate", KpiTone.Bad, null);

        Assert.Equal((-15_265.76m, ChangeUnit.Points), (covered.Delta!.Amount, covered.Delta.Unit)); // 77 - 15,342.76 over a large base
        Assert.Null(covered.NoComparison);
        Assert.Null(small.Delta);
        Assert.Contains("the MRR at its start was $6.50, below the $1,000.00", small.NoComparison);
        Assert.Equal(15_342.76m, data["revenue_churn_rate"]!.WholeRange!.Previous!.Value); // what the API serves, unchanged
    }
}
