using Dashboard.Infrastructure.Data;
using Dashboard.Web.Api.Infrastructure;
using Dashboard.Web.Services;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Dashboard.Web.Api.Charges;

/// <summary><c>/api/v1/{source_id}/charges</c>: GET list (filters <c>customer_oid</c>, <c>subscription_oid</c>, <c>start</c>/<c>end</c> on created)/one.</summary>
public static class ChargeEndpoints
{
    public static void MapCharges(this RouteGroupBuilder perSource)
    {
        var group = perSource.MapGroup("/charges").WithTags("Charges");
        group.MapGet("/", ListAsync).AllowListQuery("customer_oid", "subscription_oid", "start", "end");
        group.MapGet("/{oid}", GetAsync);
    }

    private static async Task<Results<ApiOk<ChargeList>, InvalidProblem>> ListAsync(
        RouteSource source, [FromQuery(Name = "customer_oid")] string? customerOid,
        [FromQuery(Name = "subscription_oid")] string? subscriptionOid, HttpRequest request, DashboardDbContext db, CustomerNumbers numbers,
        CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var paging = Paging.From(request, errors);
        var (start, end) = ListQuery.Range(request, errors);
        if (paging is null || errors.Any)
        {
            return errors.ToProblem();
        }

        var (items, meta) = await paging.ApplyAsync(ChargeReads.Query(db, source.Id, customerOid, subscriptionOid, start: start, endExclusive: end), cancellationToken);
        return new ApiOk<ChargeList>(new ChargeList(await ChargeReads.ToDtosAsync(db, items, await numbers.ForReadAsync(cancellationToken), cancellationToken), meta));
    }

    private static async Task<Results<ApiOk<ChargeEnvelope>, NotFoundProblem>> GetAsync(
        RouteSource source, string oid, DashboardDbContext db, CustomerNumbers numbers, CancellationToken cancellationToken)
    {
        var charge = await ChargeReads.FindAsync(db, source.Id, oid, await numbers.ForReadAsync(cancellationToken), cancellationToken);
        return charge is null ? ApiProblems.NotFound("oid", $"no charge '{oid}' in source {source.Id}") : new ApiOk<ChargeEnvelope>(new ChargeEnvelope(charge));
    }
}
