using Dashboard.Infrastructure.Data;
using Dashboard.Web.Api.Infrastructure;
using Dashboard.Web.Services;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Api.Customers;

/// <summary><c>/api/v1/{source_id}/customers</c>: GET list (filter <c>email</c>)/one, POST (upsert on oid), PUT, DELETE.</summary>
public static class CustomerEndpoints
{
    public static void MapCustomers(this RouteGroupBuilder perSource)
    {
        var group = perSource.MapGroup("/customers").WithTags("Customers");
        group.MapGet("/", ListAsync);
        group.MapGet("/{oid}", GetAsync);
    }

    private static async Task<Results<ApiOk<CustomerList>, InvalidProblem>> ListAsync(
        RouteSource source, [FromQuery] string? email, HttpRequest request, DashboardDbContext db, CustomerNumbers numbers, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var paging = Paging.From(request, errors);
        if (paging is null)
        {
            return errors.ToProblem();
        }

        var query = db.Customers.AsNoTracking().Where(c => c.SourceId == source.Id);
        if (!string.IsNullOrWhiteSpace(email))
        {
            var wanted = email.Trim().ToLowerInvariant();
            query = query.Where(c => c.Email != null && c.Email.ToLower() == wanted);
        }

        var (items, meta) = await paging.ApplyAsync(query.OrderBy(c => c.Id), cancellationToken);
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
