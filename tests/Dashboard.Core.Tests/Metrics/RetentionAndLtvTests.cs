using Dashboard.Core.Metrics;

namespace Dashboard.Core.Tests.Metrics;

public sealed class RetentionAndLtvTests
{
    [Fact]
    public void Nrr_and_grr_follow_customers_paying_a_year_earlier()
    {
        // 2023-01-15: X $10, Y $20, Z $10 (= $40). 2024-01-15: X $15 (expanded), Y $10 (contracted), Z churned, W new $50.
        var s = new Scenario();
        var ten = s.Plan("ten", 1000);
        var x = s.Subscription(s.Customer("X"), ten, "2023-01-01");
        s.State(x, ten, "2023-06-01", quantity: 2);
        s.State(x, s.Plan("fifteen", 1500), "2023-07-01");
        var y = s.Subscription(s.Customer("Y"), ten, "2023-01-01", quantity: 2);
        s.State(y, ten, "2023-09-01", quantity: 1);
        s.Subscription(s.Customer("Z"), ten, "2023-01-01", canceledAt: "2023-05-01");
        s.Subscription(s.Customer("W"), ten, "2023-12-01", quantity: 5);
        var engine = s.Engine();

        Assert.Equal(62.5m, engine.OnDay("nrr", "2024-01-15")); // (15 + 10 + 0) / 40
        Assert.Equal(50m, engine.OnDay("grr", "2024-01-15"));   // (min(15,10) + 10 + 0) / 40
        Assert.Null(engine.OnDay("nrr", "2023-01-15"));          // nobody paid a year before
        var drill = engine.DrillDown("nrr", Scenario.D("2024-01-15"), Scenario.D("2024-01-15"));
        Assert.Equal(2500m, drill.Numerator);
        Assert.Equal(2500m, drill.Customers.Sum(c => c.Contribution));
        Assert.DoesNotContain(drill.Customers, c => c.ExternalId == "W");
    }

    [Fact]
    public void Ltv_divides_arpu_by_the_monthly_rate_of_the_180_day_churn()
    {
        // Ten customers at $10 from 2023-01-01; one churns on 2023-10-01. On 2023-12-31 the 180 days start at the end
        // of 2023-07-04 with 10 active, 1 churned: f = 0.1, m = 1 - 0.9^(1/6) = 0.0174077..., ARPU $10 -> $574.49 (57,448.79 cents).
        var s = new Scenario();
        var ten = s.Plan("ten", 1000);
        for (var i = 0; i < 10; i++)
        {
            s.Subscription(s.Customer("C" + i), ten, "2023-01-01", canceledAt: i == 0 ? "2023-10-01" : null);
        }

        var engine = s.Engine();
        Assert.Equal(57449m, engine.OnDay("ltv", "2023-12-31"));
        Assert.Null(engine.OnDay("ltv", "2023-09-30")); // no churn in the window: m = 0
    }
}
