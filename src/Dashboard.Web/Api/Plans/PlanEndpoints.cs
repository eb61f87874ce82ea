using Dashboard.Infrastructure.Data;
using Dashboard.Web.Api.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Api.Plans;

/// <summary><c>/api/v1/{source_id}/plans</c>: GET list/one, POST (upsert on oid), PUT, DELETE.</summary>
public static class PlanEndpoints
{
    public static void MapPlans(this RouteGroupBuilder perSource)
    {
        var group = perSource.MapGroup("/plans").WithTags("Plans");
        group.MapGet("/", ListAsync).Produces<PlanList>().ProducesValidationProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{oid}", GetAsync).Produces<PlanEnvelope>().ProducesValidationProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> ListAsync([FromRoute(Name = "source_id")] string sourceId, HttpRequest request, DashboardDbContext db, CancellationToken cancellationToken)
    {
        var (source, problem) = await SourceRoute.FindAsync(db, sourceId, cancellationToken);
        if (source is null)
        {
            return problem!;
        }

        return await Paging.ListAsync(request, db.Plans.AsNoTracking().Where(p => p.SourceId == source.Id).OrderBy(p => p.Id), (items, meta) => new PlanList(items.Select(PlanDto.From).ToList(), meta), cancellationToken);
    }

    private static async Task<IResult> GetAsync([FromRoute(Name = "source_id")] string sourceId, string oid, DashboardDbContext db, CancellationToken cancellationToken)
    {
        var (source, problem) = await SourceRoute.FindAsync(db, sourceId, cancellationToken);
        if (source is null)
        {
            return problem!;
        }

        var plan = await PlanReads.FindAsync(db, source.Id, oid, cancellationToken);
        return plan is null ? ApiProblems.NotFound("oid", $"no plan '{oid}' in source {source.Id}") : ApiJson.Ok(new PlanEnvelope(plan));
    }
}
