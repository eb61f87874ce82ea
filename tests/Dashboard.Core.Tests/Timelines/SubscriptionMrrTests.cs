using Dashboard.Core.Billing;
using Dashboard.Core.Timelines;

namespace Dashboard.Core.Tests.Timelines;

public sealed class SubscriptionMrrTests
{
    private static decimal? MrrOn(Scenario s, string day) => s.Engine().OnDay("mrr", day);

    [Theory]
    [InlineData(12000, BillingInterval.Year, 1, 1000)]   // $120/yr -> $10.00
    [InlineData(1000, BillingInterval.Week, 1, 4333)]    // $10/week -> 10 * 52 / 12 = $43.33
    [InlineData(3000, BillingInterval.Month, 3, 1000)]   // $30 every 3 months -> $10.00
    [InlineData(100, BillingInterval.Day, 1, 3042)]      // $1/day -> 365 / 12 = $30.42
    [InlineData(24000, BillingInterval.Year, 2, 1000)]   // $240 every 2 years -> $10.00
    public void Plans_of_every_interval_are_normalized_to_a_month(long amount, BillingInterval interval, int count, long expected)
    {
        var s = new Scenario();
        s.Subscription(s.Customer("A"), s.Plan("p", amount, interval, count), "2024-01-01");
        Assert.Equal(expected, MrrOn(s, "2024-01-31"));
    }

    [Fact]
    public void Rounding_happens_once_per_customer_not_per_subscription()
    {
        // Three $10/week subscriptions: 3 x 4333.33... = 13000 exactly, not 3 x 4333 = 12999.
        var s = new Scenario();
        var weekly = s.Plan("weekly", 1000, BillingInterval.Week);
        var a = s.Customer("A");
        for (var i = 0; i < 3; i++)
        {
            s.Subscription(a, weekly, "2024-01-01");
        }

        Assert.Equal(13000m, MrrOn(s, "2024-01-31"));
    }

    [Fact]
    public void Quantity_add_ons_and_discount_make_the_period_amount()
    {
        // 3 seats x $10 + 2 x $5 add-on - $4 discount = $36.
        var s = new Scenario();
        var plan = s.Plan("seat", 1000);
        var sub = s.Subscription(s.Customer("A"), plan, "2024-01-01");
        var state = s.State(sub, plan, "2024-02-01", quantity: 3, discount: 400);
        s.Builder.AddAddOn(state, 500, 2);
        var engine = s.Engine();
        Assert.Equal(1000m, engine.OnDay("mrr", "2024-01-31"));
        Assert.Equal(3600m, engine.OnDay("mrr", "2024-02-01"));
        Assert.Equal(400m, engine.OnDay("discounts_mrr", "2024-02-01"));
        Assert.Equal(2600m, engine.Value("expansion_mrr", "2024-02-01", "2024-02-29"));
    }

    [Fact]
    public void A_fully_discounted_subscription_contributes_nothing_and_the_customer_is_not_active()
    {
        var s = new Scenario();
        s.Subscription(s.Customer("A"), s.Plan("p", 1000), "2024-01-01", discount: 1500);
        var engine = s.Engine();
        Assert.Equal(0m, engine.OnDay("mrr", "2024-01-31"));
        Assert.Equal(0m, engine.OnDay("active_customers", "2024-01-31"));
        Assert.Equal(0m, engine.OnDay("discounts_mrr", "2024-01-31"));
    }

    [Fact]
    public void A_trial_cancelled_before_it_ends_never_counts()
    {
        var s = new Scenario();
        s.Subscription(s.Customer("A"), s.Plan("p", 1000), "2024-01-01", trialEnd: "2024-01-15", canceledAt: "2024-01-10");
        var engine = s.Engine();
        Assert.Equal(0m, engine.Value("new_mrr", "2024-01-01", "2024-12-31"));
        Assert.Equal(1m, engine.Value("new_trials", "2024-01-01", "2024-12-31"));
        Assert.Equal(0m, engine.Value("trial_conversions", "2024-01-01", "2024-12-31"));
        Assert.Equal(1m, engine.OnDay("active_trials", "2024-01-09"));
        Assert.Equal(0m, engine.OnDay("active_trials", "2024-01-10"));
    }

    [Fact]
    public void Cancellation_exactly_at_midnight_churns_on_the_day_that_starts_then()
    {
        var s = new Scenario();
        s.Subscription(s.Customer("A"), s.Plan("p", 1000), "2024-01-01", canceledAt: "2024-03-01T00:00:00Z");
        var engine = s.Engine();
        Assert.Equal(1000m, engine.OnDay("mrr", "2024-02-29"));
        Assert.Equal(0m, engine.OnDay("mrr", "2024-03-01"));
        Assert.Equal(0m, engine.Value("churned_mrr", "2024-02-01", "2024-02-29"));
        Assert.Equal(-1000m, engine.Value("churned_mrr", "2024-03-01", "2024-03-31"));
    }

    [Fact]
    public void Leap_day_is_an_ordinary_day()
    {
        var s = new Scenario();
        s.Subscription(s.Customer("A"), s.Plan("p", 1000), "2024-02-29T10:00:00Z");
        var engine = s.Engine();
        Assert.Equal(0m, engine.OnDay("mrr", "2024-02-28"));
        Assert.Equal(1000m, engine.OnDay("new_mrr", "2024-02-29"));
        Assert.Equal(1000m, engine.Value("new_mrr", "2024-02-01", "2024-02-29"));
    }

    [Fact]
    public void Past_due_keeps_counting_for_thirty_days_then_churns_and_payment_reactivates()
    {
        var s = new Scenario();
        var plan = s.Plan("p", 1000);
        var sub = s.Subscription(s.Customer("A"), plan, "2024-01-01");
        s.State(sub, plan, "2024-03-01", status: SubscriptionStatus.PastDue);
        s.State(sub, plan, "2024-04-10");
        var engine = s.Engine();
        Assert.Equal(1000m, engine.OnDay("mrr", "2024-03-30"));
        Assert.Equal(-1000m, engine.OnDay("churned_mrr", "2024-03-31"));
        Assert.Equal(1000m, engine.OnDay("reactivation_mrr", "2024-04-10"));
    }

    [Fact]
    public void A_past_due_episode_paid_within_thirty_days_changes_nothing()
    {
        // The episode ends at the payment that recovers it (an active state then): no churn, no reactivation.
        var s = new Scenario();
        var plan = s.Plan("p", 1000);
        var sub = s.Subscription(s.Customer("A"), plan, "2024-01-01");
        s.State(sub, plan, "2024-03-01", status: SubscriptionStatus.PastDue);
        s.State(sub, plan, "2024-03-29T12:00:00Z");
        s.State(sub, plan, "2024-05-01", status: SubscriptionStatus.PastDue);
        var engine = s.Engine();
        Assert.Equal(1000m, engine.OnDay("mrr", "2024-04-15"));
        Assert.Equal(0m, engine.Value("churned_mrr", "2024-01-01", "2024-05-30"));
        Assert.Equal(0m, engine.Value("reactivation_mrr", "2024-01-01", "2024-05-30"));

        // A second, unrecovered episode counts its own 30 days from its own start, not from the first one's.
        Assert.Equal(1000m, engine.OnDay("mrr", "2024-05-30"));
        Assert.Equal(-1000m, engine.OnDay("churned_mrr", "2024-05-31"));
    }

    [Fact]
    public void A_trial_granted_later_is_zero_while_it_lasts_and_keeps_the_paid_months_before_it()
    {
        // Paying from January, a free month in March (a trialing state from its start to its end), paying again in April.
        var s = new Scenario();
        var plan = s.Plan("p", 1000);
        var sub = s.Subscription(s.Customer("A"), plan, "2024-01-01");
        s.State(sub, plan, "2024-03-01", status: SubscriptionStatus.Trialing);
        s.State(sub, plan, "2024-04-01");
        var engine = s.Engine();
        Assert.Equal(1000m, engine.OnDay("mrr", "2024-02-29"));
        Assert.Equal(0m, engine.OnDay("mrr", "2024-03-15"));
        Assert.Equal(1m, engine.OnDay("active_trials", "2024-03-15"));
        Assert.Equal(1000m, engine.OnDay("mrr", "2024-04-01"));
        Assert.Equal(0m, engine.Value("new_trials", "2024-01-01", "2024-12-31"));
    }

    [Fact]
    public void A_subscription_starting_in_a_trialing_state_is_a_new_trial_converted_when_the_state_ends()
    {
        var s = new Scenario();
        var plan = s.Plan("p", 1000);
        var sub = s.Subscription(s.Customer("A"), plan, "2024-01-01", status: SubscriptionStatus.Trialing);
        s.State(sub, plan, "2024-01-15");
        var trialOnly = s.Subscription(s.Customer("B"), plan, "2024-01-03", canceledAt: "2024-01-10", status: SubscriptionStatus.Trialing);
        Assert.NotEqual(0, trialOnly);
        var engine = s.Engine();
        Assert.Equal(2m, engine.Value("new_trials", "2024-01-01", "2024-01-31"));
        Assert.Equal(1m, engine.OnDay("trial_conversions", "2024-01-15"));
        Assert.Equal(1m, engine.Value("trial_conversions", "2024-01-01", "2024-01-31"));
        Assert.Equal(1000m, engine.OnDay("new_mrr", "2024-01-15"));
    }

    [Fact]
    public void Past_due_never_churns_when_the_setting_is_null()
    {
        var s = new Scenario(new MetricSettings { PastDueChurnDays = null });
        var plan = s.Plan("p", 1000);
        var sub = s.Subscription(s.Customer("A"), plan, "2024-01-01");
        s.State(sub, plan, "2024-03-01", status: SubscriptionStatus.PastDue);
        Assert.Equal(1000m, s.Engine().OnDay("mrr", "2024-12-31"));
    }

    [Theory]
    [InlineData(SubscriptionStatus.Unpaid)]
    [InlineData(SubscriptionStatus.Paused)]
    [InlineData(SubscriptionStatus.Canceled)]
    public void Unpaid_paused_and_canceled_states_contribute_nothing(SubscriptionStatus status)
    {
        var s = new Scenario();
        var plan = s.Plan("p", 1000);
        var sub = s.Subscription(s.Customer("A"), plan, "2024-01-01");
        s.State(sub, plan, "2024-02-01", status: status);
        var engine = s.Engine();
        Assert.Equal(0m, engine.OnDay("mrr", "2024-02-01"));
        Assert.Equal(-1000m, engine.OnDay("churned_mrr", "2024-02-01"));
    }

    [Fact]
    public void Metered_plans_are_not_mrr_unless_the_setting_says_so()
    {
        foreach (var include in new[] { false, true })
        {
            var s = new Scenario(new MetricSettings { IncludeMeteredInMrr = include });
            s.Subscription(s.Customer("A"), s.Plan("usage", 2500, metered: true), "2024-01-01");
            Assert.Equal(include ? 2500m : 0m, s.Engine().OnDay("mrr", "2024-01-31"));
        }
    }

    [Fact]
    public void Churn_when_scheduled_uses_the_cancel_request()
    {
        var atEnd = new Scenario();
        atEnd.Subscription(atEnd.Customer("A"), atEnd.Plan("p", 1000), "2024-01-01", canceledAt: "2024-03-31", cancelRequestedAt: "2024-03-05");
        Assert.Equal(1000m, atEnd.Engine().OnDay("mrr", "2024-03-10"));

        var scheduled = new Scenario(new MetricSettings { ChurnRecognition = ChurnRecognition.WhenScheduled });
        scheduled.Subscription(scheduled.Customer("A"), scheduled.Plan("p", 1000), "2024-01-01", canceledAt: "2024-03-31", cancelRequestedAt: "2024-03-05");
        var engine = scheduled.Engine();
        Assert.Equal(0m, engine.OnDay("mrr", "2024-03-10"));
        Assert.Equal(-1000m, engine.OnDay("churned_mrr", "2024-03-05"));
    }

    [Fact]
    public void Same_day_upgrade_and_downgrade_net_out()
    {
        var s = new Scenario();
        var basic = s.Plan("basic", 1000);
        var sub = s.Subscription(s.Customer("A"), basic, "2024-01-01");
        s.State(sub, s.Plan("pro", 3000), "2024-02-10T10:00:00Z");
        s.State(sub, basic, "2024-02-10T15:00:00Z");
        var engine = s.Engine();
        Assert.Equal(0m, engine.Value("upgrades", "2024-02-01", "2024-02-29"));
        Assert.Equal(0m, engine.Value("downgrades", "2024-02-01", "2024-02-29"));
        Assert.Equal(0m, engine.Value("net_new_mrr", "2024-02-01", "2024-02-29"));
    }

    [Fact]
    public void Reactivation_after_churn_is_not_new()
    {
        var s = new Scenario();
        var plan = s.Plan("p", 1000);
        var a = s.Customer("A");
        s.Subscription(a, plan, "2024-01-01", canceledAt: "2024-02-01");
        s.Subscription(a, plan, "2024-04-01", quantity: 2);
        var engine = s.Engine();
        Assert.Equal(1m, engine.Value("new_customers", "2024-01-01", "2024-12-31"));
        Assert.Equal(1m, engine.Value("reactivations", "2024-01-01", "2024-12-31"));
        Assert.Equal(2000m, engine.Value("reactivation_mrr", "2024-04-01", "2024-04-30"));
        Assert.Equal(2m, engine.Value("new_subscriptions", "2024-01-01", "2024-12-31"));
    }

    [Fact]
    public void Lost_disputes_reduce_net_revenue_on_the_day_they_were_lost_and_are_not_refunds()
    {
        var s = new Scenario();
        var a = s.Customer("A");
        s.Builder.AddCharge(a, 5000, 0, "USD", Scenario.T("2024-03-02"), ChargeStatus.Paid, ChargeKind.Recurring);
        s.Builder.AddRefund(a, 1000, "USD", Scenario.T("2024-03-05"), RefundKind.Refund);
        s.Builder.AddRefund(a, 4000, "USD", Scenario.T("2024-04-20T08:00:00Z"), RefundKind.Dispute);
        var engine = s.Engine();
        Assert.Equal(1000m, engine.Value("refunds", "2024-03-01", "2024-04-30"));
        Assert.Equal(0m, engine.Value("disputes", "2024-03-01", "2024-03-31"));
        Assert.Equal(4000m, engine.OnDay("disputes", "2024-04-20"));
        Assert.Equal(4000m, engine.Value("net_revenue", "2024-03-01", "2024-03-31"));
        Assert.Equal(-4000m, engine.Value("net_revenue", "2024-04-01", "2024-04-30"));
    }
}
