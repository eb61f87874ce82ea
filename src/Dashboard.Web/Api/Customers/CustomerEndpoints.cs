using Dashboard.Infrastructure.Data;
using Dashboard.Web.Api.Infrastructure;
using Dashboard.Web.Services;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Api.Customers;

/// <summary><c>/api/v1/{source_id}/customers</c>: GET list (filters <c>email</c>, <c>search</c>; <c>sort</c>, <c>order</c>)/one.</summary>
public static class CustomerEndpoints
{
    public static void MapCustomers(this RouteGroupBuilder perSource)
    {
        var group = perSource.MapGroup("/customers").WithTags("Customers");
        group.MapGet("/", ListAsync).AllowListQuery("email", "search", "sort", "order");
        group.MapGet("/{oid}", GetAsync);
    }

    /// <summary>
    /// The source's customers. <c>email</c> matches exactly; <c>search</c> matches any part of the oid, email, name or notes
    /// (case-insensitive); <c>sort</c> is <c>created</c> (default) or <c>ltv</c>, <c>order</c> <c>asc</c> (default) or <c>desc</c>.
    /// </summary>
    private static async Task<Results<ApiOk<CustomerList>, InvalidProblem>> ListAsync(
        RouteSource source, [FromQuery] string? email, HttpRequest request, DashboardDbContext db, CustomerNumbers numbers, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var paging = Paging.From(request, errors);
        var search = ListQuery.Search(request, errors);
        var sort = ListQuery.Choice(request, "sort", "created", errors, "created", "ltv");
        var descending = ListQuery.Descending(request, errors, descendingByDefault: false);
        if (paging is null || errors.Any)
        {
            return errors.ToProblem();
        }

        var query = db.Customers.AsNoTracking().Where(c => c.SourceId == source.Id);
        if (!string.IsNullOrWhiteSpace(email))
        {
            var wanted = email.Trim().ToLowerInvariant();
            query = query.Where(c => c.Email != null && c.Email.ToLower() == wanted);
        }

        if (search is not null)
        {
            query = query.Where(c => c.ExternalId.ToLower().Contains(search)
                || (c.Email != null && c.Email.ToLower().Contains(search))
                || (c.Name != null && c.Name.ToLower().Contains(search))
                || (c.Notes != null && c.Notes.ToLower().Contains(search)));
        }

        var (items, meta) = await paging.ApplyAsync(CustomerOrder.Apply(db, query, sort!, descending!.Value), cancellationToken);
        return new ApiOk<CustomerList>(new CustomerList(await CustomerReads.ToDtosAsync(db, items, await numbers.ForReadAsync(cancellationToken), clock.GetUtcNow(), cancellationToken), meta));
    }

    private static async Task<Results<ApiOk<CustomerEnvelope>, NotFoundProblem>> GetAsync(
        RouteSource source, string oid, DashboardDbContext db, CustomerNumbers numbers, TimeProvider clock, CancellationToken cancellationToken)
    {
        var customer = await CustomerReads.FindAsync(db, source.Id, oid, await numbers.ForReadAsync(cancellationToken), clock.GetUtcNow(), cancellationToken);
        return customer is null
            ? ApiProblems.NotFound("oid", $"no customer '{oid}' in source {source.Id}")
            : new ApiOk<CustomerEnvelope>(new CustomerEnvelope(customer));
    }
}
