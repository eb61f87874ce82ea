using Dashboard.Web.Api.Infrastructure;

namespace Dashboard.Web.Api.Refunds;

public sealed record RefundRequest(string? Oid, string? ChargeOid, long? Amount, string? Currency, DateTimeOffset? Created);

public sealed record RefundDto(string Oid, long SourceId, string ChargeOid, long Amount, string Currency, DateTimeOffset Created);

public sealed record RefundEnvelope(RefundDto Refund);

public sealed record RefundList(IReadOnlyList<RefundDto> Refunds, PaginationMeta Meta);
