using Dashboard.Core.Billing;

namespace Dashboard.Infrastructure.Sources.Stripe.Mapping;

/// <summary>A Stripe customer in the normalized model's terms; <see cref="Attributes"/> come from its metadata.</summary>
public sealed record CustomerRecord(
    string ExternalId,
    string? Name,
    string? Email,
    string? Country,
    string? Currency,
    DateTimeOffset CreatedAt,
    IReadOnlyDictionary<string, string> Attributes);

/// <summary>A recurring Stripe price (or legacy plan) as a plan.</summary>
public sealed record PlanRecord(
    string ExternalId,
    string Name,
    string Currency,
    long AmountMinor,
    BillingInterval Interval,
    int IntervalCount,
    int? TrialDays,
    bool IsMetered);

public sealed record AddOnRecord(string ExternalId, long AmountMinor, int Quantity);

/// <summary>
/// The terms of a subscription from <see cref="EffectiveFrom"/> on. <see cref="AmountMinor"/> is the main item's amount
/// per period (billed on an invoice line, else priced from its price) and <see cref="Currency"/> the currency of every
/// amount of the state; null: the plan's amount × quantity in the plan's currency.
/// </summary>
public sealed record StateRecord(
    DateTimeOffset EffectiveFrom,
    string PlanExternalId,
    int Quantity,
    long DiscountMinor,
    SubscriptionStatus Status,
    IReadOnlyList<AddOnRecord> AddOns,
    long? AmountMinor = null,
    string? Currency = null)
{
    /// <summary>Same terms, whatever the instant.</summary>
    public bool SameTerms(StateRecord other) =>
        PlanExternalId == other.PlanExternalId && Quantity == other.Quantity && DiscountMinor == other.DiscountMinor
        && AmountMinor == other.AmountMinor && Currency == other.Currency
        && Status == other.Status && AddOns.SequenceEqual(other.AddOns);
}

/// <summary>Why and how a customer cancelled (Stripe's cancellation_details).</summary>
public sealed record CancellationRecord(DateTimeOffset RequestedAt, string Reason, string? Comment);

public sealed record SubscriptionRecord(
    string ExternalId,
    string CustomerExternalId,
    DateTimeOffset StartedAt,
    DateTimeOffset? TrialEnd,
    DateTimeOffset? CanceledAt,
    DateTimeOffset? CancelRequestedAt,
    IReadOnlyList<StateRecord> States,
    CancellationRecord? Cancellation);

public sealed record ChargeRecord(
    string ExternalId,
    string CustomerExternalId,
    string? SubscriptionExternalId,
    long AmountMinor,
    long FeeMinor,
    string Currency,
    DateTimeOffset CreatedAt,
    ChargeStatus Status,
    ChargeKind Kind);

/// <summary>Money returned on a charge: a refund (or out-of-band credit note), or a lost dispute (<see cref="RefundKind.Dispute"/>).</summary>
public sealed record RefundRecord(string ExternalId, string ChargeExternalId, long AmountMinor, string Currency, DateTimeOffset CreatedAt,
    RefundKind Kind = RefundKind.Refund);

/// <summary>What a payment (payment intent or charge id) paid for: a subscription's invoice, licensed or usage.</summary>
public sealed record PaymentLinkRecord(string PaymentId, string SubscriptionExternalId, bool Metered);

/// <summary>The latest state a subscription already has in the store.</summary>
public sealed record StoredState(DateTimeOffset EffectiveFrom, string PlanExternalId, int Quantity,
    SubscriptionStatus Status = SubscriptionStatus.Active);
