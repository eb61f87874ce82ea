using Dashboard.Core.Billing;
using Dashboard.Core.Metrics;
using Dashboard.Web.Features.Metrics;

namespace Dashboard.Web.Tests.Features.Metrics;

public sealed class GoalProgressTests
{
    private static readonly DateOnly By = new(2027, 3, 31);

    [Theory]
    // MRR from $70,000 to $100,000: $79,000 is 9,000 of 30,000 dollars of the way.
    [InlineData(7_000_000, 10_000_000, 7_900_000, 30, "30 % of the way from $70,000.00 to the $100,000.00 goal by Mar 31, 2027")]
    // Churn going down from 5 % to 2 %: 4 % is one of three points of the way.
    [InlineData(5, 2, 4, 33, "33 % of the way from 5.0 % to the 2.0 % goal by Mar 31, 2027")]
    // Churn went up to 6 %: a third of the distance the wrong way.
    [InlineData(5, 2, 6, -33, "-33 % of the way from 5.0 % to the 2.0 % goal by Mar 31, 2027 (moving away)")]
    // Past the goal.
    [InlineData(7_000_000, 10_000_000, 10_600_000, 120, "120 % of the way from $70,000.00 to the $100,000.00 goal by Mar 31, 2027 (reached)")]
    public void Progress_runs_from_the_start_amount_to_the_end_amount_in_either_direction(
        long start, long end, long current, int expectedPercent, string expectedText)
    {
        var unit = start < 100 ? MetricUnit.Percent : MetricUnit.Money;

        var progress = GoalProgress.Of(Goal(start, end), current, unit, "USD");

        Assert.Equal(expectedPercent, progress.Percent);
        Assert.Equal(expectedText, progress.Text);
    }

    [Fact]
    public void A_goal_whose_start_equals_its_end_or_without_a_figure_has_no_percent()
    {
        Assert.Null(GoalProgress.Of(Goal(5_000, 5_000), 4_000m, MetricUnit.Money, "USD").Percent);
        var noFigure = GoalProgress.Of(Goal(1_000, 5_000), null, MetricUnit.Money, "USD");
        Assert.Null(noFigure.Percent);
        Assert.Equal("The $50.00 goal by Mar 31, 2027", noFigure.Text);
    }

    private static Goal Goal(long start, long end) => new()
    {
        Name = "Target", Metric = "mrr", StartAmount = start, EndAmount = end, StartDate = new(2026, 12, 1), EndDate = By,
        CreatedAt = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero),
    };
}
