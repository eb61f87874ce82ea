using Dashboard.Core.Billing;
using Dashboard.Core.Customers;
using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Import.Operations;
using Dashboard.Web.Api.Plans;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Api.Customers;

internal static class CustomerReads
{
    /// <summary>Customers with their attributes, current plans and engine numbers (<paramref name="numbers"/>).</summary>
    public static async Task<List<CustomerDto>> ToDtosAsync(
        DashboardDbContext db, IReadOnlyList<Customer> customers, Func<long, CustomerMetrics?> numbers, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var ids = customers.Select(c => c.Id).ToList();
        var values = await (
                from a in db.CustomerAttributes.AsNoTracking()
                join f in db.AttributeFields.AsNoTracking() on a.FieldId equals f.Id
                where ids.Contains(a.CustomerId)
                select new { a.CustomerId, f.Key, a.Value })
            .ToListAsync(cancellationToken);
        var sourceIds = customers.Select(c => c.SourceId).Distinct().ToList();
        var providers = await db.Sources.AsNoTracking().Where(s => sourceIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Provider, cancellationToken);
        var plans = await CurrentPlansAsync(db, ids, now, cancellationToken);
        var byCustomer = values.ToLookup(v => v.CustomerId);
        return customers
            .Select(c => CustomerDto.From(c, providers.GetValueOrDefault(c.SourceId), numbers(c.Id), plans.GetValueOrDefault(c.Id, []),
                byCustomer[c.Id].ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal)))
            .ToList();
    }

    /// <summary>One customer as the API shows it; compiled queries, as every single-object write answers with one.</summary>
    public static async Task<CustomerDto?> FindAsync(
        DashboardDbContext db, long sourceId, string oid, Func<long, CustomerMetrics?> numbers, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var row = await CustomerByOid.For(db)(db, sourceId, oid, cancellationToken);
        if (row is null)
        {
            return null;
        }

        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        await foreach (var attribute in AttributesOf.For(db)(db, row.Customer.Id).WithCancellation(cancellationToken))
        {
            attributes[attribute.Key] = attribute.Value;
        }

        var plans = await CurrentPlansAsync(db, [row.Customer.Id], now, cancellationToken);
        return CustomerDto.From(row.Customer, row.Provider, numbers(row.Customer.Id), plans.GetValueOrDefault(row.Customer.Id, []), attributes);
    }

    /// <summary>The stored customer as the import that would write it again, for a PUT that keeps what it does not name.</summary>
    public static async Task<CustomerImport?> FindStoredAsync(DashboardDbContext db, long sourceId, string oid, CancellationToken cancellationToken) =>
        await CustomerByOid.For(db)(db, sourceId, oid, cancellationToken) is { Customer: var c }
            ? new CustomerImport
            {
                Oid = c.ExternalId, Name = c.Name, Email = c.Email, Notes = c.Notes, Country = c.Country, Currency = c.Currency, Created = c.CreatedAt,
            }
            : null;

    /// <summary>
    /// A customer just created by a write: it has no attributes, subscriptions or charges yet, so only its row is read
    /// and its numbers are those of a new customer.
    /// </summary>
    public static async Task<CustomerDto?> FindCreatedAsync(DashboardDbContext db, long sourceId, string oid, CancellationToken cancellationToken) =>
        await CustomerByOid.For(db)(db, sourceId, oid, cancellationToken) is { } row
            ? CustomerDto.From(row.Customer, row.Provider, null, []) with { Ltv = 0, CurrentMrr = 0, IsActive = false, IsCanceled = false }
            : null;

    /// <summary>
    /// The plans of each customer's subscriptions running at <paramref name="now"/> (started, not canceled, in a state
    /// other than canceled), each plan once.
    /// </summary>
    public static async Task<Dictionary<long, List<PlanDto>>> CurrentPlansAsync(
        DashboardDbContext db, IReadOnlyCollection<long> customerIds, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var states = await (
                from subscription in db.Subscriptions.AsNoTracking()
                where customerIds.Contains(subscription.CustomerId) && (subscription.CanceledAt == null || subscription.CanceledAt > now)
                join state in db.SubscriptionStates.AsNoTracking() on subscription.Id equals state.SubscriptionId
                where state.EffectiveFrom <= now
                select new { subscription.CustomerId, state.SubscriptionId, state.Id, state.EffectiveFrom, state.PlanId, state.Status })
            .ToListAsync(cancellationToken);
        var current = states
            .GroupBy(s => s.SubscriptionId)
            .Select(g => g.OrderBy(s => s.EffectiveFrom).ThenBy(s => s.Id).Last())
            .Where(s => s.Status != SubscriptionStatus.Canceled)
            .ToList();
        if (current.Count == 0)
        {
            return [];
        }

        var plans = await PlanReads.ByIdAsync(db, current.Select(s => s.PlanId).Distinct().ToList(), cancellationToken);
        return current.GroupBy(s => s.CustomerId)
            .ToDictionary(g => g.Key, g => g.Select(s => s.PlanId).Distinct().Order().Select(id => plans[id]).ToList());
    }

    private static readonly CompiledQuery<Func<DashboardDbContext, long, string, CancellationToken, Task<CustomerRow?>>> CustomerByOid =
        new(() => EF.CompileAsyncQuery((DashboardDbContext db, long sourceId, string oid, CancellationToken _) =>
            (from customer in db.Customers.AsNoTracking()
             where customer.SourceId == sourceId && customer.ExternalId == oid
             join source in db.Sources.AsNoTracking() on customer.SourceId equals source.Id
             select new CustomerRow(customer, source.Provider))
            .FirstOrDefault()));

    private static readonly CompiledQuery<Func<DashboardDbContext, long, IAsyncEnumerable<AttributeValue>>> AttributesOf =
        new(() => EF.CompileAsyncQuery((DashboardDbContext db, long customerId) =>
            from a in db.CustomerAttributes.AsNoTracking()
            join f in db.AttributeFields.AsNoTracking() on a.FieldId equals f.Id
            where a.CustomerId == customerId
            select new AttributeValue(f.Key, a.Value)));

    private sealed record AttributeValue(string Key, string Value);
}

internal sealed record CustomerRow(Customer Customer, SourceProvider Provider);
