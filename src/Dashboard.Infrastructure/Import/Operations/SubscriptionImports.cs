using Dashboard.Core.Billing;

namespace Dashboard.Infrastructure.Import.Operations;

/// <summary>
/// Creates a subscription with its initial terms from <see cref="StartedAt"/>. Posting it again replaces the
/// subscription's fields and its initial terms; later changes (their own states) are kept.
/// </summary>
public sealed record SubscriptionImport : ImportOperation
{
    public string? CustomerOid { get; init; }
    public string? PlanOid { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
    public DateTimeOffset? TrialEnd { get; init; }
    public DateTimeOffset? CanceledAt { get; init; }
    public DateTimeOffset? CancelRequestedAt { get; init; }

    /// <summary>1 when omitted.</summary>
    public int? Quantity { get; init; }

    /// <summary>Minor units off every period; 0 when omitted.</summary>
    public long? Discount { get; init; }

    /// <summary>Active when omitted. Trials are told by <see cref="TrialEnd"/>, not by a status.</summary>
    public SubscriptionStatus? Status { get; init; }

    public IReadOnlyList<AddOnImport>? AddOns { get; init; }

    /// <summary>The main item's billed amount per period (see <see cref="SubscriptionState.AmountMinor"/>); the plan's amount × quantity when omitted.</summary>
    public long? Amount { get; init; }

    /// <summary>The currency of the state's amounts when not the plan's; only with <see cref="Amount"/>.</summary>
    public string? Currency { get; init; }

    public override ImportObjectKind ObjectKind => ImportObjectKind.Subscription;
}

/// <summary>
/// New terms from <see cref="OccurredAt"/>: appended to the history (or inserted between earlier states). Omitted
/// plan, quantity, discount, status and add-ons carry over from the state in effect at that instant; an empty add-on list
/// removes them. <see cref="Amount"/> and <see cref="Currency"/> never carry over: omitted, the plan's amount counts.
/// A change at the instant of an existing state corrects that state; an identical one is a no-op.
/// </summary>
public sealed record SubscriptionChange : ImportOperation
{
    public string? PlanOid { get; init; }
    public DateTimeOffset? OccurredAt { get; init; }
    public int? Quantity { get; init; }
    public long? Discount { get; init; }
    public SubscriptionStatus? Status { get; init; }
    public IReadOnlyList<AddOnImport>? AddOns { get; init; }

    /// <summary>The main item's billed amount per period (see <see cref="SubscriptionState.AmountMinor"/>).</summary>
    public long? Amount { get; init; }

    /// <summary>The currency of the state's amounts when not the plan's; only with <see cref="Amount"/>.</summary>
    public string? Currency { get; init; }

    public override ImportObjectKind ObjectKind => ImportObjectKind.Subscription;
}

/// <summary>Ends a subscription at <see cref="CanceledAt"/> (may be in the future for a scheduled cancellation).</summary>
public sealed record SubscriptionCancellation : ImportOperation
{
    public DateTimeOffset? CanceledAt { get; init; }

    /// <summary>When the customer asked; kept as stored when omitted.</summary>
    public DateTimeOffset? CancelRequestedAt { get; init; }

    public override ImportObjectKind ObjectKind => ImportObjectKind.Subscription;
}

/// <summary>
/// Withdraws a cancellation (a scheduled one the customer took back, or one recorded by mistake): clears CanceledAt
/// and CancelRequestedAt. A customer who comes back after the end is a new subscription, not an uncancellation.
/// </summary>
public sealed record SubscriptionUncancellation : ImportOperation
{
    public override ImportObjectKind ObjectKind => ImportObjectKind.Subscription;
}

/// <summary>An extra billed every period with the subscription, in the state's currency.</summary>
public sealed record AddOnImport
{
    public string? Oid { get; init; }
    public long? Amount { get; init; }

    /// <summary>1 when omitted.</summary>
    public int? Quantity { get; init; }
}

/// <summary>
/// Records why a subscription was canceled, as the store's cancellation event for the subscription's customer and
/// that subscription, with its reason (found or created by its text). One event per subscription: importing it
/// again updates that event rather than adding another.
/// </summary>
public sealed record CancellationFeedbackImport : ImportOperation
{
    public string? Reason { get; init; }
    public string? Comment { get; init; }
    public DateTimeOffset? OccurredAt { get; init; }

    public override ImportObjectKind ObjectKind => ImportObjectKind.Subscription;
}
