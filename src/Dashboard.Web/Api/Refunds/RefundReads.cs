using Dashboard.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Api.Refunds;

internal static class RefundReads
{
    public static IQueryable<RefundDto> Query(
        DashboardDbContext db, long sourceId, string? chargeOid = null, string? oid = null, DateTimeOffset? start = null, DateTimeOffset? endExclusive = null)
    {
        var query =
            from refund in db.Refunds.AsNoTracking()
            where refund.SourceId == sourceId
            join charge in db.Charges.AsNoTracking() on refund.ChargeId equals charge.Id
            select new { refund, ChargeOid = charge.ExternalId };
        if (!string.IsNullOrWhiteSpace(chargeOid))
        {
            query = query.Where(r => r.ChargeOid == chargeOid);
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

        return query.OrderBy(r => r.refund.Id).Select(r => new RefundDto(
            r.refund.ExternalId, r.refund.SourceId, r.ChargeOid, r.refund.AmountMinor, r.refund.Currency, r.refund.CreatedAt));
    }

    public static Task<RefundDto?> FindAsync(DashboardDbContext db, long sourceId, string oid, CancellationToken cancellationToken) =>
        Query(db, sourceId, oid: oid).FirstOrDefaultAsync(cancellationToken);
}
