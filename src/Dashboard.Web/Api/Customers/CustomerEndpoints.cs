using Dashboard.Infrastructure.Data;
using Dashboard.Web.Api.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Api.Customers;

/// <summary><c>/api/v1/{source_id}/customers</c>: GET list (filter <c>email</c>)/one, POST (upsert on oid), PUT, DELETE.</summary>
public static class CustomerEndpoints
{
    public static void MapCustomers(this RouteGroupBuilder perSource)
    {
        var group = perSource.MapGroup("/customers").WithTags("Customers");
        group.MapGet("/", ListAsync).Produces<CustomerList>().ProducesValidationProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{oid}", GetAsync).Produces<CustomerEnvelope>().ProducesValidationProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> ListAsync(
        [FromRoute(Name = "source_id")] string sourceId, [FromQuery] string? email, HttpRequest request, DashboardDbContext db,
        CancellationToken cancellationToken)
    {
        var (source, problem) = await SourceRoute.FindAsync(db, sourceId, cancellationToken);
        if (source is null)
        {
            return problem!;
        }

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
        return ApiJson.Ok(new CustomerList(await CustomerReads.ToDtosAsync(db, items, cancellationToken), meta));
    }

    private static async Task<IResult> GetAsync(
        [FromRoute(Name = "source_id")] string sourceId, string oid, DashboardDbContext db, CancellationToken cancellationToken)
    {
        var (source, problem) = await SourceRoute.FindAsync(db, sourceId, cancellationToken);
        if (source is null)
        {
            return problem!;
        }

        var customer = await CustomerReads.FindAsync(db, source.Id, oid, cancellationToken);
        return customer is null
            ? ApiProblems.NotFound("oid", $"no customer '{oid}' in source {source.Id}")
            : ApiJson.Ok(new CustomerEnvelope(customer));
    }
}
