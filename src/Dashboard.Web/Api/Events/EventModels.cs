using Dashboard.Web.Api.Customers;
using Dashboard.Web.Api.Infrastructure;

namespace Dashboard.Web.Api.Events;

/// <summary>
/// One event of a source's feed as Baremetrics shows it (<c>id</c>, <c>event_type</c>, <c>source</c>, <c>source_id</c>,
/// <c>timestamp</c>, <c>customer</c>); <c>object_oid</c> (the charge, refund or subscription it is about) and <c>amount</c>
/// (minor units of <c>currency</c>, for charges and refunds) are our additions.
/// </summary>
public sealed record EventDto(
    string Id, string EventType, string Source, string SourceId, DateTimeOffset Timestamp, CustomerBriefDto Customer,
    string ObjectOid, long? Amount, string? Currency);

public sealed record EventEnvelope(EventDto Event);

public sealed record EventList(IReadOnlyList<EventDto> Events, PaginationMeta Meta);
