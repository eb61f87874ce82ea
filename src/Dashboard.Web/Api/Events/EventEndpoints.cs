using Dashboard.Infrastructure.Data;
using Dashboard.Web.Api.Infrastructure;
using Dashboard.Web.Services;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Api.Events;

/// <summary>
/// <c>GET /{source_id}/events</c>, <c>/{source_id}/events/{id}</c> and <c>/{source_id}/customers/{oid}/events</c>: the
/// feed of what happened in a source (see <see cref="EventReads"/>), newest first, read key.
/// </summary>
public static class EventEndpoints
{
    public static void MapEvents(this RouteGroupBuilder perSource)
    {
        perSource.MapGet("/events", ListAsync).WithTags("Events").AllowListQuery("start", "end");
        perSource.MapGet("/events/{id}", GetAsync).WithTags("Events");
        perSource.MapGet("/customers/{oid}/events", CustomerEventsAsync).WithTags("Events").AllowListQuery("start", "end");
    }

    private static Task<Results<ApiOk<EventList>, InvalidProblem, NotFoundProblem>> ListAsync(
        RouteSource source, HttpRequest request, DashboardDbContext db, CustomerNumbers numbers, CancellationToken cancellationToken) =>
        PageAsync(source.Id, null, request, db, numbers, cancellationToken);

    private static async Task<Results<ApiOk<EventList>, InvalidProblem, NotFoundProblem>> CustomerEventsAsync(
        RouteSource source, string oid, HttpRequest request, DashboardDbContext db, CustomerNumbers numbers, CancellationToken cancellationToken)
    {
        var customerId = await db.Customers.AsNoTracking().Where(c => c.SourceId == source.Id && c.ExternalId == oid)
            .Select(c => (long?)c.Id).FirstOrDefaultAsync(cancellationToken);
        return customerId is null
            ? ApiProblems.NotFound("oid", $"no customer '{oid}' in source {source.Id}")
            : await PageAsync(source.Id, customerId, request, db, numbers, cancellationToken);
    }

    private static async Task<Results<ApiOk<EventEnvelope>, NotFoundProblem>> GetAsync(
        RouteSource source, string id, DashboardDbContext db, CustomerNumbers numbers, CancellationToken cancellationToken)
    {
        if (await EventReads.FindAsync(db, source.Id, id, cancellationToken) is not { } row)
        {
            return ApiProblems.NotFound("id", $"no event '{id}' in source {source.Id}");
        }

        var dtos = await EventReads.ToDtosAsync(db, [row], await numbers.ForReadAsync(cancellationToken), cancellationToken);
        return new ApiOk<EventEnvelope>(new EventEnvelope(dtos[0]));
    }

    private static async Task<Results<ApiOk<EventList>, InvalidProblem, NotFoundProblem>> PageAsync(
        long sourceId, long? customerId, HttpRequest request, DashboardDbContext db, CustomerNumbers numbers, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var paging = Paging.From(request, errors);
        var (start, endExclusive) = ListQuery.Range(request, errors);
        if (paging is null || errors.Any)
        {
            return errors.ToProblem();
        }

        var (rows, hasMore) = await EventReads.PageAsync(db, sourceId, customerId, paging.Skip, paging.PerPage, start, endExclusive, cancellationToken);
        var events = await EventReads.ToDtosAsync(db, rows, await numbers.ForReadAsync(cancellationToken), cancellationToken);
        return new ApiOk<EventList>(new EventList(events, new PaginationMeta(new Pagination(paging.Page, paging.PerPage, hasMore))));
    }
}
