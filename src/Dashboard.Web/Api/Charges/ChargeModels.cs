using Dashboard.Web.Api.Customers;
using Dashboard.Web.Api.Infrastructure;

namespace Dashboard.Web.Api.Charges;

public sealed record ChargeRequest(
    string? Oid, string? CustomerOid, long? Amount, string? Currency, DateTimeOffset? Created, string? Status, long? Fee,
    string? SubscriptionOid, string? Kind);

/// <summary>
/// A charge in Baremetrics' shape: the customer nested, <c>subscription</c> null for a one-off charge. Amounts are in
/// the charge's own currency, so <c>original_amount</c>/<c>original_fee</c> equal <c>amount</c>/<c>fee</c>.
/// <c>customer_oid</c>, <c>subscription_oid</c>, <c>kind</c> and <c>amount_refunded</c> are our additions.
/// </summary>
public sealed record ChargeDto(
    string Oid, string SourceId, string Source, string Status, DateTimeOffset Created, CustomerBriefDto Customer, ChargeSubscriptionDto? Subscription,
    long Amount, string Currency, long OriginalAmount, long Fee, long OriginalFee,
    string CustomerOid, string? SubscriptionOid, string Kind, long AmountRefunded);

/// <summary>The subscription a charge belongs to.</summary>
public sealed record ChargeSubscriptionDto(string Oid, string SourceId, string Source);

public sealed record ChargeEnvelope(ChargeDto Charge);

public sealed record ChargeList(IReadOnlyList<ChargeDto> Charges, PaginationMeta Meta);
