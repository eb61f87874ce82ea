using Dashboard.Core.Forecasts;

namespace Dashboard.Core.Tests.Forecasts;

/// <summary>docs/metrics.md, "Forecasts": the drivers and the projection, with values worked out by hand.</summary>
public sealed class ForecastCalculatorTests
{
    // Month 1: retention change (2,000 - 1,000 - 3,000) / 100,000 = -2 %, added 5,000; customers 4/100 churn, 10 added.
    // Month 2: (4,000 - 0 - 2,000) / 200,000 = +1 %, added 7,000 + 1,000; customers 2/200 churn, 12 added.
    // Month 3: no MRR at its start, so no rates; added 2,000 and 5 customers.
    private static readonly ForecastMonth[] History =
    [
        new(new DateOnly(2026, 1, 1), 100_000, 5_000, 0, 2_000, 1_000, 3_000, 100, 10, 0, 4),
        new(new DateOnly(2026, 2, 1), 200_000, 7_000, 1_000, 4_000, 0, 2_000, 200, 12, 0, 2),
        new(new DateOnly(2026, 3, 1), 0, 2_000, 0, 0, 0, 0, 0, 5, 0, 0),
    ];

    [Fact]
    public void Drivers_average_amounts_over_every_month_and_rates_over_months_that_had_mrr()
    {
        var d = ForecastCalculator.Drivers(History);

        Assert.Equal(5_000m, d.AddedMrr);               // (5,000 + 8,000 + 2,000) / 3
        Assert.Equal(0.02m, d.ExpansionRate);           // (2 % + 2 %) / 2
        Assert.Equal(0.005m, d.ContractionRate);        // (1 % + 0 %) / 2
        Assert.Equal(0.02m, d.ChurnRate);               // (3 % + 1 %) / 2
        Assert.Equal(-0.005m, d.RetentionChange);
        Assert.Equal(9m, d.AddedCustomers);             // (10 + 12 + 5) / 3
        Assert.Equal(0.025m, d.CustomerChurnRate);      // (4 % + 1 %) / 2
        Assert.Equal((-0.02m, 0.01m), (d.LowRetentionChange, d.HighRetentionChange));
        Assert.Equal((2_000m, 8_000m), (d.LowAddedMrr, d.HighAddedMrr));
        Assert.Equal((5m, 12m), (d.LowAddedCustomers, d.HighAddedCustomers));
        Assert.Equal((0.04m, 0.01m), (d.HighCustomerChurnRate, d.LowCustomerChurnRate));
    }

    [Fact]
    public void Each_month_repeats_the_drivers_and_the_range_repeats_the_worst_and_best_month()
    {
        var forecast = ForecastCalculator.Project("USD", new DateOnly(2026, 3, 31), 100_000, 100, History);

        Assert.Equal(ForecastCalculator.FutureMonths, forecast.Points.Count);
        var first = forecast.Points[0];
        Assert.Equal((new DateOnly(2026, 4, 1), new DateOnly(2026, 4, 30)), (first.Month, first.EndDate));
        // 100,000 x 0.995 + 5,000; low 100,000 x 0.98 + 2,000; high 100,000 x 1.01 + 8,000.
        Assert.Equal((104_500L, 100_000L, 109_000L), (first.Mrr, first.MrrLow, first.MrrHigh));
        // 100 x 0.975 + 9 = 106.5 -> 107; low 100 x 0.96 + 5; high 100 x 0.99 + 12.
        Assert.Equal((107L, 101L, 111L), (first.Customers, first.CustomersLow, first.CustomersHigh));

        var second = forecast.Points[1];
        Assert.Equal(new DateOnly(2026, 5, 31), second.EndDate);
        // From the unrounded month: 104,500 x 0.995 + 5,000 = 108,977.5 -> 108,978; high 109,000 x 1.01 + 8,000.
        Assert.Equal((108_978L, 100_000L, 118_090L), (second.Mrr, second.MrrLow, second.MrrHigh));
        // 106.5 x 0.975 + 9 = 112.8375; low 101 x 0.96 + 5 = 101.96; high 111 x 0.99 + 12 = 121.89.
        Assert.Equal((113L, 102L, 122L), (second.Customers, second.CustomersLow, second.CustomersHigh));
        Assert.Equal(new DateOnly(2027, 3, 31), forecast.Points[^1].EndDate);
    }

    [Fact]
    public void A_business_whose_losses_equal_its_additions_stays_flat_for_the_whole_year()
    {
        // 5 % of 40,000 churns every month and 2,000 of new MRR replaces it; 2 of 40 customers leave and 2 join.
        ForecastMonth[] steady = [.. Enumerable.Range(0, 4).Select(i => new ForecastMonth(new DateOnly(2026, 1 + i, 1), 40_000, 2_000, 0, 0, 0, 2_000, 40, 2, 0, 2))];

        var forecast = ForecastCalculator.Project("USD", new DateOnly(2026, 4, 30), 40_000, 40, steady);

        Assert.All(forecast.Points, p => Assert.Equal((40_000L, 40_000L, 40_000L, 40L, 40L, 40L), (p.Mrr, p.MrrLow, p.MrrHigh, p.Customers, p.CustomersLow, p.CustomersHigh)));
    }

    [Fact]
    public void Twelve_months_of_growth_compound_exactly()
    {
        // +10 % a month from existing MRR and nothing new: 1,000 x 1.1^12 = 3,138.428376721 -> 3,138.
        ForecastMonth[] growth = [.. Enumerable.Range(0, 3).Select(i => new ForecastMonth(new DateOnly(2026, 1 + i, 1), 1_000, 0, 0, 100, 0, 0, 1, 0, 0, 0))];

        var forecast = ForecastCalculator.Project("USD", new DateOnly(2026, 3, 31), 1_000, 1, growth);

        Assert.Equal(3_138L, forecast.Points[^1].Mrr);
        Assert.Equal(1_100L, forecast.Points[0].Mrr);
    }

    [Fact]
    public void The_range_never_goes_below_zero_and_always_holds_the_central_value()
    {
        // A month losing everything and a month doubling: the low edge drops to 0 and stays there.
        ForecastMonth[] wild =
        [
            new(new DateOnly(2026, 1, 1), 10_000, 0, 0, 0, 0, 10_000, 10, 0, 0, 10),
            new(new DateOnly(2026, 2, 1), 10_000, 500, 0, 10_000, 0, 0, 10, 1, 0, 0),
            new(new DateOnly(2026, 3, 1), 10_000, 0, 0, 0, 0, 0, 10, 0, 0, 0),
        ];

        var forecast = ForecastCalculator.Project("USD", new DateOnly(2026, 3, 31), 10_000, 10, wild);

        Assert.All(forecast.Points, p =>
        {
            Assert.Equal(0L, p.MrrLow);
            Assert.Equal(0L, p.CustomersLow);
            Assert.InRange(p.Mrr, p.MrrLow, p.MrrHigh);
            Assert.InRange(p.Customers, p.CustomersLow, p.CustomersHigh);
        });
    }

    [Fact]
    public void A_forecast_starts_at_the_end_of_a_month_and_needs_history()
    {
        Assert.Throws<ArgumentException>(() => ForecastCalculator.Project("USD", new DateOnly(2026, 3, 30), 1, 1, History));
        Assert.Throws<ArgumentException>(() => ForecastCalculator.Drivers([]));
    }
}
