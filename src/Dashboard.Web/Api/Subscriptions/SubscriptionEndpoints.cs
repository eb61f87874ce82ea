using Dashboard.Infrastructure.Data;
using Dashboard.Web.Api.Infrastructure;
using Dashboard.Web.Services;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Api.Subscriptions;

/// <summary>
/// <c>/api/v1/{source_id}/subscriptions</c>: GET list (filter <c>customer_oid</c>)/one, POST (upsert on oid), PUT (a change
/// appended to the history from <c>occurred_at</c>), PUT .../cancel, DELETE.
/// </summary>
public static class SubscriptionEndpoints
{
    public static void MapSubscriptions(this RouteGroupBuilder perSource)
    {
        var group = perSource.MapGroup("/subscriptions").WithTags("Subscriptions");
        group.MapGet("/", ListAsync).AllowListQuery("customer_oid", "order");
        group.MapGet("/{oid}", GetAsync);
    }

    private static async Task<Results<ApiOk<SubscriptionList>, InvalidProblem>> ListAsync(
        RouteSource source, [FromQuery(Name = "customer_oid")] string? customerOid, HttpRequest request,
        DashboardDbContext db, TimeProvider clock, CustomerNumbers numbers, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var paging = Paging.From(request, errors);
        var descending = ListQuery.Descending(request, errors, descendingByDefault: true);
        if (paging is null || errors.Any)
        {
            return errors.ToProblem();
        }

        var query = db.Subscriptions.AsNoTracking().Where(s => s.SourceId == source.Id);
        if (!string.IsNullOrWhiteSpace(customerOid))
        {
            query = query.Where(s => db.Customers.Any(c => c.Id == s.CustomerId && c.ExternalId == customerOid));
        }

        var (items, meta) = await paging.ApplyAsync(
            descending!.Value
                ? query.OrderByDescending(s => s.StartedAt).ThenByDescending(s => s.Id)
                : query.OrderBy(s => s.StartedAt).ThenBy(s => s.Id),
            cancellationToken);
        return new ApiOk<SubscriptionList>(new SubscriptionList(await SubscriptionReads.ToDtosAsync(db, items, clock.GetUtcNow(), await numbers.ForReadAsync(cancellationToken), cancellationToken), meta));
    }

    private static async Task<Results<ApiOk<SubscriptionEnvelope>, NotFoundProblem>> GetAsync(
        RouteSource source, string oid, DashboardDbContext db, TimeProvider clock, CustomerNumbers numbers, CancellationToken cancellationToken)
    {
        var subscription = await SubscriptionReads.FindAsync(db, source.Id, oid, clock.GetUtcNow(), await numbers.ForReadAsync(cancellationToken), cancellationToken);
        return subscription is null
            ? ApiProblems.NotFound("oid", $"no subscription '{oid}' in source {source.Id}")
            : new ApiOk<SubscriptionEnvelope>(new SubscriptionEnvelope(subscription));
    }
}
