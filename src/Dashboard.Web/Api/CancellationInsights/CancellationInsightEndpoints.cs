using Dashboard.Core.Billing;
using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Import;
using Dashboard.Web.Api.Infrastructure;
using Dashboard.Web.Api.Keys;
using Dashboard.Web.Services;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Api.CancellationInsights;

/// <summary><c>/api/v1/cancellation_insights</c>: reasons (GET/POST) and events (GET/POST).</summary>
public static class CancellationInsightEndpoints
{
    public static void MapCancellationInsights(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/cancellation_insights").WithTags("Cancellation insights");
        group.MapGet("/reasons", ListReasonsAsync).AllowListQuery();
        group.MapPost("/reasons", CreateReasonAsync)
            .AcceptsBody<ReasonRequest>()
            .RequireAuthorization(ApiKeyAuthentication.WritePolicy);
        group.MapGet("/events", ListEventsAsync).AllowListQuery();
        group.MapPost("/events", CreateEventAsync)
            .AcceptsBody<CancellationEventRequest>()
            .RequireAuthorization(ApiKeyAuthentication.WritePolicy);
    }

    private static async Task<Results<ApiOk<ReasonList>, InvalidProblem>> ListReasonsAsync(HttpRequest request, DashboardDbContext db, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var paging = Paging.From(request, errors);
        if (paging is null)
        {
            return errors.ToProblem();
        }

        var (items, meta) = await paging.ApplyAsync(
            db.CancellationReasons.AsNoTracking().OrderBy(r => r.SortKey).ThenBy(r => r.Id), cancellationToken);
        return new ApiOk<ReasonList>(new ReasonList(items.Select(ReasonDto.From).ToList(), meta));
    }

    /// <summary>Creates a reason; the same text again updates its sort key (200).</summary>
    private static async Task<Results<ApiOk<ReasonEnvelope>, InvalidProblem, TooLargeProblem>> CreateReasonAsync(
        HttpRequest request, DashboardDbContext db, CancellationToken cancellationToken)
    {
        var (body, problem) = await ApiBody.ReadAsync<ReasonRequest>(request, cancellationToken);
        if (body is null)
        {
            return problem switch
            {
                TooLargeProblem tooLarge => tooLarge,
                _ => (InvalidProblem)problem!,
            };
        }

        var errors = new FieldErrors();
        errors.Required("text", body.Text);
        errors.MaxLength("text", body.Text, 500);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var text = body.Text!.Trim();
        (CancellationReason Reason, bool Created) saved;
        try
        {
            saved = await SaveReasonAsync(db, text, body.SortKey, cancellationToken);
        }
        catch (Exception exception) when (WriteConflict.Is(exception))
        {
            // Another request stored the same text first (the text is unique): answer with that reason.
            db.ChangeTracker.Clear();
            saved = await SaveReasonAsync(db, text, body.SortKey, cancellationToken);
        }

        return new ApiOk<ReasonEnvelope>(new ReasonEnvelope(ReasonDto.From(saved.Reason)));
    }

    /// <summary>Updates the reason with this text, or stores a new one; says which.</summary>
    private static async Task<(CancellationReason Reason, bool Created)> SaveReasonAsync(DashboardDbContext db, string text, int? sortKey, CancellationToken cancellationToken)
    {
        var existing = await db.CancellationReasons.FirstOrDefaultAsync(r => r.Text == text, cancellationToken);
        if (existing is not null)
        {
            existing.SortKey = sortKey ?? existing.SortKey;
            await db.SaveChangesAsync(cancellationToken);
            return (existing, false);
        }

        var reason = new CancellationReason
        {
            Text = text,
            SortKey = sortKey ?? (await db.CancellationReasons.MaxAsync(r => (int?)r.SortKey, cancellationToken) ?? 0) + 10,
        };
        db.CancellationReasons.Add(reason);
        await db.SaveChangesAsync(cancellationToken);
        return (reason, true);
    }

    private static async Task<Results<ApiOk<CancellationEventList>, InvalidProblem>> ListEventsAsync(HttpRequest request, DashboardDbContext db, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var paging = Paging.From(request, errors);
        if (paging is null)
        {
            return errors.ToProblem();
        }

        var query =
            from e in db.CancellationEvents.AsNoTracking()
            join c in db.Customers.AsNoTracking() on e.CustomerId equals c.Id
            orderby e.Id
            select new { Event = e, c.ExternalId, c.SourceId };
        var (items, meta) = await paging.ApplyAsync(query, cancellationToken);
        return new ApiOk<CancellationEventList>(new CancellationEventList(items.Select(i => ToDto(i.Event, i.ExternalId, i.SourceId)).ToList(), meta));
    }

    private static async Task<Results<ApiOk<CancellationEventEnvelope>, InvalidProblem, NotFoundProblem, TooLargeProblem>> CreateEventAsync(
        HttpRequest request, DashboardDbContext db, TimeProvider clock, CancellationToken cancellationToken)
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

        var match = await CustomerMatch.FindAsync(db, body.CustomerOid, body.SourceId, body.CustomerEmail, cancellationToken);
        if (match.Customer is not { } customer)
        {
            return match.Field == "source_id"
                ? ApiProblems.Validation(match.Field, match.Error!)
                : ApiProblems.NotFound(match.Field, match.Error!);
        }

        if (!await db.CancellationReasons.AnyAsync(r => r.Id == body.ReasonId, cancellationToken))
        {
            return ApiProblems.NotFound("reason_id", $"no cancellation reason has the id {body.ReasonId}");
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
        return new ApiOk<CancellationEventEnvelope>(new CancellationEventEnvelope(ToDto(entry, customer.ExternalId, customer.SourceId)));
    }

    private static CancellationEventDto ToDto(CancellationEvent entry, string customerOid, long sourceId) =>
        new(entry.Id, customerOid, sourceId,
            entry.SubscriptionExternalIds?.Split('|', StringSplitOptions.RemoveEmptyEntries) ?? [],
            entry.ReasonId, entry.Comment, entry.OccurredAt);
}
