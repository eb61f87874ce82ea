using Dashboard.Core.Billing;
using Dashboard.Core.Metrics;
using Dashboard.Core.Segments;

namespace Dashboard.Core.Tests.Segments;

public sealed class SegmentFilterTests
{
    private static MetricsEngine Engine()
    {
        // A: US, google, 12 seats, signed 2024-01-10, basic $10. B: DE, ads, 3 seats, pro $30. C: FR, no attributes, basic + pro.
        var s = new Scenario();
        s.Builder.AddAttributeField(1, "utm_source", AttributeType.String);
        s.Builder.AddAttributeField(2, "seats", AttributeType.Number);
        s.Builder.AddAttributeField(3, "signed_on", AttributeType.Date);
        var basic = s.Plan("basic", 1000, name: "Basic monthly");
        var pro = s.Plan("pro", 3000, name: "Pro");
        var a = s.Customer("A", "US", "alice@acme.io", sourceId: 7);
        var b = s.Customer("B", "DE", "bob@beta.de");
        var c = s.Customer("C", "FR", "carol@acme.io");
        s.Builder.AddCustomerAttribute(a, 1, "google");
        s.Builder.AddCustomerAttribute(a, 2, "12");
        s.Builder.AddCustomerAttribute(a, 3, "2024-01-10");
        s.Builder.AddCustomerAttribute(b, 1, "ads");
        s.Builder.AddCustomerAttribute(b, 2, "3");
        s.Subscription(a, basic, "2024-01-01");
        s.Subscription(b, pro, "2024-01-01");
        s.Subscription(c, basic, "2024-01-01");
        s.Subscription(c, pro, "2024-01-01");
        s.Builder.AddCharge(b, 3000, 0, "USD", Scenario.T("2024-01-02"), ChargeStatus.Paid, ChargeKind.Recurring);
        s.Builder.AddCharge(c, 4000, 0, "USD", Scenario.T("2024-01-02"), ChargeStatus.Paid, ChargeKind.Recurring);
        return s.Engine();
    }

    [Theory]
    [InlineData("country:eq:us", 1000)]
    [InlineData("country:neq:US", 7000)]
    [InlineData("country:in:US|FR", 5000)]
    [InlineData("email:contains:@ACME.io", 5000)]
    [InlineData("utm_source:eq:google", 1000)]
    [InlineData("utm_source:exists:", 4000)]
    [InlineData("utm_source:not_exists", 4000)]
    [InlineData("seats:gt:3", 1000)]
    [InlineData("seats:gte:3", 4000)]
    [InlineData("seats:lt:12", 3000)]
    [InlineData("seats:eq:12.0", 1000)]
    [InlineData("signed_on:lte:2024-01-31", 1000)]
    [InlineData("source:eq:7", 1000)]
    [InlineData("currency:eq:USD", 8000)]
    [InlineData("plan:eq:pro", 6000)]
    [InlineData("plan:eq:Basic monthly", 2000)]
    [InlineData("plan:neq:pro", 2000)]
    [InlineData("plan:contains:PR", 6000)]
    public void Each_operator_keeps_the_right_customers_or_subscriptions(string filter, long expectedMrr) =>
        Assert.Equal(expectedMrr, Engine().Value("mrr", "2024-01-01", "2024-01-31", filter));

    [Fact]
    public void Filters_are_joined_by_and_and_plan_filters_count_only_matching_subscriptions()
    {
        var engine = Engine();
        Assert.Equal(3000m, engine.Value("mrr", "2024-01-01", "2024-01-31", "plan:eq:pro", "country:eq:FR"));
        Assert.Equal(1m, engine.Value("active_subscriptions", "2024-01-01", "2024-01-31", "plan:eq:pro", "country:eq:FR"));
        Assert.Equal(2m, engine.Value("active_customers", "2024-01-01", "2024-01-31", "plan:eq:pro"));
    }

    [Fact]
    public void Cash_metrics_respect_customer_level_filters()
    {
        Assert.Equal(7000m, Engine().Value("gross_revenue", "2024-01-01", "2024-01-31"));
        Assert.Equal(4000m, Engine().Value("gross_revenue", "2024-01-01", "2024-01-31", "country:eq:FR"));
    }

    [Fact]
    public void Parse_keeps_colons_in_the_value()
    {
        Assert.Equal(new SegmentFilter("utm_campaign", FilterOperator.Eq, "spring:2024:b"), SegmentFilter.Parse("utm_campaign:eq:spring:2024:b"));
        Assert.Equal(new SegmentFilter("country", FilterOperator.NotExists, ""), SegmentFilter.Parse("country:not_exists"));
    }

    [Theory]
    [InlineData("country", "field:op:value")]
    [InlineData("country:between:1", "Unknown operator 'between'")]
    [InlineData("country:eq", "has no value")]
    [InlineData(":eq:US", "field:op:value")]
    public void Parse_errors_say_what_is_wrong(string text, string message)
    {
        var error = Assert.Throws<MetricQueryException>(() => SegmentFilter.Parse(text));
        Assert.Equal("filter", error.Parameter);
        Assert.Contains(message, error.Message);
    }

    [Theory]
    [InlineData("seats:gt:many", "is not a number")]
    [InlineData("signed_on:gt:yesterday", "is not a date")]
    [InlineData("shoe_size:eq:4", "Unknown filter field 'shoe_size'")]
    public void Compile_errors_name_the_bad_part(string text, string message)
    {
        var error = Assert.Throws<MetricQueryException>(() => Engine().Value("mrr", "2024-01-01", "2024-01-31", text));
        Assert.Contains(message, error.Message);
    }
}
