using Dashboard.Core.Billing;
using Dashboard.Core.Timelines;

namespace Dashboard.Core.Tests.Timelines;

public sealed class TimeZoneAndFxTests
{
    private static readonly MetricSettings NewYork = new() { TimeZone = "America/New_York" };

    [Fact]
    public void Days_follow_the_reporting_zone_across_the_spring_dst_change()
    {
        var s = new Scenario(NewYork);
        var plan = s.Plan("p", 1000);
        s.Subscription(s.Customer("A"), plan, "2024-03-10T04:30:00Z"); // 23:30 EST on Mar 9
        s.Subscription(s.Customer("B"), plan, "2024-03-11T04:30:00Z"); // 00:30 EDT on Mar 11 (a fixed -5 h would say Mar 10)
        var engine = s.Engine();
        Assert.Equal(1m, engine.OnDay("new_customers", "2024-03-09"));
        Assert.Equal(0m, engine.OnDay("new_customers", "2024-03-10"));
        Assert.Equal(1m, engine.OnDay("new_customers", "2024-03-11"));
        var calendar = new ReportingCalendar("America/New_York");
        Assert.Equal(TimeSpan.FromHours(23), calendar.StartOf(Scenario.D("2024-03-11")) - calendar.StartOf(Scenario.D("2024-03-10")));
    }

    [Fact]
    public void The_autumn_dst_day_has_25_hours()
    {
        var s = new Scenario(NewYork);
        var plan = s.Plan("p", 1000);
        s.Subscription(s.Customer("A"), plan, "2024-11-03T04:30:00Z"); // 00:30 EDT on Nov 3
        s.Subscription(s.Customer("B"), plan, "2024-11-04T04:30:00Z"); // 23:30 EST on Nov 3
        s.Subscription(s.Customer("C"), plan, "2024-11-04T05:30:00Z"); // 00:30 EST on Nov 4
        var engine = s.Engine();
        Assert.Equal(2m, engine.OnDay("new_customers", "2024-11-03"));
        Assert.Equal(1m, engine.OnDay("new_customers", "2024-11-04"));
        var calendar = new ReportingCalendar("America/New_York");
        Assert.Equal(TimeSpan.FromHours(25), calendar.StartOf(Scenario.D("2024-11-04")) - calendar.StartOf(Scenario.D("2024-11-03")));
    }

    [Fact]
    public void Mrr_converts_at_the_rate_of_the_day_each_state_took_effect()
    {
        var s = new Scenario();
        s.Builder.AddFxRate(Scenario.D("2024-01-01"), "EUR", 1.10m);
        s.Builder.AddFxRate(Scenario.D("2024-02-01"), "EUR", 1.20m);
        s.Builder.AddFxRate(Scenario.D("2024-03-01"), "EUR", 2.00m);
        var plan = s.Plan("eu", 1000, currency: "EUR");
        var sub = s.Subscription(s.Customer("A"), plan, "2024-01-01");
        s.State(sub, plan, "2024-02-01", quantity: 2);
        var engine = s.Engine();
        Assert.Equal(1100m, engine.OnDay("mrr", "2024-01-31"));  // EUR 10 x 1.10
        Assert.Equal(2400m, engine.OnDay("mrr", "2024-03-31"));  // EUR 20 x 1.20; the March rate changes nothing
        Assert.Equal(1300m, engine.Value("expansion_mrr", "2024-02-01", "2024-02-29"));
    }

    /// <summary>
    /// A $20 plan billed in euros: the states carry their own billed amount and currency. Jan: EUR 18 - EUR 3 discount +
    /// 2 x EUR 1 add-on = EUR 17 at 1.10 = $18.70 ($3.30 of discount). Feb: 4 seats billed EUR 60 (a tiered price,
    /// not 4 x $20) at 1.20 = $72.00. Mar: a state without its own amount is the plan's $20 x 1 again.
    /// </summary>
    [Fact]
    public void A_state_with_its_own_amount_and_currency_counts_them_instead_of_the_plans()
    {
        var s = new Scenario();
        s.Builder.AddFxRate(Scenario.D("2024-01-01"), "EUR", 1.10m);
        s.Builder.AddFxRate(Scenario.D("2024-02-01"), "EUR", 1.20m);
        var plan = s.Plan("usd", 2000);
        var sub = s.Subscription(s.Customer("A"), s.Plan("other", 1), "2023-12-01");
        var builder = s.Builder;
        builder.AddSubscriptionState(900, sub, Scenario.T("2024-01-01"), plan, 1, 300, SubscriptionStatus.Active, 1800, "eur");
        builder.AddAddOn(900, 100, 2);
        builder.AddSubscriptionState(901, sub, Scenario.T("2024-02-01"), plan, 4, 0, SubscriptionStatus.Active, 6000, "EUR");
        builder.AddSubscriptionState(902, sub, Scenario.T("2024-03-01"), plan, 1);
        var engine = s.Engine();
        Assert.Equal(1870m, engine.OnDay("mrr", "2024-01-31"));
        Assert.Equal(330m, engine.OnDay("discounts_mrr", "2024-01-31"));
        Assert.Equal(7200m, engine.OnDay("mrr", "2024-02-29"));
        Assert.Equal(2000m, engine.OnDay("mrr", "2024-03-31"));
    }

    [Fact]
    public void Cash_converts_at_its_own_days_rate_including_zero_decimal_currencies()
    {
        var s = new Scenario();
        s.Builder.AddFxRate(Scenario.D("2024-01-15"), "EUR", 1.15m);
        s.Builder.AddFxRate(Scenario.D("2024-01-16"), "JPY", 0.0067m);
        var a = s.Customer("A");
        s.Builder.AddCharge(a, 1000, 30, "EUR", Scenario.T("2024-01-15T12:00:00Z"), ChargeStatus.Paid, ChargeKind.Recurring);
        s.Builder.AddCharge(a, 1000, 0, "JPY", Scenario.T("2024-01-18T12:00:00Z"), ChargeStatus.Paid, ChargeKind.OneTime); // rate of Jan 16 (2 days old)
        var engine = s.Engine();
        Assert.Equal(1150m + 670m, engine.Value("gross_revenue", "2024-01-01", "2024-01-31")); // EUR 10 -> $11.50, JPY 1000 -> $6.70
        Assert.Equal(35m, engine.Value("fees", "2024-01-01", "2024-01-31"));                   // EUR 0.30 -> $0.345 -> 35 cents
    }

    [Fact]
    public void A_missing_rate_is_an_error_naming_currency_and_date()
    {
        var s = new Scenario();
        s.Builder.AddFxRate(Scenario.D("2024-05-01"), "GBP", 1.25m);
        var error = Assert.Throws<MissingFxRateException>(() =>
            s.Builder.AddCharge(s.Customer("A"), 1000, 0, "GBP", Scenario.T("2024-05-20T08:00:00Z"), ChargeStatus.Paid, ChargeKind.Recurring));
        Assert.Contains("GBP", error.Message);
        Assert.Contains("2024-05-20", error.Message);

        var mrr = new Scenario();
        mrr.Subscription(mrr.Customer("B"), mrr.Plan("gb", 1000, currency: "GBP"), "2024-06-01");
        var buildError = Assert.Throws<MissingFxRateException>(() => mrr.Engine());
        Assert.Equal("GBP", buildError.Currency);
        Assert.Equal(Scenario.D("2024-06-01"), buildError.Date);
    }
}
