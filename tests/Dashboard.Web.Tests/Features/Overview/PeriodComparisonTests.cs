using Dashboard.Core.Metrics;
using Dashboard.Web.Components.Controls;
using Dashboard.Web.Features.Overview;

namespace Dashboard.Web.Tests.Features.Overview;

/// <summary>A card compares with the previous period only when that period lies wholly within the data and is not zero.</summary>
public sealed class PeriodComparisonTests
{
    // Sep 1 – Oct 31, 2026 is 61 days, so the previous period is Jul 2 – Aug 31, 2026.
    private static readonly DateOnly Start = new(2026, 9, 1);
    private static readonly DateOnly End = new(2026, 10, 31);
    private static readonly DateOnly PreviousStart = new(2026, 7, 2);

    [Fact]
    public void A_previous_period_starting_on_the_first_day_with_data_gives_the_change()
    {
        var (delta, why) = PeriodComparison.For(Start, End, PreviousStart, PreviousValue.Of(110m, 100m), KpiTone.Good, "vs previous period");

        Assert.Null(why);
        Assert.Equal(10m, delta!.Percent);
        Assert.Equal(KpiTone.Good, delta.Tone);
    }

    [Fact]
    public void A_previous_period_starting_before_the_data_gives_no_change_and_says_why()
    {
        // The demo's case: 77 % churn against 15,342.76 % over a window holding a day of data.
        var (delta, why) = PeriodComparison.For(Start, End, PreviousStart.AddDays(1), PreviousValue.Of(77m, 15_342.76m), KpiTone.Bad, "vs previous period");

        Assert.Null(delta);
        Assert.Equal("The previous period (Jul 2 – Aug 31, 2026) starts before the first day with data (Jul 3, 2026), so a change against it would mislead.", why);
    }

    [Fact]
    public void A_zero_or_undefined_previous_figure_gives_no_change()
    {
        var (zeroDelta, zeroWhy) = PeriodComparison.For(Start, End, PreviousStart, PreviousValue.Of(500m, 0m), KpiTone.Good, "vs previous period");
        var (noneDelta, noneWhy) = PeriodComparison.For(Start, End, PreviousStart, PreviousValue.Of(500m, null), KpiTone.Good, "vs previous period");

        Assert.Null(zeroDelta);
        Assert.Equal("The previous period (Jul 2 – Aug 31, 2026) was zero, so there is no percentage change.", zeroWhy);
        Assert.Null(noneDelta);
        Assert.NotNull(noneWhy);
    }

    [Fact]
    public void A_store_without_data_or_a_card_that_does_not_compare()
    {
        Assert.NotNull(PeriodComparison.WhyNot(Start, End, null, PreviousValue.Of(1m, 1m)));
        var (delta, why) = PeriodComparison.For(Start, End, PreviousStart, null, KpiTone.Good, "vs previous period");
        Assert.Null(delta);
        Assert.Null(why);
    }

    [Fact]
    public void The_overview_card_follows_the_rule_and_keeps_the_engines_previous_value()
    {
        var data = OverviewTestData.Build(new() { ["customer_churn_rate"] = OverviewTestData.Values(15_342.76m, 50m, 77m) });

        var covered = OverviewViewModel.Card(data, "customer_churn_rate", KpiTone.Bad, null);
        var cut = OverviewViewModel.Card(data with { FirstDataDay = PreviousStart.AddDays(1) }, "customer_churn_rate", KpiTone.Bad, null);

        Assert.Equal(-99.4981m, covered.Delta!.Percent);
        Assert.Null(covered.NoComparison);
        Assert.Null(cut.Delta);
        Assert.Contains("starts before the first day with data", cut.NoComparison);
        Assert.Equal(15_342.76m, data["customer_churn_rate"]!.WholeRange!.Previous!.Value); // what the API serves, unchanged
    }
}
