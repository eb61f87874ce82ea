using Dashboard.Core.Billing;
using Dashboard.Core.Customers;
using Dashboard.Core.Metrics;
using Dashboard.Core.Segments;
using static Dashboard.Core.Tests.Scenario;

namespace Dashboard.Core.Tests.Customers;

/// <summary>
/// The customer list and a customer's engine numbers on a small known business, as of the end of 2024-06-30:
/// alice pro $30 (basic from Jan 10, pro from Mar 5; paid $10 + $30, $5 refunded), erin annual $120/yr + basic = $20,
/// dave basic $10 but past due since Jun 20, dora basic $10 (churned Feb 1, back Apr 1), bob churned May 1 (pro),
/// carol in a pro trial until Jul 4, frank has no subscription.
/// </summary>
public sealed class CustomerDirectoryTests
{
    private static readonly DateOnly Day = D("2024-06-30");
    private readonly Scenario scenario = new();
    private readonly Dictionary<string, long> ids = [];
    private readonly MetricsEngine engine;

    public CustomerDirectoryTests()
    {
        var s = scenario;
        var basic = s.Plan("basic", 1_000, name: "Basic");
        var pro = s.Plan("pro", 3_000, name: "Pro");
        var annual = s.Plan("annual", 12_000, BillingInterval.Year, name: "Annual");
        s.Builder.AddAttributeField(900, "seats", AttributeType.Number);

        var alice = Add("alice", "DE", seats: "5");
        var sub = s.Subscription(alice, basic, "2024-01-10");
        s.State(sub, pro, "2024-03-05");
        s.Builder.AddCharge(alice, 1_000, 59, "USD", T("2024-01-10"), ChargeStatus.Paid, ChargeKind.Recurring);
        s.Builder.AddCharge(alice, 3_000, 117, "USD", T("2024-03-05"), ChargeStatus.Paid, ChargeKind.Recurring);
        s.Builder.AddCharge(alice, 3_000, 0, "USD", T("2024-04-05"), ChargeStatus.Failed, ChargeKind.Recurring);
        s.Builder.AddRefund(alice, 500, "USD", T("2024-04-10"));
        s.Builder.AddCharge(alice, 3_000, 117, "USD", T("2024-07-05"), ChargeStatus.Paid, ChargeKind.Recurring); // after the day

        var bob = Add("bob", "US", seats: "12");
        s.Subscription(bob, pro, "2024-02-01", canceledAt: "2024-05-01");

        var carol = Add("carol", "US");
        s.Subscription(carol, pro, "2024-06-20", trialEnd: "2024-07-04");

        var dave = Add("dave", "FR", seats: "2");
        var daveSub = s.Subscription(dave, basic, "2024-01-01");
        s.State(daveSub, basic, "2024-06-20", status: SubscriptionStatus.PastDue);

        var erin = Add("erin", "DE");
        s.Subscription(erin, annual, "2024-04-01");
        s.Subscription(erin, basic, "2024-05-15");

        Add("frank", null);

        var dora = Add("dora", "GB");
        s.Subscription(dora, basic, "2024-01-01", canceledAt: "2024-02-01");
        s.Subscription(dora, basic, "2024-04-01");

        engine = s.Engine();

        long Add(string name, string? country, string? seats = null)
        {
            var id = s.Customer(name, country, email: name + "@shop.example");
            if (seats is not null)
            {
                s.Builder.AddCustomerAttribute(id, 900, seats);
            }

            ids[name] = id;
            return id;
        }
    }

    private CustomerListPage List(CustomerListQuery? query = null) => engine.Customers(query ?? new CustomerListQuery(Day) { Limit = 100 });

    private static string[] Names(CustomerListPage page) => page.Rows.Select(r => r.ExternalId).ToArray();

    [Fact]
    public void Default_order_is_mrr_descending_then_id_and_the_mrr_is_the_engines()
    {
        var page = List();

        Assert.Equal(["alice", "erin", "dave", "dora", "bob", "carol", "frank"], Names(page));
        Assert.Equal([3_000L, 2_000, 1_000, 1_000, 0, 0, 0], page.Rows.Select(r => r.Mrr));
        Assert.Equal(7, page.Total);
        Assert.Equal(7_000, page.TotalMrr);
        Assert.Equal(engine.OnDay("mrr", "2024-06-30"), page.TotalMrr);
        Assert.Equal("USD", page.Currency);
    }

    [Fact]
    public void Rows_carry_status_plans_start_revenue_and_country()
    {
        var rows = List().Rows.ToDictionary(r => r.ExternalId);

        Assert.Equal(CustomerStatus.Active, rows["alice"].Status);
        Assert.Equal(CustomerStatus.PastDue, rows["dave"].Status);
        Assert.Equal(CustomerStatus.Trialing, rows["carol"].Status);
        Assert.Equal(CustomerStatus.Churned, rows["bob"].Status);
        Assert.Equal(CustomerStatus.NeverPaid, rows["frank"].Status);
        Assert.Equal(["Pro"], rows["alice"].Plans);
        Assert.Equal(["Annual", "Basic"], rows["erin"].Plans.Order());
        Assert.Equal(["Pro"], rows["bob"].Plans); // churned: the plan it had last
        Assert.Equal(["Pro"], rows["carol"].Plans);
        Assert.Empty(rows["frank"].Plans);
        Assert.Equal(D("2024-01-10"), rows["alice"].Since);
        Assert.Equal(D("2024-01-01"), rows["dora"].Since); // the first paid day, not the reactivation
        Assert.Null(rows["carol"].Since);
        Assert.Equal(1_000 + 3_000 - 500, rows["alice"].NetRevenue); // the failed charge and the July charge do not count
        Assert.Equal("DE", rows["alice"].Country);
        Assert.Equal("alice@shop.example", rows["alice"].Email);
    }

    [Fact]
    public void Past_due_turns_into_churn_after_the_configured_days()
    {
        var later = engine.Customers(new CustomerListQuery(D("2024-07-25")) { Search = "dave" }).Rows.Single();

        Assert.Equal(CustomerStatus.Churned, later.Status);
        Assert.Equal(0, later.Mrr);
    }

    [Theory]
    [InlineData("ALI", new[] { "alice" })]
    [InlineData("shop.example", new[] { "alice", "erin", "dave", "dora", "bob", "carol", "frank" })]
    [InlineData("ra", new[] { "dora", "frank" })]
    [InlineData("nobody", new string[0])]
    public void Search_matches_name_email_and_external_id_ignoring_case(string search, string[] expected)
    {
        var page = List(new CustomerListQuery(Day) { Search = search });

        Assert.Equal(expected, Names(page));
        Assert.Equal(expected.Length, page.Total);
    }

    [Fact]
    public void Search_finds_a_customer_by_its_id()
    {
        var page = List(new CustomerListQuery(Day) { Search = ids["erin"].ToString(System.Globalization.CultureInfo.InvariantCulture) });

        Assert.Equal(["erin"], Names(page));
    }

    [Fact]
    public void Customer_filters_keep_whole_customers_and_the_plan_filter_counts_matching_subscriptions_only()
    {
        var us = List(new CustomerListQuery(Day) { Filters = [SegmentFilter.Parse("country:eq:US")] });
        Assert.Equal(["bob", "carol"], Names(us));

        var basic = List(new CustomerListQuery(Day) { Filters = [SegmentFilter.Parse("plan:eq:basic")] });
        // Customers who never had basic are not listed; erin counts only her basic subscription.
        Assert.Equal(["dave", "erin", "dora", "alice"], Names(basic));
        Assert.Equal([1_000L, 1_000, 1_000, 0], basic.Rows.Select(r => r.Mrr));
        Assert.Equal(["Basic"], basic.Rows.Single(r => r.ExternalId == "erin").Plans);
        Assert.Equal(CustomerStatus.Churned, basic.Rows.Single(r => r.ExternalId == "alice").Status);
        Assert.Equal(engine.OnDay("mrr", "2024-06-30", "plan:eq:basic"), basic.TotalMrr);

        var combined = List(new CustomerListQuery(Day) { Filters = [SegmentFilter.Parse("seats:gte:5")], Search = "ALI" });
        Assert.Equal(["alice"], Names(combined));
    }

    [Fact]
    public void Bad_filters_attributes_and_paging_are_refused_with_their_name()
    {
        Assert.Equal("filter", Assert.Throws<MetricQueryException>(() => List(new CustomerListQuery(Day) { Filters = [SegmentFilter.Parse("shoe:eq:9")] })).Parameter);
        Assert.Equal("attribute", Assert.Throws<MetricQueryException>(() => List(new CustomerListQuery(Day) { Attribute = "shoe" })).Parameter);
        Assert.Equal("limit", Assert.Throws<MetricQueryException>(() => List(new CustomerListQuery(Day) { Limit = 0 })).Parameter);
        Assert.Equal("offset", Assert.Throws<MetricQueryException>(() => List(new CustomerListQuery(Day) { Offset = -1 })).Parameter);
    }

    [Theory]
    [InlineData(CustomerSortField.Name, false, new[] { "alice", "bob", "carol", "dave", "dora", "erin", "frank" })]
    [InlineData(CustomerSortField.Name, true, new[] { "frank", "erin", "dora", "dave", "carol", "bob", "alice" })]
    [InlineData(CustomerSortField.Mrr, false, new[] { "bob", "carol", "frank", "dave", "dora", "erin", "alice" })]
    [InlineData(CustomerSortField.Since, false, new[] { "dave", "dora", "alice", "bob", "erin", "carol", "frank" })]
    [InlineData(CustomerSortField.Since, true, new[] { "erin", "bob", "alice", "dave", "dora", "carol", "frank" })]
    [InlineData(CustomerSortField.Status, false, new[] { "alice", "erin", "dora", "dave", "carol", "bob", "frank" })]
    [InlineData(CustomerSortField.Plan, false, new[] { "erin", "dave", "dora", "alice", "bob", "carol", "frank" })]
    [InlineData(CustomerSortField.Attribute, false, new[] { "dave", "alice", "bob", "carol", "erin", "frank", "dora" })]
    [InlineData(CustomerSortField.Attribute, true, new[] { "bob", "alice", "dave", "carol", "erin", "frank", "dora" })]
    public void Sorts_put_missing_values_last_and_break_ties_by_id(CustomerSortField sort, bool descending, string[] expected)
    {
        var page = List(new CustomerListQuery(Day) { Sort = sort, Descending = descending, Attribute = "seats" });

        Assert.Equal(expected, Names(page));
        var byName = page.Rows.ToDictionary(r => r.ExternalId);
        Assert.Equal(["5", "12", null], new[] { "alice", "bob", "frank" }.Select(n => byName[n].AttributeValue));
    }

    [Fact]
    public void Net_revenue_sort_orders_by_paid_minus_refunded()
    {
        var page = List(new CustomerListQuery(Day) { Sort = CustomerSortField.NetRevenue });

        Assert.Equal("alice", page.Rows[0].ExternalId);
        Assert.All(page.Rows.Skip(1), r => Assert.Equal(0, r.NetRevenue));
    }

    [Fact]
    public void Pages_are_slices_of_the_whole_order()
    {
        var whole = Names(List());

        for (var offset = 0; offset < 8; offset++)
        {
            var page = List(new CustomerListQuery(Day) { Offset = offset, Limit = 2 });
            Assert.Equal(whole.Skip(offset).Take(2), Names(page));
            Assert.Equal(7, page.Total);
            Assert.Equal(offset, page.Offset);
        }
    }

    [Fact]
    public void Customer_metrics_have_movements_summing_to_the_mrr_and_a_monthly_history_in_order()
    {
        var dora = engine.Customer(ids["dora"], Day)!;

        Assert.Equal(1_000, dora.Mrr);
        Assert.Equal(["new", "churn", "reactivation"], dora.Movements.Select(m => m.Kind));
        Assert.Equal([D("2024-01-01"), D("2024-02-01"), D("2024-04-01")], dora.Movements.Select(m => m.Date));
        Assert.Equal(dora.Mrr, dora.Movements.Sum(m => m.Amount));
        Assert.Equal(CustomerStatus.Active, dora.Status);
        Assert.Equal(D("2024-01-01"), dora.Since);
        Assert.Equal(["Basic"], dora.Plans);
        Assert.Equal([D("2024-01-01"), D("2024-02-01"), D("2024-03-01"), D("2024-04-01"), D("2024-05-01"), D("2024-06-01")], dora.History.Select(h => h.Month));
        Assert.Equal([1_000L, 0, 0, 1_000, 1_000, 1_000], dora.History.Select(h => h.Mrr));

        var alice = engine.Customer(ids["alice"], Day)!;
        Assert.Equal(["new", "expansion"], alice.Movements.Select(m => m.Kind));
        Assert.Equal(3_000, alice.Movements.Sum(m => m.Amount));
        Assert.Equal(3_500, alice.NetRevenue);
        Assert.Equal(1_000, alice.History[0].Mrr);
        Assert.Equal(3_000, alice.History[^1].Mrr);
    }

    [Fact]
    public void Customer_metrics_stop_at_the_date_and_unknown_customers_are_null()
    {
        var bob = engine.Customer(ids["bob"], D("2024-03-31"))!;
        Assert.Equal(3_000, bob.Mrr);
        Assert.Equal(["new"], bob.Movements.Select(m => m.Kind));

        var bobNow = engine.Customer(ids["bob"], Day)!;
        Assert.Equal(0, bobNow.Movements.Sum(m => m.Amount));
        Assert.Equal(CustomerStatus.Churned, bobNow.Status);

        var frank = engine.Customer(ids["frank"], Day)!;
        Assert.Empty(frank.History);
        Assert.Empty(frank.Movements);
        Assert.Equal(CustomerStatus.NeverPaid, frank.Status);

        Assert.Null(engine.Customer(999_999, Day));
    }
}
