using Dashboard.Infrastructure.Data;
using Dashboard.Web.Api.Infrastructure;
using Dashboard.Web.Services;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Api.Plans;

/// <summary><c>/api/v1/{source_id}/plans</c>: GET list/one, POST (upsert on oid), PUT, DELETE.</summary>
public static class PlanEndpoints
{
    public static void MapPlans(this RouteGroupBuilder perSource)
    {
        var group = perSource.MapGroup("/plans").WithTags("Plans");
        group.MapGet("/", ListAsync).AllowListQuery("search");
        group.MapGet("/{oid}", GetAsync);
    }

    /// <summary>The source's plans; <c>search</c> matches the name or the oid (case-insensitive, any part).</summary>
    private static async Task<Results<ApiOk<PlanList>, InvalidProblem>> ListAsync(RouteSource source, HttpRequest request, DashboardDbContext db, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var search = ListQuery.Search(request, errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var query = db.Plans.AsNoTracking().Where(p => p.SourceId == source.Id);
        if (search is not null)
        {
            query = query.Where(p => p.Name.ToLower().Contains(search) || p.ExternalId.ToLower().Contains(search));
        }

        return await Paging.ListAsync(request, PlanReads.WithProvider(db, query).OrderBy(r => r.Plan.Id),
            (items, meta) => new PlanList(items.Select(r => PlanDto.From(r.Plan, r.Provider)).ToList(), meta), cancellationToken);
    }

    private static async Task<Results<ApiOk<PlanEnvelope>, NotFoundProblem>> GetAsync(RouteSource source, string oid, DashboardDbContext db, CancellationToken cancellationToken)
    {
        var plan = await PlanReads.FindAsync(db, source.Id, oid, cancellationToken);
        return plan is null ? ApiProblems.NotFound("oid", $"no plan '{oid}' in source {source.Id}") : new ApiOk<PlanEnvelope>(new PlanEnvelope(plan));
    }
}
