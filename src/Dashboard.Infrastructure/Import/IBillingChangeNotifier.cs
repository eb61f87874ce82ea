namespace Dashboard.Infrastructure.Import;

[Flags]
public enum BillingChangeKinds
{
    None = 0,

    /// <summary>Plans, customers, subscriptions, charges or refunds.</summary>
    Billing = 1,
    Attributes = 2,
    FxRates = 4,
    Settings = 8,
}

/// <summary>What a committed import touched: the customers whose numbers may have moved, and what kinds of data changed.</summary>
public sealed record BillingChange(long? SourceId, IReadOnlyCollection<long> CustomerIds, BillingChangeKinds Kinds);

/// <summary>Told after every committed import, so the metrics engine can update incrementally. Never told of a rolled-back one.</summary>
public interface IBillingChangeNotifier
{
    Task BillingChangedAsync(BillingChange change, CancellationToken cancellationToken);
}

internal sealed class NoOpBillingChangeNotifier : IBillingChangeNotifier
{
    public Task BillingChangedAsync(BillingChange change, CancellationToken cancellationToken) => Task.CompletedTask;
}
