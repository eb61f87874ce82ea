using System.Text.Json.Serialization;
using Dashboard.Web.Api.Customers;
using Dashboard.Web.Api.Infrastructure;
using Dashboard.Web.Api.Plans;

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

/// <summary>One state of the history (our addition); <see cref="StateId"/> names its event in the events feed.</summary>
public sealed record SubscriptionStateDto(
    DateTimeOffset OccurredAt, string PlanOid, int Quantity, long Discount, string Status, IReadOnlyList<AddOnDto> Addons,
    [property: JsonIgnore] long StateId);

/// <summary>
/// A subscription in Baremetrics' shape (customer and plan nested, <c>active</c> until it is canceled) with its terms in
/// effect now. <c>customer_oid</c>, <c>plan_oid</c>, <c>status</c>, <c>trial_end</c> and <c>history</c> are our additions.
/// </summary>
public sealed record SubscriptionDto(
    string Oid, string SourceId, string Source, CustomerBriefDto Customer, DateTimeOffset? CanceledAt, DateTimeOffset StartedAt, bool Active,
    int Quantity, long Discount, PlanDto? Plan, IReadOnlyList<AddOnDto> Addons,
    string CustomerOid, string PlanOid, string Status, DateTimeOffset? TrialEnd, IReadOnlyList<SubscriptionStateDto> History,
    [property: JsonIgnore] long Id)
{
    /// <summary>Baremetrics' <c>processed</c>: always true, since a write is applied before it answers.</summary>
    public bool Processed => true;
}

public sealed record SubscriptionEnvelope(SubscriptionDto Subscription);

/// <summary>
/// What a subscription write answers, as Baremetrics does: the event it recorded (<c>info</c> holds the terms it
/// wrote), plus the whole subscription as our addition.
/// </summary>
public sealed record SubscriptionEventEnvelope(SubscriptionEventDto Event, SubscriptionDto Subscription);

public sealed record SubscriptionEventDto(string Id, string Type, IReadOnlyDictionary<string, object?> Info, DateTimeOffset OccurredAt, DateTimeOffset ReceivedAt);

public sealed record SubscriptionList(IReadOnlyList<SubscriptionDto> Subscriptions, PaginationMeta Meta);
