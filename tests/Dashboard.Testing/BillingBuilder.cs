using Dashboard.Core.Billing;
using Dashboard.Infrastructure.Data;

namespace Dashboard.Testing;

/// <summary>
/// Builds a small, exactly known billing data set (one source, plans, customers, subscription histories) and saves it
/// into a store, so tests can check metric values by hand.
/// </summary>
public sealed class BillingBuilder
{
    private readonly List<Plan> plans = [];
    private readonly List<Customer> customers = [];
    private readonly List<(Subscription Subscription, Customer Customer, List<(SubscriptionState State, Plan Plan)> States)> subscriptions = [];
    private readonly List<FxRate> rates = [];

    public Plan Plan(string id, long amountMinor, BillingInterval interval = BillingInterval.Month, int intervalCount = 1, string currency = "USD", bool metered = false)
    {
        var plan = new Plan
        {
            ExternalId = id,
            Name = id,
            Currency = currency,
            AmountMinor = amountMinor,
            Interval = interval,
            IntervalCount = intervalCount,
            IsMetered = metered,
        };
        plans.Add(plan);
        return plan;
    }

    public Customer Customer(string id, DateTimeOffset? createdAt = null)
    {
        var customer = new Customer
        {
            ExternalId = id,
            Name = "Customer " + id,
            Email = id + "@example.com",
            Currency = "USD",
            CreatedAt = createdAt ?? DateTimeOffset.UnixEpoch,
        };
        customers.Add(customer);
        return customer;
    }

    /// <summary>A subscription with its first state; add later states with <see cref="Change"/>.</summary>
    public Subscription Subscribe(
        Customer customer,
        Plan plan,
        DateTimeOffset startedAt,
        DateTimeOffset? canceledAt = null,
        DateTimeOffset? trialEnd = null,
        int quantity = 1,
        long discountMinor = 0,
        SubscriptionStatus status = SubscriptionStatus.Active,
        params SubscriptionAddOn[] addOns)
    {
        var subscription = new Subscription
        {
            ExternalId = $"sub_{subscriptions.Count + 1}",
            StartedAt = startedAt,
            CanceledAt = canceledAt,
            TrialEnd = trialEnd,
        };
        var state = new SubscriptionState
        {
            EffectiveFrom = startedAt,
            Quantity = quantity,
            DiscountMinor = discountMinor,
            Status = status,
            AddOns = [.. addOns],
        };
        subscriptions.Add((subscription, customer, [(state, plan)]));
        return subscription;
    }

    /// <summary>A new state of <paramref name="subscription"/> from <paramref name="at"/> (an upgrade, a status change...).</summary>
    public BillingBuilder Change(Subscription subscription, Plan plan, DateTimeOffset at, int quantity = 1, long discountMinor = 0, SubscriptionStatus status = SubscriptionStatus.Active)
    {
        var entry = subscriptions.Single(s => s.Subscription == subscription);
        entry.States.Add((new SubscriptionState { EffectiveFrom = at, Quantity = quantity, DiscountMinor = discountMinor, Status = status }, plan));
        return this;
    }

    public BillingBuilder Rate(DateOnly date, string currency, decimal rate)
    {
        rates.Add(new FxRate { Date = date, Currency = currency, Rate = rate });
        return this;
    }

    public async Task SaveAsync(DashboardDbContext context, CancellationToken cancellationToken = default)
    {
        var source = new Source { Name = "Test data", Provider = SourceProvider.Api, CreatedAt = DateTimeOffset.UnixEpoch };
        context.Sources.Add(source);
        await context.SaveChangesAsync(cancellationToken);

        foreach (var plan in plans)
        {
            plan.SourceId = source.Id;
        }

        foreach (var customer in customers)
        {
            customer.SourceId = source.Id;
        }

        context.Plans.AddRange(plans);
        context.Customers.AddRange(customers);
        context.FxRates.AddRange(rates);
        await context.SaveChangesAsync(cancellationToken);

        foreach (var (subscription, customer, states) in subscriptions)
        {
            subscription.SourceId = source.Id;
            subscription.CustomerId = customer.Id;
            foreach (var (state, plan) in states)
            {
                state.PlanId = plan.Id;
            }

            subscription.States = states.Select(s => s.State).ToList();
            context.Subscriptions.Add(subscription);
        }

        await context.SaveChangesAsync(cancellationToken);
    }
}
