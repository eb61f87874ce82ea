using System.Globalization;
using Dashboard.Core.Billing;
using Dashboard.Core.Customers;
using Dashboard.Infrastructure.Data;
using Dashboard.Web.Api.Customers;
using Dashboard.Web.Api.Infrastructure;
using Dashboard.Web.Api.Subscriptions;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Api.Events;

/// <summary>
/// A source's events, derived from what is stored (nothing is stored twice): <c>new_customer</c> (a customer's creation),
/// <c>new_subscription</c> (a subscription's first terms), <c>subscription_change</c> (each later change),
/// <c>cancellation</c>, <c>charge</c> (paid), <c>failed_charge</c> and <c>refund</c>. Newest first. Ids name the
/// stored row (<c>charge_12</c>), so an event can be read again by id, and a subscription write's answer carries the
/// id of its event here.
/// </summary>
internal static class EventReads
{
    private const string CustomerPrefix = "customer_", StatePrefix = "subscription_state_", CancellationPrefix = "subscription_cancellation_",
        ChargePrefix = "charge_", RefundPrefix = "refund_";

    /// <summary>
    /// One page of the source's events (of one customer when <paramref name="customerId"/> is set). Each kind is read
    /// newest first and only as far as the page needs, then the kinds are merged.
    /// </summary>
    /// <remarks><paramref name="start"/> and <paramref name="endExclusive"/> bound the events' timestamps when given.</remarks>
    public static async Task<(List<Row> Rows, bool HasMore)> PageAsync(
        DashboardDbContext db, long sourceId, long? customerId, int skip, int take, DateTimeOffset? start, DateTimeOffset? endExclusive,
        CancellationToken cancellationToken)
    {
        var limit = skip + take + 1;
        var rows = new List<Row>();
        IQueryable<Row> InRange(IQueryable<Row> query)
        {
            if (start is { } s)
            {
                query = query.Where(r => r.Timestamp >= s);
            }

            return endExclusive is { } e ? query.Where(r => r.Timestamp < e) : query;
        }

        rows.AddRange(await InRange(Customers(db, sourceId, customerId)).OrderByDescending(r => r.Timestamp).Take(limit).ToListAsync(cancellationToken));
        rows.AddRange(await InRange(States(db, sourceId, customerId)).OrderByDescending(r => r.Timestamp).Take(limit).ToListAsync(cancellationToken));
        rows.AddRange(await InRange(Cancellations(db, sourceId, customerId)).OrderByDescending(r => r.Timestamp).Take(limit).ToListAsync(cancellationToken));
        rows.AddRange(await InRange(Charges(db, sourceId, customerId)).OrderByDescending(r => r.Timestamp).Take(limit).ToListAsync(cancellationToken));
        rows.AddRange(await InRange(Refunds(db, sourceId, customerId)).OrderByDescending(r => r.Timestamp).Take(limit).ToListAsync(cancellationToken));
        var ordered = rows.OrderByDescending(r => r.Timestamp).ThenByDescending(r => Rank(r.Type)).ThenByDescending(r => r.RowId).Skip(skip).ToList();
        return (ordered.Take(take).ToList(), ordered.Count > take);
    }

    /// <summary>The event of that id in the source, or null.</summary>
    public static async Task<Row?> FindAsync(DashboardDbContext db, long sourceId, string id, CancellationToken cancellationToken)
    {
        IQueryable<Row>? query = null;
        if (Key(id, CustomerPrefix) is { } customer)
        {
            query = Customers(db, sourceId, null).Where(r => r.RowId == customer);
        }
        else if (Key(id, StatePrefix) is { } state)
        {
            query = States(db, sourceId, null).Where(r => r.RowId == state);
        }
        else if (Key(id, CancellationPrefix) is { } subscription)
        {
            query = Cancellations(db, sourceId, null).Where(r => r.RowId == subscription);
        }
        else if (Key(id, ChargePrefix) is { } charge)
        {
            query = Charges(db, sourceId, null).Where(r => r.RowId == charge);
        }
        else if (Key(id, RefundPrefix) is { } refund)
        {
            query = Refunds(db, sourceId, null).Where(r => r.RowId == refund);
        }

        return query is null ? null : await query.FirstOrDefaultAsync(cancellationToken);
    }

    public static async Task<List<EventDto>> ToDtosAsync(
        DashboardDbContext db, IReadOnlyList<Row> rows, Func<long, CustomerMetrics?> numbers, CancellationToken cancellationToken)
    {
        var ids = rows.Select(r => r.CustomerId).Distinct().ToList();
        var customers = await (
                from customer in db.Customers.AsNoTracking()
                where ids.Contains(customer.Id)
                join source in db.Sources.AsNoTracking() on customer.SourceId equals source.Id
                select new CustomerRow(customer, source.Provider))
            .ToDictionaryAsync(c => c.Customer.Id, cancellationToken);
        return rows.Select(r =>
        {
            var customer = customers[r.CustomerId];
            return new EventDto(r.Id, r.Type, ApiSources.Provider(customer.Provider), ApiSources.Id(customer.Customer.SourceId), r.Timestamp,
                CustomerBriefDto.From(customer.Customer, customer.Provider, numbers(r.CustomerId)), r.ObjectOid, r.Amount, r.Currency);
        }).ToList();
    }

    private static IQueryable<Row> Customers(DashboardDbContext db, long sourceId, long? customerId) =>
        from c in db.Customers.AsNoTracking()
        where c.SourceId == sourceId && (customerId == null || c.Id == customerId)
        select new Row
        {
            Prefix = CustomerPrefix, RowId = c.Id,
            Type = "new_customer",
            Timestamp = c.CreatedAt, CustomerId = c.Id,
            ObjectOid = c.ExternalId, Amount = null, Currency = null,
        };

    private static IQueryable<Row> States(DashboardDbContext db, long sourceId, long? customerId) =>
        from state in db.SubscriptionStates.AsNoTracking()
        join s in db.Subscriptions.AsNoTracking() on state.SubscriptionId equals s.Id
        where s.SourceId == sourceId && (customerId == null || s.CustomerId == customerId)
        let first = !db.SubscriptionStates.Any(o => o.SubscriptionId == state.SubscriptionId &&
            (o.EffectiveFrom < state.EffectiveFrom || (o.EffectiveFrom == state.EffectiveFrom && o.Id < state.Id)))
        select new Row
        {
            Prefix = StatePrefix, RowId = state.Id,
            Type = first ? "new_subscription" : "subscription_change",
            Timestamp = state.EffectiveFrom, CustomerId = s.CustomerId,
            ObjectOid = s.ExternalId, Amount = null, Currency = null,
        };

    private static IQueryable<Row> Cancellations(DashboardDbContext db, long sourceId, long? customerId) =>
        from s in db.Subscriptions.AsNoTracking()
        where s.SourceId == sourceId && s.CanceledAt != null && (customerId == null || s.CustomerId == customerId)
        select new Row
        {
            Prefix = CancellationPrefix, RowId = s.Id,
            Type = "cancellation",
            Timestamp = s.CanceledAt!.Value, CustomerId = s.CustomerId,
            ObjectOid = s.ExternalId, Amount = null, Currency = null,
        };

    private static IQueryable<Row> Charges(DashboardDbContext db, long sourceId, long? customerId) =>
        from c in db.Charges.AsNoTracking()
        where c.SourceId == sourceId && (customerId == null || c.CustomerId == customerId)
        select new Row
        {
            Prefix = ChargePrefix, RowId = c.Id,
            Type = c.Status == ChargeStatus.Paid ? "charge" : "failed_charge",
            Timestamp = c.CreatedAt, CustomerId = c.CustomerId,
            ObjectOid = c.ExternalId, Amount = c.AmountMinor, Currency = c.Currency,
        };

    private static IQueryable<Row> Refunds(DashboardDbContext db, long sourceId, long? customerId) =>
        from r in db.Refunds.AsNoTracking()
        join c in db.Charges.AsNoTracking() on r.ChargeId equals c.Id
        where r.SourceId == sourceId && r.Kind == RefundKind.Refund && (customerId == null || c.CustomerId == customerId)
        select new Row
        {
            Prefix = RefundPrefix, RowId = r.Id,
            Type = "refund",
            Timestamp = r.CreatedAt, CustomerId = c.CustomerId,
            ObjectOid = r.ExternalId, Amount = r.AmountMinor, Currency = r.Currency,
        };

    /// <summary>At the same instant, what logically comes later is listed first (newest first): a customer before its subscription.</summary>
    private static int Rank(string type) => type switch
    {
        "new_customer" => 0,
        "new_subscription" => 1,
        "subscription_change" => 2,
        "charge" or "failed_charge" => 3,
        "refund" => 4,
        _ => 5,
    };

    private static long? Key(string id, string prefix) =>
        id.StartsWith(prefix, StringComparison.Ordinal)
        && long.TryParse(id.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var key)
            ? key
            : null;

    /// <summary>One event before its customer is attached (a class with setters, so EF can order and filter on it).</summary>
    internal sealed class Row
    {
        public required string Prefix { get; init; }
        public long RowId { get; init; }

        public string Id => Prefix + RowId.ToString(CultureInfo.InvariantCulture);
        public required string Type { get; init; }
        public DateTimeOffset Timestamp { get; init; }
        public long CustomerId { get; init; }
        public required string ObjectOid { get; init; }
        public long? Amount { get; init; }
        public string? Currency { get; init; }
    }
}
