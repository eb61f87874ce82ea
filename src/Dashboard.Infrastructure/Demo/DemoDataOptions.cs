namespace Dashboard.Infrastructure.Demo;

/// <summary>What <see cref="DemoDataGenerator"/> produces. Same options, same seed and same day give identical data.</summary>
public sealed record DemoDataOptions
{
    /// <summary>How many customers to generate (default 1,500; up to millions, streamed in batches).</summary>
    public int Customers { get; init; } = 1_500;

    /// <summary>Seed of the pseudo-random streams.</summary>
    public long Seed { get; init; } = 42;

    /// <summary>Id of the <see cref="Core.Billing.Source"/> every generated row belongs to.</summary>
    public long SourceId { get; init; } = 1;

    /// <summary>Name given to the source row the generator describes (see <see cref="DemoCatalog.Source"/>).</summary>
    public string SourceName { get; init; } = "Demo data";

    /// <summary>Length of the history ending at the start of "today" (UTC), in months (default two years).</summary>
    public int HistoryMonths { get; init; } = 24;

    /// <summary>Customers per <see cref="DemoBatch"/>. Does not change the data, only how it is cut.</summary>
    public int BatchSize { get; init; } = 1_000;

    /// <summary>
    /// When false (the default) every customer, plan and charge is in USD, so no exchange-rate table is needed.
    /// When true, customers in the euro area pay in EUR and British ones in GBP, on plans priced in those currencies.
    /// </summary>
    public bool MultiCurrency { get; init; }

    /// <summary>Whether to generate cancellation reasons and the customers' cancellation events.</summary>
    public bool IncludeCancellationInsights { get; init; } = true;

    /// <summary>
    /// Ids are assigned sequentially per table, starting at the offset + 1 (all offsets 0 by default, so every table starts at 1).
    /// A seeder writing into tables that already hold rows passes their current maximum ids here.
    /// </summary>
    public DemoIdOffsets IdOffsets { get; init; } = new();

    /// <summary>
    /// Attribute fields that already exist, by key: customers' values point at these ids and the catalog leaves them out
    /// (field keys are unique in the store).
    /// </summary>
    public IReadOnlyDictionary<string, long>? ExistingAttributeFieldIds { get; init; }

    /// <summary>Cancellation reasons that already exist, by text: events point at these ids and the catalog leaves them out.</summary>
    public IReadOnlyDictionary<string, long>? ExistingCancellationReasonIds { get; init; }

    internal void Validate()
    {
        if (Customers < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(Customers), Customers, "The customer count cannot be negative.");
        }

        if (BatchSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "A batch holds at least one customer.");
        }

        if (HistoryMonths is < 1 or > 240)
        {
            throw new ArgumentOutOfRangeException(nameof(HistoryMonths), HistoryMonths, "The history spans 1 to 240 months.");
        }

        if (SourceId < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(SourceId), SourceId, "Source ids start at 1.");
        }
    }
}

/// <summary>The id each table's generated rows count up from (the first row gets offset + 1).</summary>
public sealed record DemoIdOffsets
{
    public long Plans { get; init; }
    public long AttributeFields { get; init; }
    public long CancellationReasons { get; init; }
    public long Customers { get; init; }
    public long Subscriptions { get; init; }
    public long SubscriptionStates { get; init; }
    public long SubscriptionAddOns { get; init; }
    public long Charges { get; init; }
    public long Refunds { get; init; }
    public long CancellationEvents { get; init; }
    public long AttributeChanges { get; init; }
}
