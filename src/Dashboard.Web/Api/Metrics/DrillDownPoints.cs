using Dashboard.Core.Customers;
using Dashboard.Core.Metrics;
using Dashboard.Infrastructure.Data;
using Dashboard.Web.Api.Customers;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Api.Metrics;

/// <summary>The drill-down page as Baremetrics' <c>metrics</c> member shows it (see <see cref="DrillDownPointDto"/>).</summary>
internal static class DrillDownPoints
{
    public static async Task<IReadOnlyList<DrillDownPointDto>> ForAsync(
        DashboardDbContext db, DrillDownResult result, IReadOnlyList<ContributionDto> page, Func<long, CustomerMetrics?> numbers,
        CancellationToken cancellationToken)
    {
        var ids = page.Select(c => c.CustomerId).ToList();
        var customers = await (
                from customer in db.Customers.AsNoTracking()
                where ids.Contains(customer.Id)
                join source in db.Sources.AsNoTracking() on customer.SourceId equals source.Id
                select new { customer, source.Provider })
            .ToDictionaryAsync(r => r.customer.Id, cancellationToken);
        var rows = page.Where(c => customers.ContainsKey(c.CustomerId))
            .Select(c => new DrillDownCustomerDto(c.Contribution,
                CustomerBriefDto.From(customers[c.CustomerId].customer, customers[c.CustomerId].Provider, numbers(c.CustomerId))))
            .ToList();
        return [new DrillDownPointDto(MetricDtos.Unix(result.Start), MetricDtos.Day(result.Start), result.Value, rows)];
    }
}
