using Dashboard.Core.Forecasts;
using Dashboard.Core.Metrics;
using Dashboard.Core.Segments;

namespace Dashboard.Core.Tests.Forecasts;

/// <summary>The forecast's history read from the engine: the complete months before today, honouring filters.</summary>
public sealed class EngineForecastTests
{
    private static MetricsEngine Build()
    {
        var s = new Scenario();
        var pro = s.Plan("pro", 10_000);
        var basic = s.Plan("basic", 5_000);
        var a = s.Customer("a", country: "DE");
        s.Subscription(a, pro, "2025-12-01", canceledAt: "2026-02-10");
        var b = s.Customer("b", country: "DE");
        s.Subscription(b, pro, "2026-01-05");
        var c = s.Customer("c", country: "US");
        s.Subscription(c, basic, "2026-03-01");
        var d = s.Customer("d", country: "US");
        s.Subscription(d, basic, "2026-04-02"); // in the current, incomplete month: not part of the history
        return s.Engine();
    }

    [Fact]
    public void History_is_the_complete_months_before_today_with_their_movements()
    {
        var forecast = EngineForecast.Compute(Build(), new DateOnly(2026, 4, 15), historyMonths: 3);

        Assert.Equal(new DateOnly(2026, 3, 31), forecast.StartDate);
        Assert.Equal((15_000L, 2L), (forecast.StartMrr, forecast.StartCustomers));
        Assert.Equal(
            [
                new ForecastMonth(new DateOnly(2026, 1, 1), 10_000, 10_000, 0, 0, 0, 0, 1, 1, 0, 0),
                new ForecastMonth(new DateOnly(2026, 2, 1), 20_000, 0, 0, 0, 0, 10_000, 2, 0, 0, 1),
                new ForecastMonth(new DateOnly(2026, 3, 1), 10_000, 5_000, 0, 0, 0, 0, 1, 1, 0, 0),
            ],
            forecast.History);
        Assert.Equal(ForecastCalculator.Project("USD", forecast.StartDate, 15_000, 2, forecast.History).Points, forecast.Points);
        Assert.Equal(new DateOnly(2026, 4, 30), forecast.Points[0].EndDate);
    }

    [Fact]
    public void Filters_keep_only_their_customers()
    {
        var forecast = EngineForecast.Compute(Build(), new DateOnly(2026, 4, 15), [SegmentFilter.Parse("country:eq:US")], historyMonths: 3);

        Assert.Equal((5_000L, 1L), (forecast.StartMrr, forecast.StartCustomers));
        Assert.Equal([0m, 0m, 5_000m], forecast.History.Select(m => m.NewMrr));
        // No US customer paid before March: no month started with MRR, so no rates; 5,000 / 3 added a month.
        Assert.Equal(0m, forecast.Drivers.RetentionChange);
        Assert.Equal(6_667L, forecast.Points[0].Mrr); // 5,000 + 5,000 / 3 = 6,666.67
    }

    [Theory]
    [InlineData(2)]
    [InlineData(13)]
    public void The_history_length_is_checked(int months)
    {
        var ex = Assert.Throws<MetricQueryException>(() => EngineForecast.Compute(Build(), new DateOnly(2026, 4, 15), historyMonths: months));
        Assert.Equal("months", ex.Parameter);
    }
}
