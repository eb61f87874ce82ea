using Dashboard.Core.Billing;
using Dashboard.Core.Customers;
using Dashboard.Infrastructure.Data;
using Dashboard.Web.Api.Customers;
using Dashboard.Web.Api.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Api.Refunds;

internal static class RefundReads
{
    /// <summary>Refunds of a source (lost disputes are not refunds) with their charge, customer and source provider, optionally filtered.</summary>
    public static IQueryable<RefundRow> Query(
        DashboardDbContext db, long sourceId, string? chargeOid = null, string? oid = null, DateTimeOffset? start = null, DateTimeOffset? endExclusive = null)
    {
        var query =
            from refund in db.Refunds.AsNoTracking()
            where refund.SourceId == sourceId && refund.Kind == RefundKind.Refund
            join charge in db.Charges.AsNoTracking() on refund.ChargeId equals charge.Id
            join customer in db.Customers.AsNoTracking() on charge.CustomerId equals customer.Id
            join source in db.Sources.AsNoTracking() on refund.SourceId equals source.Id
            select new { refund, charge, customer, source.Provider };
        if (!string.IsNullOrWhiteSpace(chargeOid))
        {
            query = query.Where(r => r.charge.ExternalId == chargeOid);
        }

        if (oid is not null)
        {
            query = query.Where(r => r.refund.ExternalId == oid);
        }

        if (start is { } from)
        {
            query = query.Where(r => r.refund.CreatedAt >= from);
        }

        if (endExclusive is { } until)
        {
            query = query.Where(r => r.refund.CreatedAt < until);
        }

        return query.OrderBy(r => r.refund.Id).Select(r => new RefundRow(r.refund, r.charge, r.customer, r.Provider));
    }

    public static RefundDto ToDto(RefundRow row, Func<long, CustomerMetrics?> numbers)
    {
        var (source, provider) = (ApiSources.Id(row.Refund.SourceId), ApiSources.Provider(row.Provider));
        var charge = row.Charge;
        return new RefundDto(
            row.Refund.ExternalId, source, provider, charge.ExternalId, row.Refund.CreatedAt,
            CustomerBriefDto.From(row.Customer, row.Provider, numbers(row.Customer.Id)),
            new RefundChargeDto(charge.ExternalId, source, provider, ApiEnums.Name(charge.Status), charge.CreatedAt, charge.Currency, charge.AmountMinor, charge.AmountMinor),
            row.Refund.AmountMinor, row.Refund.Currency);
    }

    public static async Task<RefundDto?> FindAsync(
        DashboardDbContext db, long sourceId, string oid, Func<long, CustomerMetrics?> numbers, CancellationToken cancellationToken) =>
        await Query(db, sourceId, oid: oid).FirstOrDefaultAsync(cancellationToken) is { } row ? ToDto(row, numbers) : null;
}

internal sealed record RefundRow(Refund Refund, Charge Charge, Customer Customer, SourceProvider Provider);
