using Dashboard.Core.Billing;
using Dashboard.Infrastructure.Demo;

namespace Dashboard.Infrastructure.Tests.Demo;

/// <summary>All rows of a generator's output, gathered for assertions (small customer counts only).</summary>
internal sealed class DemoData
{
    public static readonly DateTimeOffset Today = new(2026, 11, 22, 15, 30, 0, TimeSpan.Zero);

    public DemoData(DemoDataGenerator generator)
    {
        Generator = generator;
        Catalog = generator.Catalog;
        foreach (var batch in generator.GenerateBatches())
        {
            Batches++;
            Customers.AddRange(batch.Customers);
            Attributes.AddRange(batch.Attributes);
            AttributeChanges.AddRange(batch.AttributeChanges);
            Subscriptions.AddRange(batch.Subscriptions);
            States.AddRange(batch.States);
            AddOns.AddRange(batch.AddOns);
            Charges.AddRange(batch.Charges);
            Refunds.AddRange(batch.Refunds);
            CancellationEvents.AddRange(batch.CancellationEvents);
        }
    }

    public DemoDataGenerator Generator { get; }
    public DemoCatalog Catalog { get; }
    public int Batches { get; }
    public List<Customer> Customers { get; } = [];
    public List<CustomerAttribute> Attributes { get; } = [];
    public List<CustomerAttributeChange> AttributeChanges { get; } = [];
    public List<Subscription> Subscriptions { get; } = [];
    public List<SubscriptionState> States { get; } = [];
    public List<SubscriptionAddOn> AddOns { get; } = [];
    public List<Charge> Charges { get; } = [];
    public List<Refund> Refunds { get; } = [];
    public List<CancellationEvent> CancellationEvents { get; } = [];

    public static DemoData Create(DemoDataOptions? options = null) =>
        new(new DemoDataGenerator(options ?? new DemoDataOptions(), Today));
}

/// <summary>The default 1,500-customer business, generated once for the realism tests.</summary>
public sealed class DefaultDemoDataFixture
{
    internal DemoData Data { get; } = DemoData.Create();
}
