using Dashboard.Core.Billing;
using Dashboard.Infrastructure.Data;
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

    public static async Task<CustomerDto?> FindAsync(DashboardDbContext db, long sourceId, string oid, CancellationToken cancellationToken)
    {
        var customer = await db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.SourceId == sourceId && c.ExternalId == oid, cancellationToken);
        return customer is null ? null : (await ToDtosAsync(db, [customer], cancellationToken))[0];
    }
}
