using Dashboard.Web.Api.Customers;
using Dashboard.Web.Api.Infrastructure;

namespace Dashboard.Web.Api.Refunds;

public sealed record RefundRequest(string? Oid, string? ChargeOid, long? Amount, string? Currency, DateTimeOffset? Created);

/// <summary>A refund in Baremetrics' shape: the customer and the refunded charge nested; <c>currency</c> is our addition.</summary>
public sealed record RefundDto(
    string Oid, string SourceId, string Source, string ChargeOid, DateTimeOffset Created, CustomerBriefDto Customer, RefundChargeDto Charge,
    long Amount, string Currency);

/// <summary>The refunded charge as Baremetrics nests it in a refund.</summary>
public sealed record RefundChargeDto(
    string Oid, string SourceId, string Source, string Status, DateTimeOffset Created, string Currency, long Amount, long OriginalAmount);

public sealed record RefundEnvelope(RefundDto Refund);

public sealed record RefundList(IReadOnlyList<RefundDto> Refunds, PaginationMeta Meta);
