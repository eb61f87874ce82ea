using Dashboard.Infrastructure.Data;
using Dashboard.Web.Api.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Dashboard.Web.Api.Refunds;

/// <summary><c>/api/v1/{source_id}/refunds</c>: GET list (filter <c>charge_oid</c>)/one, POST (upsert on oid), DELETE.</summary>
public static class RefundEndpoints
{
    public static void MapRefunds(this RouteGroupBuilder perSource)
    {
        var group = perSource.MapGroup("/refunds").WithTags("Refunds");
        group.MapGet("/", ListAsync).Produces<RefundList>().ProducesValidationProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{oid}", GetAsync).Produces<RefundEnvelope>().ProducesValidationProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> ListAsync(
        [FromRoute(Name = "source_id")] string sourceId, [FromQuery(Name = "charge_oid")] string? chargeOid, HttpRequest request,
        DashboardDbContext db, CancellationToken cancellationToken)
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

        var (items, meta) = await paging.ApplyAsync(RefundReads.Query(db, source.Id, chargeOid), cancellationToken);
        return ApiJson.Ok(new RefundList(items, meta));
    }

    private static async Task<IResult> GetAsync(
        [FromRoute(Name = "source_id")] string sourceId, string oid, DashboardDbContext db, CancellationToken cancellationToken)
    {
        var (source, problem) = await SourceRoute.FindAsync(db, sourceId, cancellationToken);
        if (source is null)
        {
            return problem!;
        }

        var refund = await RefundReads.FindAsync(db, source.Id, oid, cancellationToken);
        return refund is null ? ApiProblems.NotFound("oid", $"no refund '{oid}' in source {source.Id}") : ApiJson.Ok(new RefundEnvelope(refund));
    }
}
