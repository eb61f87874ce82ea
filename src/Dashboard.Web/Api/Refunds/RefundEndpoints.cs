using Dashboard.Infrastructure.Data;
using Dashboard.Web.Api.Infrastructure;
using Dashboard.Web.Services;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Dashboard.Web.Api.Refunds;

/// <summary><c>/api/v1/{source_id}/refunds</c>: GET list (filter <c>charge_oid</c>)/one, POST (upsert on oid), DELETE.</summary>
public static class RefundEndpoints
{
    public static void MapRefunds(this RouteGroupBuilder perSource)
    {
        var group = perSource.MapGroup("/refunds").WithTags("Refunds");
        group.MapGet("/", ListAsync).AllowListQuery("charge_oid", "start", "end");
        group.MapGet("/{oid}", GetAsync);
    }

    private static async Task<Results<ApiOk<RefundList>, InvalidProblem>> ListAsync(
        RouteSource source, [FromQuery(Name = "charge_oid")] string? chargeOid, HttpRequest request,
        DashboardDbContext db, CustomerNumbers numbers, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var paging = Paging.From(request, errors);
        var (start, end) = ListQuery.Range(request, errors);
        if (paging is null || errors.Any)
        {
            return errors.ToProblem();
        }

        var (items, meta) = await paging.ApplyAsync(RefundReads.Query(db, source.Id, chargeOid, start: start, endExclusive: end), cancellationToken);
        var lookup = await numbers.ForReadAsync(cancellationToken);
        return new ApiOk<RefundList>(new RefundList(items.Select(r => RefundReads.ToDto(r, lookup)).ToList(), meta));
    }

    private static async Task<Results<ApiOk<RefundEnvelope>, NotFoundProblem>> GetAsync(
        RouteSource source, string oid, DashboardDbContext db, CustomerNumbers numbers, CancellationToken cancellationToken)
    {
        var refund = await RefundReads.FindAsync(db, source.Id, oid, await numbers.ForReadAsync(cancellationToken), cancellationToken);
        return refund is null ? ApiProblems.NotFound("oid", $"no refund '{oid}' in source {source.Id}") : new ApiOk<RefundEnvelope>(new RefundEnvelope(refund));
    }
}
