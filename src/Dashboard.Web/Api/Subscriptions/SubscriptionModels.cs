using Dashboard.Web.Api.Infrastructure;

namespace Dashboard.Web.Api.Subscriptions;

public sealed record AddOnRequest(string? Oid, long? Amount, int? Quantity);

/// <summary>POST body: a new subscription (or, posted again, its replaced initial terms).</summary>
public sealed record SubscriptionRequest(
    string? Oid, string? CustomerOid, string? PlanOid, DateTimeOffset? StartedAt, DateTimeOffset? CanceledAt, DateTimeOffset? TrialEnd,
    int? Quantity, long? Discount, IReadOnlyList<AddOnRequest?>? Addons);

/// <summary>PUT body: new terms from <c>occurred_at</c>, appended to the history.</summary>
public sealed record SubscriptionChangeRequest(
    string? PlanOid, DateTimeOffset? OccurredAt, int? Quantity, long? Discount, IReadOnlyList<AddOnRequest?>? Addons);

public sealed record SubscriptionCancelRequest(DateTimeOffset? CanceledAt);

public sealed record AddOnDto(string Oid, long Amount, int Quantity);

public sealed record SubscriptionStateDto(
    DateTimeOffset OccurredAt, string PlanOid, int Quantity, long Discount, string Status, IReadOnlyList<AddOnDto> Addons);

public sealed record SubscriptionDto(
    string Oid, long SourceId, string CustomerOid, string PlanOid, string Status, DateTimeOffset StartedAt, DateTimeOffset? CanceledAt,
    DateTimeOffset? TrialEnd, int Quantity, long Discount, IReadOnlyList<AddOnDto> Addons, IReadOnlyList<SubscriptionStateDto> History);

public sealed record SubscriptionEnvelope(SubscriptionDto Subscription);

public sealed record SubscriptionList(IReadOnlyList<SubscriptionDto> Subscriptions, PaginationMeta Meta);
