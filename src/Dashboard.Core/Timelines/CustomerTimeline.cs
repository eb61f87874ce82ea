namespace Dashboard.Core.Timelines;

/// <summary>
/// A customer's MRR at the end of every day from <see cref="Day"/> until the next point: the exact sum of its
/// subscriptions' MRR in <see cref="Money.MrrUnits"/> (1/756,000,000 of a reporting minor unit), never rounded here
/// (docs/metrics.md, "Money, FX and rounding"). <see cref="Discount"/> is the MRR given up to discounts by the
/// customer's paying subscriptions, in the same units; <see cref="AddOn"/> the add-ons' part of their list price MRR.
/// </summary>
public readonly record struct CustomerPoint(int Day, long Mrr, long Discount, long AddOn = 0);

public enum CashEntryKind : byte
{
    PaidCharge,
    FailedCharge,
    Refund,

    /// <summary>A dispute lost, on the day it was lost.</summary>
    Dispute,
}

/// <summary>A charge, refund or lost dispute converted to reporting minor units at the rate of its own day.</summary>
public readonly record struct CashEntry(int Day, CashEntryKind Kind, Billing.ChargeKind ChargeKind, long Amount, long Fee);

/// <summary>Everything the engine needs about one customer. Immutable: an update replaces the whole object.</summary>
public sealed class CustomerTimeline
{
    public required long Id { get; init; }
    public long SourceId { get; init; }
    public required string ExternalId { get; init; }
    public string? Name { get; init; }
    public string? Email { get; init; }
    public string? Country { get; init; }
    public string? Currency { get; init; }

    /// <summary>Custom attribute values (invariant text) by <see cref="FieldInfo.Ordinal"/>; null or out of range = absent.</summary>
    public required string?[] Attributes { get; init; }

    /// <summary>Change points of customer MRR, ordered by day, consecutive points always different.</summary>
    public required CustomerPoint[] Points { get; init; }

    public required SubscriptionTimeline[] Subscriptions { get; init; }

    /// <summary>Cash entries ordered by day.</summary>
    public required CashEntry[] Cash { get; init; }

    /// <summary>Smallest and largest day any point or entry refers to (int.MaxValue / int.MinValue when none).</summary>
    public int FirstDay { get; init; } = int.MaxValue;

    public int LastDay { get; init; } = int.MinValue;

    public string? Attribute(int ordinal) => ordinal < Attributes.Length ? Attributes[ordinal] : null;
}
