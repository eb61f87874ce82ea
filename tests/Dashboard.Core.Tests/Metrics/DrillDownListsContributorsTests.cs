using Dashboard.Core.Metrics;
using Dashboard.Core.Segments;

namespace Dashboard.Core.Tests.Metrics;

/// <summary>A drill-down lists exactly the customers with a non-zero contribution, and they add up to the clicked value.</summary>
public sealed class DrillDownListsContributorsTests
{
    private static readonly MetricsEngine Engine = RandomHistoryPropertyTests.Build(8, "UTC");

    public static TheoryData<string> FlowMetrics()
    {
        var data = new TheoryData<string>();
        foreach (var metric in MetricCatalog.All.Where(m => m.Kind == MetricKind.Flow))
        {
            data.Add(metric.Name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(FlowMetrics))]
    public void Every_flow_metric_lists_only_its_contributors_and_they_sum_to_the_value(string metric)
    {
        var listedSomeone = false;
        foreach (var (from, to, filter) in new[]
                 {
                     ("2023-10-01", "2023-10-31", (string?)null), ("2023-01-01", "2023-12-31", null), ("2022-06-01", "2022-08-31", "country:eq:US"),
                     ("2023-03-01", "2023-03-31", "plan:eq:pro"),
                 })
        {
            SegmentFilter[] filters = filter is null ? [] : [SegmentFilter.Parse(filter)];
            var (start, end) = (Scenario.D(from), Scenario.D(to));
            var drill = Engine.DrillDown(metric, start, end, filters);
            var clicked = Engine.Query(new MetricQuery(metric, start, end, Interval.Year) { Filters = filters }).WholeRange!.Value;

            Assert.Equal(clicked, drill.Value);
            Assert.Equal(clicked, drill.Numerator);
            Assert.All(drill.Customers, c => Assert.NotEqual(0m, c.Contribution));
            Assert.Equal(drill.Customers.Count, drill.Customers.Select(c => c.CustomerId).Distinct().Count());
            // MRR rows are rounded together (largest remainder), so every flow metric's rows add up to the clicked value.
            Assert.Equal(clicked, drill.Customers.Sum(c => c.Contribution));

            if (MetricCatalog.Get(metric).Unit == MetricUnit.Count)
            {
                // A count lists the customers counted; one counted twice in the range shows 2.
                Assert.All(drill.Customers, c => Assert.True(c.Contribution >= 1 && decimal.Round(c.Contribution) == c.Contribution));
                Assert.True(drill.Customers.Count <= clicked);
            }

            listedSomeone |= drill.Customers.Count > 0;
        }

        if (metric is not ("disputes" or "refunds" or "new_trials" or "trial_conversions" or "usage_revenue" or "other_revenue"))
        {
            Assert.True(listedSomeone, $"{metric}: the scenario should give it contributors");
        }
    }

    [Fact]
    public void Customers_with_other_movements_in_the_period_are_not_listed_for_churn()
    {
        var (start, end) = (Scenario.D("2023-01-01"), Scenario.D("2023-12-31"));
        var churn = Engine.DrillDown("churned_mrr", start, end);
        var movers = Engine.DrillDown("net_new_mrr", start, end);
        Assert.True(movers.Customers.Count > churn.Customers.Count);
        Assert.All(churn.Customers, c => Assert.Contains(c.Movements, m => m.Kind == "churn"));
        Assert.All(churn.Customers, c => Assert.True(c.Contribution < 0));
    }
}
