using Dashboard.Core.Billing;
using Dashboard.Core.Customers;
using Dashboard.Core.Metrics;

namespace Dashboard.Core.Tests.Metrics;

/// <summary>
/// Annual and quarterly plans whose monthly amounts are thirds of a cent: the metrics are the exact sums rounded once,
/// not sums of amounts rounded per customer (docs/metrics.md, "Money, FX and rounding").
/// </summary>
public sealed class ExactSumTests
{
    // Amounts in twelfths of a cent (T), exact:
    //   A annual $100 - $10 off  9,000 T (discount 1,000 T)   B annual $100 10,000 T (cancels 2024-03-01)
    //   C annual $250           25,000 T                       D quarterly $10 - $1 off 3,600 T (discount 400 T)
    //   E quarterly $25         10,000 T                       F quarterly $40 16,000 T
    //   G quarterly $10 + annual $100: 4,000 + 10,000 = 14,000 T
    // MRR = 87,600 T = 7,300.00 cents; rounded per customer: 750 + 833 + 2,083 + 300 + 833 + 1,333 + 1,167 = 7,299.
    private static MetricsEngine Engine()
    {
        var s = new Scenario();
        var annual100 = s.Plan("annual_100", 10_000, BillingInterval.Year);
        var annual250 = s.Plan("annual_250", 25_000, BillingInterval.Year);
        var quarterly10 = s.Plan("quarterly_10", 1_000, BillingInterval.Month, 3);
        var quarterly25 = s.Plan("quarterly_25", 2_500, BillingInterval.Month, 3);
        var quarterly40 = s.Plan("quarterly_40", 4_000, BillingInterval.Month, 3);
        s.Subscription(s.Customer("A"), annual100, "2024-01-01", discount: 1_000);
        s.Subscription(s.Customer("B"), annual100, "2024-01-01", canceledAt: "2024-03-01");
        s.Subscription(s.Customer("C"), annual250, "2024-01-01");
        s.Subscription(s.Customer("D"), quarterly10, "2024-01-01", discount: 100);
        s.Subscription(s.Customer("E"), quarterly25, "2024-01-01");
        s.Subscription(s.Customer("F"), quarterly40, "2024-01-01");
        var g = s.Customer("G");
        s.Subscription(g, quarterly10, "2024-01-01");
        s.Subscription(g, annual100, "2024-01-01");
        return s.Engine();
    }

    [Fact]
    public void Stock_metrics_are_the_exact_sums_rounded_once()
    {
        var engine = Engine();
        Assert.Equal(7_300m, engine.OnDay("mrr", "2024-01-31"));        // not 7,299
        Assert.Equal(87_600m, engine.OnDay("arr", "2024-01-31"));       // 12 x 7,300 = the $876 billed a year; not 87,588
        Assert.Equal(117m, engine.OnDay("discounts_mrr", "2024-01-31")); // 1,400 T = 116.67; not 83 + 33 = 116
        Assert.Equal(1_043m, engine.OnDay("arpu", "2024-01-31"));       // 7,300 / 7 = 1,042.86
        Assert.Equal(7, engine.OnDay("active_customers", "2024-01-31"));

        // After B's churn: 77,600 T = 6,466.67 (6,466 from rounded parts).
        Assert.Equal(6_467m, engine.OnDay("mrr", "2024-03-31"));
        Assert.Equal(77_600m, engine.OnDay("arr", "2024-03-31"));
    }

    [Fact]
    public void Movements_are_exact_sums_rounded_once()
    {
        var engine = Engine();
        Assert.Equal(7_300m, engine.Value("new_mrr", "2024-01-01", "2024-01-31"));
        Assert.Equal(7_300m, engine.Value("net_new_mrr", "2024-01-01", "2024-01-31"));
        Assert.Equal(-833m, engine.Value("churned_mrr", "2024-03-01", "2024-03-31"));   // -10,000 T = -833.33
        Assert.Equal(6_467m, engine.Value("net_new_mrr", "2024-01-01", "2024-03-31")); // 77,600 T; 7,299 - 833 = 6,466 from rounded parts
        Assert.Equal(1_043m, engine.Value("asp", "2024-01-01", "2024-01-31")); // 7,300 / 7 new customers = 1,042.86
    }

    [Fact]
    public void Ltv_divides_the_exact_arpu()
    {
        // On 2024-06-30 the 180 days start at the end of 2024-01-02 with 7 active; B churned: f = 1/7.
        var m = (decimal)(1 - Math.Pow(6.0 / 7.0, 30.0 / 180));
        var exactArpu = 77_600m / 12 / 6; // 1,077.78 cents
        var ltv = Engine().OnDay("ltv", "2024-06-30");
        Assert.Equal(Math.Round(exactArpu / m, MidpointRounding.AwayFromZero), ltv);        // 42,491
        Assert.NotEqual(Math.Round(6_466m / 6 / m, MidpointRounding.AwayFromZero), ltv);   // 42,487 from rounded parts
    }

    [Fact]
    public void Customer_rows_are_rounded_once_each_and_drill_down_rows_add_up_to_the_exact_sum_rounded_once()
    {
        var engine = Engine();
        var page = engine.Customers(new CustomerListQuery(Scenario.D("2024-01-31")));
        Assert.Equal(7_300, page.TotalMrr);
        Assert.Equal(7_299, page.Rows.Sum(r => r.Mrr));
        Assert.Equal(1_167, page.Rows.Single(r => r.ExternalId == "G").Mrr); // 4,000 T + 10,000 T = 1,166.67, rounded once

        var g = engine.Customer(page.Rows.Single(r => r.ExternalId == "G").Id, Scenario.D("2024-01-31"))!;
        Assert.Equal(1_167, g.Mrr);
        Assert.Equal(g.Mrr, g.Movements.Sum(m => m.Amount));

        var drill = engine.DrillDown("mrr", Scenario.D("2024-01-31"), Scenario.D("2024-01-31"));
        Assert.Equal(7_300m, drill.Numerator);
        Assert.Equal(7_300m, drill.Value);
        // The rows are rounded together (largest remainder), so they add up to the shown total: G's 1,166.67 and the
        // others' exact shares give 7,300, not the 7,299 of rounding each row on its own.
        Assert.Equal(7_300m, drill.Customers.Sum(c => c.Contribution));
        // By hand, in cents: C 2,083.33, F 1,333.33, G 1,166.67, B 833.33, E 833.33, A 750, D 300 round down to 7,298;
        // the 2 missing cents go to the largest remainders: G's .67, then C's .33 (first of the equal thirds).
        Assert.Equal([("C", 2_084m), ("F", 1_333m), ("G", 1_167m), ("B", 833m), ("E", 833m), ("A", 750m), ("D", 300m)],
            drill.Customers.Select(c => (c.ExternalId, c.Contribution)));
        Assert.Equal(page.Rows.Select(r => r.ExternalId).Order(), drill.Customers.Select(c => c.ExternalId).Order());
        Assert.All(drill.Customers, c => Assert.InRange(c.Contribution - page.Rows.Single(r => r.ExternalId == c.ExternalId).Mrr, -1m, 1m));

        var churn = engine.DrillDown("churned_mrr", Scenario.D("2024-03-01"), Scenario.D("2024-03-31"));
        Assert.Equal(-833m, churn.Numerator); // -833.33, rounded once
        Assert.Equal(-833m, Assert.Single(churn.Customers).Contribution);
    }

    [Fact]
    public void Three_customers_of_a_third_of_a_cent_each_show_rows_that_add_up_to_the_one_cent_total()
    {
        // Annual plans of 4 cents: 1/3 cent of MRR each, 1 cent together.
        var s = new Scenario();
        var tiny = s.Plan("tiny", 4, BillingInterval.Year);
        foreach (var name in new[] { "X", "Y", "Z" })
        {
            s.Subscription(s.Customer(name), tiny, "2024-01-01");
        }

        var drill = s.Engine().DrillDown("mrr", Scenario.D("2024-01-31"), Scenario.D("2024-01-31"));

        Assert.Equal(1m, drill.Value);
        Assert.Equal(1m, drill.Numerator);
        // Each rounded alone would be 0 (three zeros under a one-cent total); the cent goes to the first of the equal thirds.
        Assert.Equal([("X", 1m), ("Y", 0m), ("Z", 0m)], drill.Customers.Select(c => (c.ExternalId, c.Contribution)));
    }

    [Fact]
    public void Rows_of_both_signs_stay_largest_first_as_shown_and_add_up_to_the_total()
    {
        // In March B churns (-833.33 cents) and G adds an annual $100 plan (+833.33), H starts at a third of that.
        var s = new Scenario();
        var annual100 = s.Plan("annual_100", 10_000, BillingInterval.Year);
        var tiny = s.Plan("tiny", 4, BillingInterval.Year);
        s.Subscription(s.Customer("B"), annual100, "2024-01-01", canceledAt: "2024-03-01");
        s.Subscription(s.Customer("G"), annual100, "2024-03-05");
        s.Subscription(s.Customer("H"), tiny, "2024-03-06");

        var drill = s.Engine().DrillDown("net_new_mrr", Scenario.D("2024-03-01"), Scenario.D("2024-03-31"));

        // Exact: -833.33 + 833.33 + 0.33 = 0.33, rounded once 0; rounded down -834 + 833 + 0 = -1, so the largest
        // remainder (B's .67) gets the missing cent.
        Assert.Equal(0m, drill.Value);
        Assert.Equal(0m, drill.Customers.Sum(c => c.Contribution));
        Assert.Equal(drill.Customers.OrderByDescending(c => Math.Abs(c.Contribution)).Select(c => c.ExternalId), drill.Customers.Select(c => c.ExternalId));
        Assert.Equal([("B", -833m), ("G", 833m), ("H", 0m)], drill.Customers.Select(c => (c.ExternalId, c.Contribution)));
    }

    [Fact]
    public void Cohorts_sum_exact_amounts()
    {
        var january = Engine().Cohorts(Scenario.D("2024-01-01"), Scenario.D("2024-03-31")).Rows[0];
        Assert.Equal(7_300, january.StartingMrr);
        Assert.Equal(6_467, january.Periods[2].Mrr);
        Assert.Equal(88.5845m, january.Periods[2].MrrShare); // 77,600 / 87,600
    }

    [Fact]
    public void Totals_past_the_range_of_a_long_are_summed_exactly()
    {
        // Three customers at $100,000,000.01 a month: each 7.56e18 units (fits a long), together 2.3e19 (does not).
        var s = new Scenario();
        var huge = s.Plan("huge", 10_000_000_001);
        for (var i = 0; i < 3; i++)
        {
            s.Subscription(s.Customer("big" + i), huge, "2024-01-01");
        }

        var engine = s.Engine();
        Assert.Equal(30_000_000_003m, engine.OnDay("mrr", "2024-01-31"));
        Assert.Equal(360_000_000_036m, engine.OnDay("arr", "2024-01-31"));
        Assert.Equal(10_000_000_001m, engine.OnDay("arpu", "2024-01-31"));
        Assert.Equal(30_000_000_003m, engine.Value("new_mrr", "2024-01-01", "2024-01-31"));
        Assert.Equal(30_000_000_003, engine.Customers(new CustomerListQuery(Scenario.D("2024-01-31"))).TotalMrr);
        Assert.Equal(30_000_000_003, engine.Cohorts(Scenario.D("2024-01-01"), Scenario.D("2024-01-31")).Rows[0].StartingMrr);
    }

    [Fact]
    public void A_single_customer_beyond_the_unit_range_is_an_error_not_a_wrong_number()
    {
        var s = new Scenario();
        s.Subscription(s.Customer("too_big"), s.Plan("too_big", 20_000_000_000), "2024-01-01");
        Assert.Throws<OverflowException>(() => s.Engine());
    }
}
