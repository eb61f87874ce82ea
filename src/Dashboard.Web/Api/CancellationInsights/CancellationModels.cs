using System.Globalization;
using System.Text.Json.Serialization;
using Dashboard.Core.Billing;
using Dashboard.Web.Api.Customers;
using Dashboard.Web.Api.Infrastructure;
using Dashboard.Web.Api.Plans;

namespace Dashboard.Web.Api.CancellationInsights;

/// <summary>POST and PUT body of a reason; a PUT changes only what it is sent.</summary>
public sealed record ReasonRequest(string? Text, int? SortKey) : IPartialRequest
{
    [JsonIgnore]
    public SentFields Sent { get; set; } = SentFields.None;
}

/// <summary>A reason as Baremetrics shows it: <c>id</c> a string.</summary>
public sealed record ReasonDto(string Id, string Text, int SortKey)
{
    public static ReasonDto From(CancellationReason reason) => new(Ids.Text(reason.Id), reason.Text, reason.SortKey);
}

public sealed record ReasonEnvelope(ReasonDto Reason);

public sealed record ReasonList(IReadOnlyList<ReasonDto> Reasons, PaginationMeta Meta);

/// <summary>POST body of a cancellation event (Baremetrics' members, plus <c>source_id</c>, <c>customer_email</c> and <c>occurred_at</c>).</summary>
public sealed record CancellationEventRequest(
    string? CustomerOid, [property: JsonConverter(typeof(BodySourceIdConverter))] long? SourceId, string? CustomerEmail, IReadOnlyList<string>? SubscriptionOids, long? ReasonId, string? Comment,
    DateTimeOffset? OccurredAt);

/// <summary>PUT body of a cancellation event: a new reason or comment; what it is not sent stays as it was.</summary>
public sealed record CancellationEventChangeRequest(long? ReasonId, string? Comment) : IPartialRequest
{
    [JsonIgnore]
    public SentFields Sent { get; set; } = SentFields.None;
}

/// <summary>The reason as Baremetrics nests it in an event.</summary>
public sealed record ReasonBriefDto(string Id, string Text);

/// <summary>
/// A subscription as Baremetrics nests it in a cancellation event. <c>mrr</c> and <c>add_on_mrr</c> are the monthly
/// amounts of its terms in effect now, in minor units of its plan's currency (0 once it is canceled or while it is in a
/// trial); <c>processed</c> is always true (writes are applied before they answer).
/// </summary>
public sealed record CancellationSubscriptionDto(
    string Oid, string SourceId, string Source, DateTimeOffset? CanceledAt, DateTimeOffset StartedAt, bool Processed, bool Active,
    int Quantity, long Discount, long Mrr, long AddOnMrr, PlanDto? Plan);

/// <summary>
/// A cancellation event in Baremetrics' shape (<c>id</c> a string, <c>created_at</c>, nested <c>subscriptions</c>,
/// <c>reason</c> and <c>customer</c>). <c>customer_oid</c>, <c>source_id</c>, <c>subscription_oids</c> (empty: all the
/// customer's subscriptions), <c>reason_id</c> and <c>occurred_at</c> (= <c>created_at</c>) are our additions.
/// </summary>
public sealed record CancellationEventDto(
    string Id, string? Comment, DateTimeOffset CreatedAt, IReadOnlyList<CancellationSubscriptionDto> Subscriptions, ReasonBriefDto Reason,
    CustomerBriefDto Customer, string CustomerOid, string SourceId, IReadOnlyList<string> SubscriptionOids, string ReasonId, DateTimeOffset OccurredAt);

public sealed record CancellationEventEnvelope(CancellationEventDto Event);

public sealed record CancellationEventList(IReadOnlyList<CancellationEventDto> Events, PaginationMeta Meta);

internal static class Ids
{
    public static string Text(long id) => id.ToString(CultureInfo.InvariantCulture);

    public static long? Parse(string id) =>
        long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;
}
