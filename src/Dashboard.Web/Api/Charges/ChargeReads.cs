using Dashboard.Core.Billing;
using Dashboard.Core.Customers;
using Dashboard.Web.Api.Customers;
using Dashboard.Infrastructure.Data;
using Dashboard.Web.Api.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Api.Charges;

internal static class ChargeReads
{
    /// <summary>Charges of a source with their customer's and subscription's oids, optionally filtered.</summary>
    public static IQueryable<ChargeRow> Query(
        DashboardDbContext db, long sourceId, string? customerOid = null, string? subscriptionOid = null, string? oid = null,
        DateTimeOffset? start = null, DateTimeOffset? endExclusive = null)
    {
        var query =
            from charge in db.Charges.AsNoTracking()
            where charge.SourceId == sourceId
            join customer in db.Customers.AsNoTracking() on charge.CustomerId equals customer.Id
            join source in db.Sources.AsNoTracking() on charge.SourceId equals source.Id
            join subscription in db.Subscriptions.AsNoTracking() on charge.SubscriptionId equals subscription.Id into subscriptions
            from subscription in subscriptions.DefaultIfEmpty()
            select new { charge, customer, source.Provider, CustomerOid = customer.ExternalId, SubscriptionOid = subscription == null ? null : subscription.ExternalId };
        if (!string.IsNullOrWhiteSpace(customerOid))
        {
            query = query.Where(r => r.CustomerOid == customerOid);
        }

        if (!string.IsNullOrWhiteSpace(subscriptionOid))
        {
            query = query.Where(r => r.SubscriptionOid == subscriptionOid);
        }

        if (oid is not null)
        {
            query = query.Where(r => r.charge.ExternalId == oid);
        }

        if (start is { } from)
        {
            query = query.Where(r => r.charge.CreatedAt >= from);
        }

        if (endExclusive is { } until)
        {
            query = query.Where(r => r.charge.CreatedAt < until);
        }

        return query.OrderBy(r => r.charge.Id).Select(r => new ChargeRow(r.charge, r.customer, r.Provider, r.SubscriptionOid));
    }

    public static async Task<List<ChargeDto>> ToDtosAsync(
        DashboardDbContext db, IReadOnlyList<ChargeRow> rows, Func<long, CustomerMetrics?> numbers, CancellationToken cancellationToken)
    {
        var ids = rows.Select(r => r.Charge.Id).ToList();
        var refunded = await db.Refunds.AsNoTracking().Where(r => ids.Contains(r.ChargeId) && r.Kind == RefundKind.Refund)
            .GroupBy(r => r.ChargeId)
            .Select(g => new { ChargeId = g.Key, Amount = g.Sum(r => r.AmountMinor) })
            .ToDictionaryAsync(g => g.ChargeId, g => g.Amount, cancellationToken);
        return rows.Select(r => ToDto(r, refunded.GetValueOrDefault(r.Charge.Id), numbers)).ToList();
    }

    private static ChargeDto ToDto(ChargeRow r, long refunded, Func<long, CustomerMetrics?> numbers)
    {
        var (source, provider) = (ApiSources.Id(r.Charge.SourceId), ApiSources.Provider(r.Provider));
        return new ChargeDto(
            r.Charge.ExternalId, source, provider, ApiEnums.Name(r.Charge.Status), r.Charge.CreatedAt,
            CustomerBriefDto.From(r.Customer, r.Provider, numbers(r.Customer.Id)),
            r.SubscriptionOid is null ? null : new ChargeSubscriptionDto(r.SubscriptionOid, source, provider),
            r.Charge.AmountMinor, r.Charge.Currency, r.Charge.AmountMinor, r.Charge.FeeMinor, r.Charge.FeeMinor,
            r.Customer.ExternalId, r.SubscriptionOid, ApiEnums.Name(r.Charge.Kind), refunded);
    }

    /// <summary>One charge as the API shows it; compiled queries, as every single-object write answers with one.</summary>
    public static async Task<ChargeDto?> FindAsync(
        DashboardDbContext db, long sourceId, string oid, Func<long, CustomerMetrics?> numbers, CancellationToken cancellationToken)
    {
        var row = await ChargeByOid.For(db)(db, sourceId, oid, cancellationToken);
        return row is null ? null : ToDto(row, await RefundedTotal.For(db)(db, row.Charge.Id, cancellationToken) ?? 0, numbers);
    }

    /// <summary>A charge just created by a write: nothing is refunded yet, so only its row is read.</summary>
    public static async Task<ChargeDto?> FindCreatedAsync(
        DashboardDbContext db, long sourceId, string oid, Func<long, CustomerMetrics?> numbers, CancellationToken cancellationToken) =>
        await ChargeByOid.For(db)(db, sourceId, oid, cancellationToken) is { } row ? ToDto(row, 0, numbers) : null;

    private static readonly CompiledQuery<Func<DashboardDbContext, long, string, CancellationToken, Task<ChargeRow?>>> ChargeByOid =
        new(() => EF.CompileAsyncQuery((DashboardDbContext db, long sourceId, string oid, CancellationToken _) =>
            (from charge in db.Charges.AsNoTracking()
             where charge.SourceId == sourceId && charge.ExternalId == oid
             join customer in db.Customers.AsNoTracking() on charge.CustomerId equals customer.Id
             join source in db.Sources.AsNoTracking() on charge.SourceId equals source.Id
             join subscription in db.Subscriptions.AsNoTracking() on charge.SubscriptionId equals subscription.Id into subscriptions
             from subscription in subscriptions.DefaultIfEmpty()
             select new ChargeRow(charge, customer, source.Provider, subscription == null ? null : subscription.ExternalId))
            .FirstOrDefault()));

    private static readonly CompiledQuery<Func<DashboardDbContext, long, CancellationToken, Task<long?>>> RefundedTotal =
        new(() => EF.CompileAsyncQuery((DashboardDbContext db, long chargeId, CancellationToken _) =>
            db.Refunds.Where(r => r.ChargeId == chargeId && r.Kind == RefundKind.Refund).Sum(r => (long?)r.AmountMinor)));
}

internal sealed record ChargeRow(Charge Charge, Customer Customer, SourceProvider Provider, string? SubscriptionOid);
