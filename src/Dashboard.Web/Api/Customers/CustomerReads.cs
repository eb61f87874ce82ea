using Dashboard.Core.Billing;
using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Import.Operations;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Api.Customers;

internal static class CustomerReads
{
    public static async Task<List<CustomerDto>> ToDtosAsync(DashboardDbContext db, IReadOnlyList<Customer> customers, CancellationToken cancellationToken)
    {
        var ids = customers.Select(c => c.Id).ToList();
        var values = await (
                from a in db.CustomerAttributes.AsNoTracking()
                join f in db.AttributeFields.AsNoTracking() on a.FieldId equals f.Id
                where ids.Contains(a.CustomerId)
                select new { a.CustomerId, f.Key, a.Value })
            .ToListAsync(cancellationToken);
        var byCustomer = values.ToLookup(v => v.CustomerId);
        return customers
            .Select(c => CustomerDto.From(c, byCustomer[c.Id].ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal)))
            .ToList();
    }

    /// <summary>One customer as the API shows it; compiled queries, as every single-object write answers with one.</summary>
    public static async Task<CustomerDto?> FindAsync(DashboardDbContext db, long sourceId, string oid, CancellationToken cancellationToken)
    {
        var customer = await CustomerByOid.For(db)(db, sourceId, oid, cancellationToken);
        if (customer is null)
        {
            return null;
        }

        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        await foreach (var attribute in AttributesOf.For(db)(db, customer.Id).WithCancellation(cancellationToken))
        {
            attributes[attribute.Key] = attribute.Value;
        }

        return CustomerDto.From(customer, attributes);
    }

    /// <summary>The stored customer as the import that would write it again, for a PUT that keeps what it does not name.</summary>
    public static async Task<CustomerImport?> FindStoredAsync(DashboardDbContext db, long sourceId, string oid, CancellationToken cancellationToken) =>
        await CustomerByOid.For(db)(db, sourceId, oid, cancellationToken) is { } c
            ? new CustomerImport
            {
                Oid = c.ExternalId, Name = c.Name, Email = c.Email, Notes = c.Notes, Country = c.Country, Currency = c.Currency, Created = c.CreatedAt,
            }
            : null;

    /// <summary>A customer just created by a write: it has no attributes yet, so only its row is read.</summary>
    public static async Task<CustomerDto?> FindCreatedAsync(DashboardDbContext db, long sourceId, string oid, CancellationToken cancellationToken) =>
        await CustomerByOid.For(db)(db, sourceId, oid, cancellationToken) is { } customer ? CustomerDto.From(customer) : null;

    private static readonly CompiledQuery<Func<DashboardDbContext, long, string, CancellationToken, Task<Customer?>>> CustomerByOid =
        new(() => EF.CompileAsyncQuery((DashboardDbContext db, long sourceId, string oid, CancellationToken _) =>
            db.Customers.AsNoTracking().FirstOrDefault(c => c.SourceId == sourceId && c.ExternalId == oid)));

    private static readonly CompiledQuery<Func<DashboardDbContext, long, IAsyncEnumerable<AttributeValue>>> AttributesOf =
        new(() => EF.CompileAsyncQuery((DashboardDbContext db, long customerId) =>
            from a in db.CustomerAttributes.AsNoTracking()
            join f in db.AttributeFields.AsNoTracking() on a.FieldId equals f.Id
            where a.CustomerId == customerId
            select new AttributeValue(f.Key, a.Value)));

    private sealed record AttributeValue(string Key, string Value);
}
