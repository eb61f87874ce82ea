using Dashboard.Core.Metrics;
using Dashboard.Core.Segments;
using Dashboard.Core.Trials;
using static Dashboard.Core.Tests.Scenario;

namespace Dashboard.Core.Tests.Trials;

/// <summary>docs/metrics.md, "Trial funnel": the trials started in a range and where each stands at its end.</summary>
public sealed class TrialFunnelTests
{
    private static readonly MetricsEngine Engine = Build();

    private static MetricsEngine Build()
    {
        var s = new Scenario();
        var pro = s.Plan("pro", 2_000);
        var basic = s.Plan("basic", 1_000);
        s.Subscription(s.Customer("t1", country: "DE"), pro, "2026-03-01", trialEnd: "2026-03-15");                          // converts after 14 days
        s.Subscription(s.Customer("t2", country: "DE"), pro, "2026-03-05", trialEnd: "2026-03-19", canceledAt: "2026-03-10"); // cancelled in its trial
        s.Subscription(s.Customer("t3", country: "DE"), basic, "2026-03-20", trialEnd: "2026-04-10");                        // converts in April, after 21 days
        s.Subscription(s.Customer("t4", country: "DE"), pro, "2026-02-20", trialEnd: "2026-03-06");                          // started in February
        s.Subscription(s.Customer("t5", country: "US"), pro, "2026-03-02", trialEnd: "2026-03-10", canceledAt: "2026-03-12"); // converts, then churns
        s.Subscription(s.Customer("paid", country: "US"), pro, "2026-03-03");                                                 // no trial
        return s.Engine();
    }

    [Fact]
    public void Each_trial_started_in_the_range_is_converted_lost_or_still_trialing_at_its_end()
    {
        var funnel = TrialFunnels.Compute(Engine, D("2026-03-01"), D("2026-03-31"));

        Assert.Equal(["t1", "t5", "t2", "t3"], funnel.Trials.Select(t => t.CustomerExternalId));
        Assert.Equal((4, 2, 1, 1), (funnel.Started, funnel.Converted, funnel.Lost, funnel.Trialing));
        Assert.Equal(2m * 100m / 3m, funnel.ConversionRate);
        Assert.Equal(50m, funnel.ConvertedShare);
        Assert.Equal(11m, funnel.MedianDaysToConvert);   // (8 + 14) / 2
        Assert.Equal(11m, funnel.AverageDaysToConvert);

        var lost = Assert.Single(funnel.In(TrialOutcome.Lost));
        Assert.Equal(("t2", D("2026-03-10"), (int?)null), (lost.CustomerExternalId, lost.Ended, lost.DaysToConvert));
        var trialing = Assert.Single(funnel.In(TrialOutcome.Trialing));
        Assert.Equal(("t3", "basic", (DateOnly?)null), (trialing.CustomerExternalId, trialing.Plan, trialing.Ended));
        Assert.Equal([D("2026-03-15"), D("2026-03-10")], funnel.In(TrialOutcome.Converted).Select(t => t.Ended!.Value));
    }

    [Fact]
    public void Started_agrees_with_new_trials_and_a_later_end_sees_later_conversions()
    {
        Assert.Equal(4m, Engine.Value("new_trials", "2026-03-01", "2026-03-31"));
        // trial_conversions counts by conversion day: t4 (started in February), t1 and t5.
        Assert.Equal(3m, Engine.Value("trial_conversions", "2026-03-01", "2026-03-31"));

        var funnel = TrialFunnels.Compute(Engine, D("2026-03-01"), D("2026-04-30"));

        Assert.Equal((4, 3, 1, 0), (funnel.Started, funnel.Converted, funnel.Lost, funnel.Trialing));
        Assert.Equal(14m, funnel.MedianDaysToConvert);
        Assert.Equal(43m / 3m, funnel.AverageDaysToConvert); // (14 + 8 + 21) / 3
        Assert.Equal(75m, funnel.ConversionRate);
    }

    [Theory]
    [InlineData("country:eq:US", new[] { "t5" })]
    [InlineData("country:eq:DE", new[] { "t1", "t2", "t3" })]
    [InlineData("plan:eq:basic", new[] { "t3" })]
    public void Filters_keep_their_customers_and_a_plan_filter_the_trials_begun_on_it(string filter, string[] expected)
    {
        var filters = new[] { SegmentFilter.Parse(filter) };
        var funnel = TrialFunnels.Compute(Engine, D("2026-03-01"), D("2026-03-31"), filters);

        Assert.Equal(expected, funnel.Trials.Select(t => t.CustomerExternalId));
        Assert.Equal((decimal)expected.Length, Engine.Value("new_trials", "2026-03-01", "2026-03-31", filter));
    }

    [Fact]
    public void No_trial_means_no_rates()
    {
        var funnel = TrialFunnels.Compute(Engine, D("2026-05-01"), D("2026-05-31"));

        Assert.Equal(0, funnel.Started);
        Assert.Null(funnel.ConversionRate);
        Assert.Null(funnel.MedianDaysToConvert);
        Assert.Null(funnel.AverageDaysToConvert);
    }

    [Fact]
    public void End_before_start_names_the_parameter() =>
        Assert.Equal("end_date", Assert.Throws<MetricQueryException>(() => TrialFunnels.Compute(Engine, D("2026-03-02"), D("2026-03-01"))).Parameter);
}
