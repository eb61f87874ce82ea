using Dashboard.Core.Billing;

namespace Dashboard.Core.Timelines;

/// <summary>
/// Plain in-memory billing data (tests, demo data, small stores). Subscriptions carry their states and add-ons;
/// attribute values may be given in <see cref="CustomerAttributes"/> or in each <see cref="Customer.Attributes"/>.
/// Large stores should stream rows into a <see cref="TimelineBuilder"/> instead.
/// </summary>
public sealed class BillingSnapshot
{
    public IReadOnlyList<Customer> Customers { get; init; } = [];
    public IReadOnlyList<Plan> Plans { get; init; } = [];
    public IReadOnlyList<Subscription> Subscriptions { get; init; } = [];
    public IReadOnlyList<Charge> Charges { get; init; } = [];
    public IReadOnlyList<Refund> Refunds { get; init; } = [];
    public IReadOnlyList<AttributeField> AttributeFields { get; init; } = [];
    public IReadOnlyList<CustomerAttribute> CustomerAttributes { get; init; } = [];
    public IReadOnlyList<FxRate> FxRates { get; init; } = [];

    /// <summary>Feeds every row into a new builder.</summary>
    public TimelineBuilder ToBuilder(MetricSettings? settings = null)
    {
        var builder = new TimelineBuilder(settings);
        foreach (var rate in FxRates)
        {
            builder.AddFxRate(rate.Date, rate.Currency, rate.Rate);
        }

        foreach (var plan in Plans)
        {
            builder.AddPlan(plan);
        }

        foreach (var field in AttributeFields)
        {
            builder.AddAttributeField(field.Id, field.Key, field.Type);
        }

        foreach (var customer in Customers)
        {
            builder.AddCustomer(customer);
            foreach (var attribute in customer.Attributes)
            {
                builder.AddCustomerAttribute(customer.Id, attribute.FieldId, attribute.Value);
            }
        }

        foreach (var attribute in CustomerAttributes)
        {
            builder.AddCustomerAttribute(attribute.CustomerId, attribute.FieldId, attribute.Value);
        }

        foreach (var subscription in Subscriptions)
        {
            builder.AddSubscription(subscription);
            foreach (var state in subscription.States)
            {
                builder.AddSubscriptionState(state.SubscriptionId == 0 ? WithSubscription(state, subscription.Id) : state);
                foreach (var addOn in state.AddOns)
                {
                    builder.AddAddOn(state.Id, addOn.AmountMinor, addOn.Quantity);
                }
            }
        }

        var customerOfCharge = new Dictionary<long, long>(Charges.Count);
        foreach (var charge in Charges)
        {
            builder.AddCharge(charge);
            customerOfCharge[charge.Id] = charge.CustomerId;
        }

        foreach (var refund in Refunds)
        {
            if (!customerOfCharge.TryGetValue(refund.ChargeId, out var customerId))
            {
                throw new InvalidOperationException($"Refund {refund.ExternalId} refers to charge id {refund.ChargeId}, which is not in the snapshot.");
            }

            builder.AddRefund(customerId, refund.AmountMinor, refund.Currency, refund.CreatedAt, refund.Kind);
        }

        return builder;
    }

    public TimelineSet Build(MetricSettings? settings = null) => ToBuilder(settings).Build();

    private static SubscriptionState WithSubscription(SubscriptionState state, long subscriptionId) => new()
    {
        Id = state.Id,
        SubscriptionId = subscriptionId,
        EffectiveFrom = state.EffectiveFrom,
        PlanId = state.PlanId,
        Quantity = state.Quantity,
        DiscountMinor = state.DiscountMinor,
        AmountMinor = state.AmountMinor,
        Currency = state.Currency,
        Status = state.Status,
    };
}
