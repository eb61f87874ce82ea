using Dashboard.Web.Api.Infrastructure;

namespace Dashboard.Web.Api.Charges;

public sealed record ChargeRequest(
    string? Oid, string? CustomerOid, long? Amount, string? Currency, DateTimeOffset? Created, string? Status, long? Fee,
    string? SubscriptionOid, string? Kind);

public sealed record ChargeDto(
    string Oid, long SourceId, string CustomerOid, string? SubscriptionOid, long Amount, long Fee, string Currency, DateTimeOffset Created,
    string Status, string Kind, long AmountRefunded);

public sealed record ChargeEnvelope(ChargeDto Charge);

public sealed record ChargeList(IReadOnlyList<ChargeDto> Charges, PaginationMeta Meta);
