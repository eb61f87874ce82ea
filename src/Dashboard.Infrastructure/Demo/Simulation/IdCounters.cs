namespace Dashboard.Infrastructure.Demo.Simulation;

/// <summary>The last id given out per table, shared by every customer of a run so ids are sequential.</summary>
internal sealed class IdCounters(DemoIdOffsets offsets)
{
    public long Customer = offsets.Customers;
    public long Subscription = offsets.Subscriptions;
    public long State = offsets.SubscriptionStates;
    public long AddOn = offsets.SubscriptionAddOns;
    public long Charge = offsets.Charges;
    public long Refund = offsets.Refunds;
    public long CancellationEvent = offsets.CancellationEvents;
    public long AttributeChange = offsets.AttributeChanges;

    /// <summary>Numbers the subscription items that add-ons are (not a table id).</summary>
    public long AddOnItem;
}
