using Dashboard.Core.Billing;
using Dashboard.Infrastructure.Data;
using Dashboard.Web.Api.Infrastructure;
using Dashboard.Web.Api.Keys;
using Dashboard.Web.Services;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Api.CancellationInsights;

/// <summary><c>/api/v1/cancellation_insights/events</c>: GET (list), POST, and GET/PUT of one event, in Baremetrics' shapes.</summary>
public static class CancellationEventEndpoints
{
    public static void MapCancellationEvents(this RouteGroupBuilder group)
    {
        group.MapGet("/events", ListAsync).AllowListQuery();
        group.MapPost("/events", CreateAsync)
            .AcceptsBody<CancellationEventRequest>()
            .RequireAuthorization(ApiKeyAuthentication.WritePolicy);
        group.MapGet("/events/{id}", GetAsync);
        group.MapPut("/events/{id}", UpdateAsync)
            .AcceptsBody<CancellationEventChangeRequest>()
            .RequireAuthorization(ApiKeyAuthentication.WritePolicy);
    }

    private static async Task<Results<ApiOk<CancellationEventList>, InvalidProblem>> ListAsync(
        HttpRequest request, DashboardDbContext db, CustomerNumbers numbers, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var paging = Paging.From(request, errors);
        if (paging is null)
        {
            return errors.ToProblem();
        }

        var (items, meta) = await paging.ApplyAsync(db.CancellationEvents.AsNoTracking().OrderBy(e => e.Id), cancellationToken);
        var events = await CancellationEventReads.ToDtosAsync(db, items, clock.GetUtcNow(), await numbers.ForReadAsync(cancellationToken), cancellationToken);
        return new ApiOk<CancellationEventList>(new CancellationEventList(events, meta));
    }

    private static async Task<Results<ApiOk<CancellationEventEnvelope>, NotFoundProblem>> GetAsync(
        string id, DashboardDbContext db, CustomerNumbers numbers, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await FindAsync(db, id, tracked: false, cancellationToken) is not { } entry)
        {
            return NotFound(id);
        }

        var events = await CancellationEventReads.ToDtosAsync(db, [entry], clock.GetUtcNow(), await numbers.ForReadAsync(cancellationToken), cancellationToken);
        return new ApiOk<CancellationEventEnvelope>(new CancellationEventEnvelope(events[0]));
    }

    private static async Task<Results<ApiOk<CancellationEventEnvelope>, InvalidProblem, NotFoundProblem, TooLargeProblem>> CreateAsync(
        HttpRequest request, DashboardDbContext db, CustomerNumbers numbers, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (body, problem) = await ApiBody.ReadAsync<CancellationEventRequest>(request, cancellationToken);
        if (body is null)
        {
            return problem switch
            {
                TooLargeProblem tooLarge => tooLarge,
                _ => (InvalidProblem)problem!,
            };
        }

        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(body.CustomerOid) && string.IsNullOrWhiteSpace(body.CustomerEmail))
        {
            errors.Add("customer_oid", "is required");
        }

        errors.Required("reason_id", body.ReasonId);
        errors.MaxLength("comment", body.Comment, 4000);
        var subscriptionOids = body.SubscriptionOids ?? [];
        for (var i = 0; i < subscriptionOids.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(subscriptionOids[i]) || subscriptionOids[i].Contains('|'))
            {
                errors.Add($"subscription_oids[{i}]", "must be a subscription oid");
            }
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var sourceId = await PushedDataSource.ResolveAsync(db, body.SourceId, cancellationToken);
        var match = await CustomerMatch.FindAsync(db, body.CustomerOid, sourceId, body.CustomerEmail, cancellationToken);
        if (match.Customer is not { } customer)
        {
            return match.Field == "source_id"
                ? ApiProblems.Validation(match.Field, match.Error!)
                : ApiProblems.NotFound(match.Field, match.Error!);
        }

        if (!await db.CancellationReasons.AnyAsync(r => r.Id == body.ReasonId, cancellationToken))
        {
            return ReasonNotFound(body.ReasonId!.Value);
        }

        var wanted = subscriptionOids.ToList();
        var known = await db.Subscriptions.AsNoTracking()
            .Where(s => s.CustomerId == customer.Id && wanted.Contains(s.ExternalId))
            .Select(s => s.ExternalId)
            .ToListAsync(cancellationToken);
        for (var i = 0; i < subscriptionOids.Count; i++)
        {
            if (!known.Contains(subscriptionOids[i]))
            {
                return ApiProblems.NotFound($"subscription_oids[{i}]", $"the customer has no subscription '{subscriptionOids[i]}'");
            }
        }

        var entry = new CancellationEvent
        {
            CustomerId = customer.Id,
            ReasonId = body.ReasonId!.Value,
            Comment = string.IsNullOrWhiteSpace(body.Comment) ? null : body.Comment.Trim(),
            OccurredAt = body.OccurredAt ?? clock.GetUtcNow(),
            SubscriptionExternalIds = subscriptionOids.Count == 0 ? null : string.Join('|', subscriptionOids),
        };
        db.CancellationEvents.Add(entry);
        await db.SaveChangesAsync(cancellationToken);
        var events = await CancellationEventReads.ToDtosAsync(db, [entry], clock.GetUtcNow(), numbers.ForWrite(), cancellationToken);
        return new ApiOk<CancellationEventEnvelope>(new CancellationEventEnvelope(events[0]));
    }

    /// <summary>Changes the reason and/or the comment; what the body does not name stays as it was (<c>comment: null</c> clears it).</summary>
    private static async Task<Results<ApiOk<CancellationEventEnvelope>, InvalidProblem, NotFoundProblem, TooLargeProblem>> UpdateAsync(
        string id, HttpRequest request, DashboardDbContext db, CustomerNumbers numbers, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (body, problem) = await ApiBody.ReadAsync<CancellationEventChangeRequest>(request, cancellationToken);
        if (body is null)
        {
            return problem switch
            {
                TooLargeProblem tooLarge => tooLarge,
                _ => (InvalidProblem)problem!,
            };
        }

        if (await FindAsync(db, id, tracked: true, cancellationToken) is not { } entry)
        {
            return NotFound(id);
        }

        var errors = new FieldErrors();
        if (body.Sent.Has("reason_id"))
        {
            errors.Required("reason_id", body.ReasonId);
        }

        errors.MaxLength("comment", body.Comment, 4000);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        if (body.Sent.Has("reason_id"))
        {
            if (!await db.CancellationReasons.AnyAsync(r => r.Id == body.ReasonId, cancellationToken))
            {
                return ReasonNotFound(body.ReasonId!.Value);
            }

            entry.ReasonId = body.ReasonId!.Value;
        }

        if (body.Sent.Has("comment"))
        {
            entry.Comment = string.IsNullOrWhiteSpace(body.Comment) ? null : body.Comment.Trim();
        }

        await db.SaveChangesAsync(cancellationToken);
        var events = await CancellationEventReads.ToDtosAsync(db, [entry], clock.GetUtcNow(), numbers.ForWrite(), cancellationToken);
        return new ApiOk<CancellationEventEnvelope>(new CancellationEventEnvelope(events[0]));
    }

    private static async Task<CancellationEvent?> FindAsync(DashboardDbContext db, string id, bool tracked, CancellationToken cancellationToken)
    {
        if (Ids.Parse(id) is not { } key)
        {
            return null;
        }

        var events = tracked ? db.CancellationEvents : db.CancellationEvents.AsNoTracking();
        return await events.FirstOrDefaultAsync(e => e.Id == key, cancellationToken);
    }

    private static NotFoundProblem NotFound(string id) => ApiProblems.NotFound("id", $"no cancellation event has the id '{id}'");

    private static NotFoundProblem ReasonNotFound(long id) => ApiProblems.NotFound("reason_id", $"no cancellation reason has the id {id}");
}
