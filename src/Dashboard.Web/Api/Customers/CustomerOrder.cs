using Dashboard.Core.Billing;
using Dashboard.Infrastructure.Data;

namespace Dashboard.Web.Api.Customers;

/// <summary>The customer list's <c>sort</c> (created or ltv) and <c>order</c>, the id breaking ties so pages are stable.</summary>
internal static class CustomerOrder
{
    public static IQueryable<Customer> Apply(DashboardDbContext db, IQueryable<Customer> query, string sort, bool descending)
    {
        if (sort == "ltv")
        {
            // Lifetime value as Baremetrics sorts by it: what the customer paid, less what was refunded (minor units).
            var byValue = query.Select(c => new
            {
                Customer = c,
                Ltv = db.Charges.Where(ch => ch.CustomerId == c.Id && ch.Status == ChargeStatus.Paid).Sum(ch => (long?)ch.AmountMinor) ?? 0L,
                Refunded = (from r in db.Refunds join ch in db.Charges on r.ChargeId equals ch.Id where ch.CustomerId == c.Id select (long?)r.AmountMinor).Sum() ?? 0L,
            });
            var ordered = descending
                ? byValue.OrderByDescending(x => x.Ltv - x.Refunded).ThenByDescending(x => x.Customer.Id)
                : byValue.OrderBy(x => x.Ltv - x.Refunded).ThenBy(x => x.Customer.Id);
            return ordered.Select(x => x.Customer);
        }

        return descending
            ? query.OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id)
            : query.OrderBy(c => c.CreatedAt).ThenBy(c => c.Id);
    }
}
