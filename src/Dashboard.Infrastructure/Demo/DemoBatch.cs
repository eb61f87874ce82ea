using Dashboard.Core.Billing;

namespace Dashboard.Infrastructure.Demo;

/// <summary>
/// Rows that never change with the customers: the source, the price list, the custom attribute fields and the
/// cancellation reasons. Write it before the first <see cref="DemoBatch"/>.
/// </summary>
public sealed class DemoCatalog
{
    public required Source Source { get; init; }
    public required IReadOnlyList<Plan> Plans { get; init; }
    public required IReadOnlyList<AttributeField> AttributeFields { get; init; }
    public required IReadOnlyList<CancellationReason> CancellationReasons { get; init; }

    public long RowCount => 1 + Plans.Count + AttributeFields.Count + CancellationReasons.Count;
}

/// <summary>
/// A slice of consecutive customers with every row that belongs to them, ids already assigned and foreign keys wired.
/// The flat lists are what a bulk writer inserts; the same objects are also linked through the navigation lists
/// (<see cref="Customer.Attributes"/>, <see cref="Subscription.States"/>, <see cref="SubscriptionState.AddOns"/>)
/// for in-memory consumers such as benchmarks.
/// </summary>
public sealed class DemoBatch
{
    /// <summary>0-based position of the batch in the stream.</summary>
    public int Index { get; init; }

    public List<Customer> Customers { get; } = [];
    public List<CustomerAttribute> Attributes { get; } = [];

    /// <summary>The dated changes that led to <see cref="Attributes"/>' values, oldest first per customer and field.</summary>
    public List<CustomerAttributeChange> AttributeChanges { get; } = [];
    public List<Subscription> Subscriptions { get; } = [];

    /// <summary>Every subscription's states, each subscription's ordered by <see cref="SubscriptionState.EffectiveFrom"/>.</summary>
    public List<SubscriptionState> States { get; } = [];

    public List<SubscriptionAddOn> AddOns { get; } = [];
    public List<Charge> Charges { get; } = [];
    public List<Refund> Refunds { get; } = [];
    public List<CancellationEvent> CancellationEvents { get; } = [];

    public long RowCount =>
        (long)Customers.Count + Attributes.Count + AttributeChanges.Count + Subscriptions.Count + States.Count + AddOns.Count + Charges.Count +
        Refunds.Count + CancellationEvents.Count;
}
