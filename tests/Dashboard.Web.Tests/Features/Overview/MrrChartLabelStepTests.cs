using Dashboard.Web.Features.Overview;

namespace Dashboard.Web.Tests.Features.Overview;

/// <summary>
/// The Overview's MRR chart draws its own category labels: every n-th bucket, so at most 12 show at laptop width and
/// at most 6 at phone width (the minor ones are hidden there), the first bucket always labelled (docs/ui.md).
/// </summary>
public sealed class MrrChartLabelStepTests
{
    [Theory]
    [InlineData(1, 1, 1, 1)]
    [InlineData(5, 1, 5, 3)]
    [InlineData(12, 1, 12, 6)]
    [InlineData(13, 2, 7, 4)]      // 12 months by month: the cut first month and the running last one
    [InlineData(30, 3, 10, 5)]     // 30 days by day
    [InlineData(53, 5, 11, 6)]     // 12 months by week
    [InlineData(91, 8, 12, 6)]     // 3 months by day
    [InlineData(365, 31, 12, 6)]   // 12 months by day
    [InlineData(1096, 92, 12, 6)]  // three years by day
    public void Labels_are_thinned_to_a_step_that_fits(int buckets, int step, int labelled, int onPhones)
    {
        var model = Chart(buckets);

        Assert.Equal(step, model.LabelEvery);
        var shown = Enumerable.Range(0, buckets).Where(model.HasLabel).ToList();
        Assert.Equal(labelled, shown.Count);
        Assert.Equal(onPhones, shown.Count(i => !model.IsMinorLabel(i)));
        Assert.Equal(0, shown[0]);
        Assert.False(model.IsMinorLabel(0));
        // Evenly spaced: the same step between every two labels, twice that on phones.
        Assert.All(shown.Zip(shown.Skip(1)), pair => Assert.Equal(step, pair.Second - pair.First));
    }

    [Fact]
    public void No_count_of_buckets_shows_more_than_12_labels_or_6_on_phones()
    {
        for (var buckets = 1; buckets <= 1500; buckets++)
        {
            var model = Chart(buckets);
            var shown = Enumerable.Range(0, buckets).Where(model.HasLabel).ToList();
            Assert.InRange(shown.Count, Math.Min(buckets, 6), 12);
            Assert.InRange(shown.Count(i => !model.IsMinorLabel(i)), Math.Min((buckets + 1) / 2, 3), 6);
        }
    }

    private static MrrChartModel Chart(int buckets) => new("USD",
        Enumerable.Range(0, buckets)
            .Select(i => new MrrBucket(new DateOnly(2024, 1, 1).AddDays(i), "day " + i, 0, 0, [], i, 1, 0))
            .ToList(),
        [], [], 0);
}
