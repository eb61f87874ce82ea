using Dashboard.Web.Features.Overview;

namespace Dashboard.Web.Tests.Features.Overview;

/// <summary>
/// The Overview's MRR chart draws its own category labels: every n-th bucket, so at most 12 are drawn, the first bucket
/// always labelled (docs/ui.md); the browser hides more where they would overlap (PeriodLabelBrowserTests).
/// </summary>
public sealed class MrrChartLabelStepTests
{
    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(5, 1, 5)]
    [InlineData(12, 1, 12)]
    [InlineData(13, 2, 7)]      // 12 months by month: the cut first month and the running last one
    [InlineData(30, 3, 10)]     // 30 days by day
    [InlineData(53, 5, 11)]     // 12 months by week
    [InlineData(91, 8, 12)]     // 3 months by day
    [InlineData(365, 31, 12)]   // 12 months by day
    [InlineData(1096, 92, 12)]  // three years by day
    public void Labels_are_thinned_to_a_step_that_fits(int buckets, int step, int labelled)
    {
        var model = Chart(buckets);

        Assert.Equal(step, model.LabelEvery);
        var shown = Enumerable.Range(0, buckets).Where(model.HasLabel).ToList();
        Assert.Equal(labelled, shown.Count);
        Assert.Equal(0, shown[0]);
        // Evenly spaced: the same step between every two labels.
        Assert.All(shown.Zip(shown.Skip(1)), pair => Assert.Equal(step, pair.Second - pair.First));
    }

    [Fact]
    public void No_count_of_buckets_draws_more_than_12_labels()
    {
        for (var buckets = 1; buckets <= 1500; buckets++)
        {
            var model = Chart(buckets);
            var shown = Enumerable.Range(0, buckets).Where(model.HasLabel).ToList();
            Assert.InRange(shown.Count, Math.Min(buckets, 6), 12);
        }
    }

    private static MrrChartModel Chart(int buckets) => new("USD",
        Enumerable.Range(0, buckets)
            .Select(i => new MrrBucket(new DateOnly(2024, 1, 1).AddDays(i), "day " + i, 0, 0, [], i, 1, 0))
            .ToList(),
        [], [], 0);
}
