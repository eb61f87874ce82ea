using Dashboard.Infrastructure.Data;
using Dashboard.Web.Api.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Dashboard.Web.Api.Charges;

/// <summary><c>/api/v1/{source_id}/charges</c>: GET list (filters <c>customer_oid</c>, <c>subscription_oid</c>)/one, POST (upsert on oid), DELETE.</summary>
public static class ChargeEndpoints
{
    public static void MapCharges(this RouteGroupBuilder perSource)
    {
        var group = perSource.MapGroup("/charges").WithTags("Charges");
        group.MapGet("/", ListAsync).Produces<ChargeList>().ProducesValidationProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{oid}", GetAsync).Produces<ChargeEnvelope>().ProducesValidationProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> ListAsync(
        [FromRoute(Name = "source_id")] string sourceId, [FromQuery(Name = "customer_oid")] string? customerOid,
        [FromQuery(Name = "subscription_oid")] string? subscriptionOid, HttpRequest request, DashboardDbContext db, CancellationToken cancellationToken)
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

        var (items, meta) = await paging.ApplyAsync(ChargeReads.Query(db, source.Id, customerOid, subscriptionOid), cancellationToken);
        return ApiJson.Ok(new ChargeList(await ChargeReads.ToDtosAsync(db, items, cancellationToken), meta));
    }

    private static async Task<IResult> GetAsync(
        [FromRoute(Name = "source_id")] string sourceId, string oid, DashboardDbContext db, CancellationToken cancellationToken)
    {
        var (source, problem) = await SourceRoute.FindAsync(db, sourceId, cancellationToken);
        if (source is null)
        {
            return problem!;
        }

        var charge = await ChargeReads.FindAsync(db, source.Id, oid, cancellationToken);
        return charge is null ? ApiProblems.NotFound("oid", $"no charge '{oid}' in source {source.Id}") : ApiJson.Ok(new ChargeEnvelope(charge));
    }
}
