using Dashboard.Core.Billing;

namespace Dashboard.Core.Timelines;

internal readonly record struct CustomerRow(long Id, long SourceId, string ExternalId, string? Name, string? Email, string? Country, string? Currency);

internal readonly record struct AttributeRow(long CustomerId, long FieldId, string Value);

internal readonly record struct SubscriptionRow(
    long Id,
    long CustomerId,
    string ExternalId,
    DateTimeOffset StartedAt,
    DateTimeOffset? TrialEnd,
    DateTimeOffset? CanceledAt,
    DateTimeOffset? CancelRequestedAt);

internal readonly record struct StateRow(
    long Id,
    long SubscriptionId,
    DateTimeOffset EffectiveFrom,
    long PlanId,
    int Quantity,
    long DiscountMinor,
    SubscriptionStatus Status,
    long? AmountMinor = null,
    string? Currency = null);

internal readonly record struct CashRow(long CustomerId, CashEntry Entry);
