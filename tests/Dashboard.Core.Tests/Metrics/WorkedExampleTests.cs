using Dashboard.Core.Billing;
using Dashboard.Core.Customers;
using Dashboard.Core.Metrics;

namespace Dashboard.Core.Tests.Metrics;

/// <summary>
/// The worked example of docs/metrics.md. End of January 2024: A $10 (basic), B $30 (pro); D churned on Jan 25.
/// February: C new on an annual $120 plan ($10), A upgrades to pro (+$20), B downgrades to basic (-$20), D comes back
/// on basic with $2.50 off (+$7.50 reactivation), E's trial on pro converts on Feb 15 (+$30 new), F's trial is
/// cancelled before it ends, G has pro at 100 % off. End of February: A 30 + B 10 + C 10 + D 7.50 + E 30 = $87.50.
/// March 5: B cancels (-$10). Cash: A paid $10 on Jan 10 and Feb 10 and $5 one-time on Feb 12, got $3 back on Feb 25
/// and lost a dispute of the $5 charge on Feb 27.
/// </summary>
public sealed class WorkedExampleTests
{
    private static readonly Lazy<MetricsEngine> Engine = new(Build);

    private static MetricsEngine Build()
    {
        var s = new Scenario();
        var basic = s.Plan("basic", 1000);
        var pro = s.Plan("pro", 3000);
        var annual = s.Plan("annual", 12000, BillingInterval.Year);

        var a = s.Customer("A", "US");
        var subA = s.Subscription(a, basic, "2024-01-10");
        s.State(subA, pro, "2024-02-15");

        var b = s.Customer("B", "DE");
        var subB = s.Subscription(b, pro, "2024-01-20", canceledAt: "2024-03-05");
        s.State(subB, basic, "2024-02-10");

        var c = s.Customer("C", "US");
        s.Subscription(c, annual, "2024-02-01");

        var d = s.Customer("D", "FR");
        s.Subscription(d, basic, "2024-01-05", canceledAt: "2024-01-25");
        s.Subscription(d, basic, "2024-02-20", discount: 250);

        var e = s.Customer("E", "US");
        s.Subscription(e, pro, "2024-02-01", trialEnd: "2024-02-15");

        var f = s.Customer("F", "US");
        s.Subscription(f, pro, "2024-02-10", trialEnd: "2024-02-24", canceledAt: "2024-02-20");

        var g = s.Customer("G", "US");
        s.Subscription(g, pro, "2024-02-01", discount: 3000);

        s.Builder.AddCharge(a, 1000, 59, "USD", Scenario.T("2024-01-10T09:00:00Z"), ChargeStatus.Paid, ChargeKind.Recurring);
        s.Builder.AddCharge(a, 1000, 59, "USD", Scenario.T("2024-02-10T09:00:00Z"), ChargeStatus.Paid, ChargeKind.Recurring);
        s.Builder.AddCharge(a, 500, 20, "USD", Scenario.T("2024-02-12T09:00:00Z"), ChargeStatus.Paid, ChargeKind.OneTime);
        s.Builder.AddCharge(b, 250, 0, "USD", Scenario.T("2024-02-28T23:59:59Z"), ChargeStatus.Paid, ChargeKind.Metered);
        s.Builder.AddCharge(e, 3000, 0, "USD", Scenario.T("2024-02-20T09:00:00Z"), ChargeStatus.Failed, ChargeKind.Recurring);
        s.Builder.AddRefund(a, 300, "USD", Scenario.T("2024-02-25T10:00:00Z"));
        s.Builder.AddDispute(a, 500, "USD", Scenario.T("2024-02-27T16:00:00Z"));
        return s.Engine();
    }

    private static decimal? Feb(string metric) => Engine.Value.Value(metric, "2024-02-01", "2024-02-29");

    [Theory]
    [InlineData("mrr", 8750)]
    [InlineData("arr", 105000)]
    [InlineData("active_customers", 5)]
    [InlineData("active_subscriptions", 5)]
    [InlineData("arpu", 1750)]
    [InlineData("active_trials", 0)]
    [InlineData("discounts_mrr", 250)]
    [InlineData("add_on_mrr", 0)]
    [InlineData("new_mrr", 4000)]
    [InlineData("expansion_mrr", 2000)]
    [InlineData("contraction_mrr", -2000)]
    [InlineData("churned_mrr", 0)]
    [InlineData("reactivation_mrr", 750)]
    [InlineData("net_new_mrr", 4750)]
    [InlineData("new_customers", 2)]
    [InlineData("reactivations", 1)]
    [InlineData("churned_customers", 0)]
    [InlineData("upgrades", 1)]
    [InlineData("downgrades", 1)]
    [InlineData("new_subscriptions", 3)]
    [InlineData("churned_subscriptions", 0)]
    [InlineData("new_trials", 2)]
    [InlineData("trial_conversions", 1)]
    [InlineData("gross_revenue", 1750)]
    [InlineData("refunds", 300)]
    [InlineData("disputes", 500)]
    [InlineData("net_revenue", 950)]
    [InlineData("fees", 79)]
    [InlineData("other_revenue", 500)]
    [InlineData("usage_revenue", 250)]
    [InlineData("failed_charges", 1)]
    [InlineData("failed_charge_amount", 3000)]
    [InlineData("customer_churn_rate", 0)]
    [InlineData("revenue_churn_rate", 50)]
    [InlineData("net_mrr_churn_rate", -18.75)]
    [InlineData("mrr_growth_rate", 118.75)]
    [InlineData("quick_ratio", 3.375)]
    [InlineData("asp", 2000)]
    [InlineData("trial_conversion_rate", 50)]
    public void February_values_match_the_hand_computed_example(string metric, double expected) =>
        Assert.Equal((decimal)expected, Feb(metric));

    [Fact]
    public void January_has_three_new_customers_and_one_churn_but_no_churn_rate_without_customers_at_its_start()
    {
        Assert.Equal(5000m, Engine.Value.Value("new_mrr", "2024-01-01", "2024-01-31"));
        Assert.Equal(-1000m, Engine.Value.Value("churned_mrr", "2024-01-01", "2024-01-31"));
        Assert.Equal(4000m, Engine.Value.Value("mrr", "2024-01-01", "2024-01-31"));
        Assert.Null(Engine.Value.Value("customer_churn_rate", "2024-01-01", "2024-01-31"));
        Assert.Null(Engine.Value.Value("quick_ratio", "2024-02-01", "2024-02-01"));
    }

    [Fact]
    public void March_churn_of_B_is_one_in_five_customers_and_ten_of_eighty_seven_fifty_dollars()
    {
        Assert.Equal(20m, Engine.Value.Value("customer_churn_rate", "2024-03-01", "2024-03-31"));
        Assert.Equal(11.4286m, Engine.Value.Value("revenue_churn_rate", "2024-03-01", "2024-03-31"));
        Assert.Equal(-1000m, Engine.Value.Value("churned_mrr", "2024-03-01", "2024-03-31"));
        Assert.Equal(1m, Engine.Value.Value("churned_subscriptions", "2024-03-01", "2024-03-31"));
    }

    [Fact]
    public void Trials_are_active_while_running()
    {
        Assert.Equal(2m, Engine.Value.OnDay("active_trials", "2024-02-12"));
        Assert.Equal(1m, Engine.Value.OnDay("active_trials", "2024-02-15"));
        Assert.Equal(0m, Engine.Value.OnDay("active_trials", "2024-02-20"));
    }

    [Fact]
    public void The_overview_change_of_february_mrr_compares_with_the_bucket_29_days_earlier()
    {
        var point = Engine.Value.Query(new MetricQuery("mrr", Scenario.D("2024-02-01"), Scenario.D("2024-02-29"), Interval.Month) { CompareToDays = 29 })
            .Points.Single();

        Assert.Equal((8750m, 4000m, 118.75m), (point.Value, point.Previous!.Value, point.Previous.Percent));
    }

    [Fact]
    public void Customer_level_numbers_at_the_end_of_february()
    {
        var page = Engine.Value.Customers(new CustomerListQuery(Scenario.D("2024-02-29")) { Limit = 100 });
        var rows = page.Rows.ToDictionary(r => r.ExternalId);

        Assert.Equal(8750, page.TotalMrr);
        Assert.Equal((3000L, 1700L, CustomerStatus.Active, Scenario.D("2024-01-10")), (rows["A"].Mrr, rows["A"].NetRevenue, rows["A"].Status, rows["A"].Since));
        Assert.Equal((750L, CustomerStatus.Active), (rows["D"].Mrr, rows["D"].Status));
        Assert.Equal((3000L, 0L, CustomerStatus.Active), (rows["E"].Mrr, rows["E"].NetRevenue, rows["E"].Status));
        Assert.Equal((0L, CustomerStatus.NeverPaid), (rows["F"].Mrr, rows["F"].Status));
        Assert.Equal((0L, CustomerStatus.NeverPaid), (rows["G"].Mrr, rows["G"].Status));
        var d = Engine.Value.Customer(rows["D"].Id, Scenario.D("2024-02-29"))!;
        Assert.Equal(
            [(Scenario.D("2024-01-05"), "new", 1000L), (Scenario.D("2024-01-25"), "churn", -1000L), (Scenario.D("2024-02-20"), "reactivation", 750L)],
            d.Movements.Select(m => (m.Date, m.Kind, m.Amount)));
        Assert.Equal(d.Mrr, d.Movements.Sum(m => m.Amount));
        var b = Engine.Value.Customers(new CustomerListQuery(Scenario.D("2024-03-06")) { Search = "B", Limit = 100 }).Rows.Single(r => r.ExternalId == "B");
        Assert.Equal(CustomerStatus.Churned, b.Status);
    }

    [Fact]
    public void Every_catalog_metric_is_covered_by_the_worked_example()
    {
        var tested = typeof(WorkedExampleTests).GetMethod(nameof(February_values_match_the_hand_computed_example))!
            .GetCustomAttributes(typeof(InlineDataAttribute), false).Cast<InlineDataAttribute>()
            .Select(a => (string)a.GetData(null!).First()[0]).ToHashSet();
        var untested = MetricCatalog.All.Select(m => m.Name).Where(n => !tested.Contains(n)).Order().ToArray();
        Assert.Equal(["grr", "ltv", "nrr"], untested);
    }
}
