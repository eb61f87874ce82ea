using Dashboard.Core.Billing;
using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Import;
using Dashboard.Web.Api.Infrastructure;
using Dashboard.Web.Api.Keys;
using Dashboard.Web.Services;
using Dashboard.Web.Services.Audit;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Api.CancellationInsights;

/// <summary>
/// <c>/api/v1/cancellation_insights/reasons</c>: GET (list, our addition), POST, and GET/PUT/DELETE of one reason, in
/// Baremetrics' shapes. The events are in <see cref="CancellationEventEndpoints"/>.
/// </summary>
public static class CancellationInsightEndpoints
{
    public static void MapCancellationInsights(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/cancellation_insights").WithTags("Cancellation insights");
        group.MapGet("/reasons", ListReasonsAsync).AllowListQuery();
        group.MapPost("/reasons", CreateReasonAsync)
            .AcceptsBody<ReasonRequest>()
            .RequireAuthorization(ApiKeyAuthentication.WritePolicy);
        group.MapGet("/reasons/{id}", GetReasonAsync);
        group.MapPut("/reasons/{id}", UpdateReasonAsync)
            .AcceptsBody<ReasonRequest>()
            .RequireAuthorization(ApiKeyAuthentication.WritePolicy);
        group.MapDelete("/reasons/{id}", DeleteReasonAsync).RequireAuthorization(ApiKeyAuthentication.WritePolicy);
        group.MapCancellationEvents();
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
        CancellationReason saved;
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

        return new ApiOk<ReasonEnvelope>(new ReasonEnvelope(ReasonDto.From(saved)));
    }

    /// <summary>Updates the reason with this text, or stores a new one.</summary>
    private static async Task<CancellationReason> SaveReasonAsync(DashboardDbContext db, string text, int? sortKey, CancellationToken cancellationToken)
    {
        var existing = await db.CancellationReasons.FirstOrDefaultAsync(r => r.Text == text, cancellationToken);
        if (existing is not null)
        {
            existing.SortKey = sortKey ?? existing.SortKey;
            await db.SaveChangesAsync(cancellationToken);
            return existing;
        }

        var reason = new CancellationReason
        {
            Text = text,
            SortKey = sortKey ?? (await db.CancellationReasons.MaxAsync(r => (int?)r.SortKey, cancellationToken) ?? 0) + 10,
        };
        db.CancellationReasons.Add(reason);
        await db.SaveChangesAsync(cancellationToken);
        return reason;
    }

    private static async Task<Results<ApiOk<ReasonEnvelope>, NotFoundProblem>> GetReasonAsync(string id, DashboardDbContext db, CancellationToken cancellationToken) =>
        await FindReasonAsync(db, id, tracked: false, cancellationToken) is { } reason
            ? new ApiOk<ReasonEnvelope>(new ReasonEnvelope(ReasonDto.From(reason)))
            : ReasonNotFound(id);

    /// <summary>Changes the text and/or sort key; what the body does not name stays as it was. Another reason's text is a 409.</summary>
    private static async Task<Results<ApiOk<ReasonEnvelope>, InvalidProblem, NotFoundProblem, ConflictProblem, TooLargeProblem>> UpdateReasonAsync(
        string id, HttpRequest request, DashboardDbContext db, CancellationToken cancellationToken)
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

        if (await FindReasonAsync(db, id, tracked: true, cancellationToken) is not { } reason)
        {
            return ReasonNotFound(id);
        }

        var errors = new FieldErrors();
        if (body.Sent.Has("text"))
        {
            errors.Required("text", body.Text);
            errors.MaxLength("text", body.Text, 500);
        }

        if (body.Sent.Has("sort_key") && body.SortKey is null)
        {
            errors.Add("sort_key", "must be an integer");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var text = body.Sent.Has("text") ? body.Text!.Trim() : reason.Text;
        if (text != reason.Text && await db.CancellationReasons.AnyAsync(r => r.Text == text && r.Id != reason.Id, cancellationToken))
        {
            return ApiProblems.Conflict("text", $"another reason has the text '{text}'");
        }

        reason.Text = text;
        reason.SortKey = body.SortKey ?? reason.SortKey;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (Exception exception) when (WriteConflict.Is(exception))
        {
            return ApiProblems.Conflict("text", $"another reason has the text '{text}'");
        }

        return new ApiOk<ReasonEnvelope>(new ReasonEnvelope(ReasonDto.From(reason)));
    }

    /// <summary>Deletes a reason no cancellation event uses; answers 202 with an empty body, as Baremetrics does.</summary>
    private static async Task<Results<Accepted, NotFoundProblem, ConflictProblem>> DeleteReasonAsync(
        string id, DashboardDbContext db, IAuditLog audit, HttpContext http, CancellationToken cancellationToken)
    {
        if (await FindReasonAsync(db, id, tracked: false, cancellationToken) is not { } reason)
        {
            return ReasonNotFound(id);
        }

        var uses = await db.CancellationEvents.CountAsync(e => e.ReasonId == reason.Id, cancellationToken);
        if (uses > 0)
        {
            return ApiProblems.Conflict("id", $"{uses} cancellation event(s) give this reason; change their reason_id first");
        }

        await db.CancellationReasons.Where(r => r.Id == reason.Id).ExecuteDeleteAsync(cancellationToken);
        await audit.RecordAsync(AuditActor.From(http.User, AuditActor.AddressOf(http)), AuditActions.ApiDeleted,
            $"cancellation reason {id} '{reason.Text}'", cancellationToken);
        return TypedResults.Accepted((string?)null);
    }

    private static async Task<CancellationReason?> FindReasonAsync(DashboardDbContext db, string id, bool tracked, CancellationToken cancellationToken)
    {
        if (Ids.Parse(id) is not { } key)
        {
            return null;
        }

        var reasons = tracked ? db.CancellationReasons : db.CancellationReasons.AsNoTracking();
        return await reasons.FirstOrDefaultAsync(r => r.Id == key, cancellationToken);
    }

    private static NotFoundProblem ReasonNotFound(string id) => ApiProblems.NotFound("id", $"no cancellation reason has the id '{id}'");
}
