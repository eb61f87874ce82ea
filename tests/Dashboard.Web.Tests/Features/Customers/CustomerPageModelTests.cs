using Dashboard.Core.Billing;
using Dashboard.Core.Customers;
using Dashboard.Core.Metrics;
using Dashboard.Core.Timelines;
using Dashboard.Web.Features.Customers;
using Dashboard.Web.Services.Customers;

namespace Dashboard.Web.Tests.Features.Customers;

/// <summary>
/// The customer page's view model from the engine's numbers and a stored record: a customer on basic from Jan 10, 2026,
/// upgraded to pro with 2 seats and an add-on on Mar 1, cut to 1 seat on May 1, cancelled Jul 1 and back on basic Sep 1.
/// </summary>
public sealed class CustomerPageModelTests
{
    private static readonly DateTimeOffset Jan10 = new(2026, 1, 10, 9, 0, 0, TimeSpan.Zero);

    private static (CustomerMetrics Metrics, ReportingCalendar Calendar) Engine()
    {
        var builder = new TimelineBuilder();
        builder.AddPlan(1, "basic", "Basic", "USD", 1_000, BillingInterval.Month, 1, false);
        builder.AddPlan(2, "pro", "Pro", "USD", 3_000, BillingInterval.Month, 1, false);
        builder.AddCustomer(10, 1, "cus_10", "Acme", "ops@acme.example", "DE", "USD");
        builder.AddSubscription(100, 10, "sub_a", Jan10, canceledAt: new DateTimeOffset(2026, 7, 1, 0, 0, 0, TimeSpan.Zero));
        builder.AddSubscriptionState(1000, 100, Jan10, 1);
        builder.AddSubscriptionState(1001, 100, new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero), 2, quantity: 2);
        builder.AddAddOn(1001, 500, 2);
        builder.AddSubscriptionState(1002, 100, new DateTimeOffset(2026, 5, 1, 0, 0, 0, TimeSpan.Zero), 2, quantity: 1);
        builder.AddSubscription(101, 10, "sub_b", new DateTimeOffset(2026, 9, 1, 0, 0, 0, TimeSpan.Zero));
        builder.AddSubscriptionState(1003, 101, new DateTimeOffset(2026, 9, 1, 0, 0, 0, TimeSpan.Zero), 1);
        builder.AddCharge(10, 1_000, 59, "USD", Jan10, ChargeStatus.Paid, ChargeKind.Recurring);
        builder.AddRefund(10, 400, "USD", Jan10.AddDays(3));
        var engine = new MetricsEngine(builder.Build());
        return (engine.Customer(10, new DateOnly(2026, 11, 22))!, engine.Current.Calendar);
    }

    private static CustomerRecord Record() => new(
        new Customer { Id = 10, ExternalId = "cus_10", Name = "Acme", Email = "ops@acme.example", Country = "DE", CreatedAt = Jan10.AddDays(-2) },
        "Stripe",
        SourceProvider.Stripe,
        [
            new SubscriptionRecord(100, "sub_a", Jan10, null, new DateTimeOffset(2026, 7, 1, 0, 0, 0, TimeSpan.Zero), null,
            [
                new StateRecord(Jan10, "Basic", "basic", "USD", 1_000, BillingInterval.Month, 1, 1, 0, SubscriptionStatus.Active, []),
                new StateRecord(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero), "Pro", "pro", "USD", 3_000, BillingInterval.Month, 1, 2, 0,
                    SubscriptionStatus.Active, [new SubscriptionAddOn { ExternalId = "extra_storage", AmountMinor = 500, Quantity = 2 }]),
                new StateRecord(new DateTimeOffset(2026, 5, 1, 0, 0, 0, TimeSpan.Zero), "Pro", "pro", "USD", 3_000, BillingInterval.Month, 1, 1, 200,
                    SubscriptionStatus.PastDue, []),
            ]),
        ],
        [
            new ChargeRecord(7, "ch_1", Jan10, 1_000, 59, "USD", ChargeStatus.Paid, ChargeKind.Recurring,
                [new Refund { ExternalId = "re_1", AmountMinor = 400, Currency = "USD", CreatedAt = Jan10.AddDays(3) }]),
        ],
        [new AttributeRecord("seats", "Seats", AttributeType.Number, "12")]);

    [Fact]
    public void Movements_are_in_date_order_and_sum_to_the_current_mrr()
    {
        var (metrics, calendar) = Engine();

        var model = CustomerPageModel.From(Record(), metrics, calendar);

        Assert.Equal(["new", "expansion", "contraction", "churn", "reactivation"], model.Movements.Select(m => m.Kind));
        Assert.Equal([1_000L, 6_000, -4_000, -3_000, 1_000], model.Movements.Select(m => m.Amount));
        Assert.True(model.Movements.Zip(model.Movements.Skip(1)).All(p => p.First.Date <= p.Second.Date));
        Assert.Equal(model.Mrr, model.MovementsSum);
        Assert.Equal(1_000, model.Mrr);
        Assert.Equal("$10.00", model.MrrDisplay);
        Assert.Equal("+$60.00", model.Movements[1].AmountDisplay);
        Assert.Equal("-$40.00", model.Movements[2].AmountDisplay);
    }

    [Fact]
    public void History_has_one_point_per_month_from_the_first_to_today_in_order()
    {
        var (metrics, calendar) = Engine();

        var model = CustomerPageModel.From(Record(), metrics, calendar);

        Assert.Equal(Enumerable.Range(1, 11).Select(m => new DateOnly(2026, m, 1)), model.Chart.Select(p => p.Date));
        Assert.Equal([1_000L, 1_000, 7_000, 7_000, 3_000, 3_000, 0, 0, 1_000, 1_000, 1_000], model.Chart.Select(p => p.Minor));
        Assert.StartsWith("2026-01-01=1000;2026-02-01=1000;2026-03-01=7000", model.ChartSeries);
        Assert.Equal("Jan 2026", model.Chart[0].Label);
        Assert.Equal(70.0, model.Chart[2].Major);
    }

    [Fact]
    public void Header_subscriptions_charges_and_attributes_are_readable()
    {
        var (metrics, calendar) = Engine();

        var model = CustomerPageModel.From(Record(), metrics, calendar);

        Assert.Equal("Acme", model.Name);
        Assert.Equal("Stripe (Stripe)", model.Source);
        Assert.Equal("Jan 8, 2026", model.Created);
        Assert.Equal("Jan 10, 2026", model.Since);
        Assert.Equal("Active", model.StatusLabel);
        Assert.Equal("$6.00", model.NetRevenueDisplay);
        Assert.Equal("Basic", model.Plans);
        var states = model.Subscriptions.Single().States;
        Assert.Equal(["Jan 10, 2026", "Mar 1, 2026", "May 1, 2026"], states.Select(s => s.EffectiveFrom));
        Assert.Equal(["$10.00 / month", "$70.00 / month", "$28.00 / month"], states.Select(s => s.Amount));
        Assert.Equal("extra_storage 2 × $5.00", states[1].AddOns);
        Assert.Equal(["Active", "Active", "Past due"], states.Select(s => s.Status));
        Assert.Equal("-$2.00", states[2].Discount);
        Assert.Equal("Jul 1, 2026", model.Subscriptions[0].Ended);
        var charge = model.Charges.Single();
        Assert.Equal(("$10.00", "$0.59", "Paid", "Recurring", "$4.00", "$4.00 on Jan 13, 2026"), (charge.Amount, charge.Fee, charge.Status, charge.Kind, charge.Refunded, charge.Refunds));
        Assert.Equal(new AttributeRowView("Seats", "seats", "number", "12"), model.Attributes.Single());
    }
}
