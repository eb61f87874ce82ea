using Dashboard.Core.Billing;
using Dashboard.Web.Api.Infrastructure;

namespace Dashboard.Web.Api.CancellationInsights;

public sealed record ReasonRequest(string? Text, int? SortKey);

public sealed record ReasonDto(long Id, string Text, int SortKey)
{
    public static ReasonDto From(CancellationReason reason) => new(reason.Id, reason.Text, reason.SortKey);
}

public sealed record ReasonEnvelope(ReasonDto Reason);

public sealed record ReasonList(IReadOnlyList<ReasonDto> Reasons, PaginationMeta Meta);

public sealed record CancellationEventRequest(
    string? CustomerOid, long? SourceId, string? CustomerEmail, IReadOnlyList<string>? SubscriptionOids, long? ReasonId, string? Comment,
    DateTimeOffset? OccurredAt);

public sealed record CancellationEventDto(
    long Id, string CustomerOid, long SourceId, IReadOnlyList<string> SubscriptionOids, long ReasonId, string? Comment, DateTimeOffset OccurredAt);

public sealed record CancellationEventEnvelope(CancellationEventDto Event);

public sealed record CancellationEventList(IReadOnlyList<CancellationEventDto> Events, PaginationMeta Meta);
