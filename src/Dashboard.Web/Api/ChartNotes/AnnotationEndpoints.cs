using Dashboard.Core.Billing;
using Dashboard.Infrastructure.Data;
using Dashboard.Web.Api.Account;
using Dashboard.Web.Api.Infrastructure;
using Dashboard.Web.Api.Keys;
using Dashboard.Web.Services;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Api.ChartNotes;

/// <summary>
/// <c>/annotations</c> as Baremetrics has them: GET list/one (read key), POST (write key, answers 200), DELETE (write
/// key, answers 202 <c>{}</c>). Stored in the <c>annotations</c> table.
/// </summary>
public static class AnnotationEndpoints
{
    public static void MapAnnotations(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/annotations").WithTags("Annotations");
        group.MapGet("/", ListAsync).AllowListQuery();
        group.MapGet("/{id}", GetAsync);
        group.MapPost("/", CreateAsync).AcceptsBody<AnnotationRequest>().RequireAuthorization(ApiKeyAuthentication.WritePolicy);
        group.MapDelete("/{id}", DeleteAsync).RequireAuthorization(ApiKeyAuthentication.WritePolicy);
    }

    private static async Task<Results<ApiOk<AnnotationList>, InvalidProblem>> ListAsync(HttpRequest request, DashboardDbContext db, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        if (Paging.From(request, errors) is not { } paging)
        {
            return errors.ToProblem();
        }

        var (items, meta) = await paging.ApplyAsync(db.Annotations.AsNoTracking().OrderBy(a => a.Date).ThenBy(a => a.Id), cancellationToken);
        var users = await Accounts.ByIdAsync(db, items.Select(a => a.UserId), cancellationToken);
        return new ApiOk<AnnotationList>(new AnnotationList(items.Select(a => AnnotationDto.From(a, Accounts.Of(users, a.UserId))).ToList(), meta));
    }

    private static async Task<Results<ApiOk<AnnotationEnvelope>, NotFoundProblem>> GetAsync(string id, DashboardDbContext db, CancellationToken cancellationToken)
    {
        if (await FindAsync(db, id, cancellationToken) is not { } annotation)
        {
            return NotFound(id);
        }

        var users = await Accounts.ByIdAsync(db, [annotation.UserId], cancellationToken);
        return new ApiOk<AnnotationEnvelope>(new AnnotationEnvelope(AnnotationDto.From(annotation, Accounts.Of(users, annotation.UserId))));
    }

    private static async Task<Results<ApiOk<AnnotationEnvelope>, InvalidProblem, TooLargeProblem>> CreateAsync(
        HttpRequest request, DashboardDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (body, problem) = await ApiBody.ReadAsync<AnnotationRequest>(request, cancellationToken);
        if (body is null)
        {
            return problem switch
            {
                TooLargeProblem tooLarge => tooLarge,
                _ => (InvalidProblem)problem!,
            };
        }

        var errors = new FieldErrors();
        var metric = ChartNoteIds.Metric(body.Metric, errors);
        errors.Required("annotation", body.Annotation);
        errors.MaxLength("annotation", body.Annotation, 2000);
        errors.MaxLength("user_id", body.UserId, 200);
        var date = ChartNoteIds.Date("date", body.Date, errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var annotation = new Annotation
        {
            Metric = metric!,
            Text = body.Annotation!.Trim(),
            Date = date!.Value,
            Global = body.Global ?? false,
            UserId = string.IsNullOrWhiteSpace(body.UserId) ? null : body.UserId.Trim(),
            CreatedAt = clock.GetUtcNow(),
        };
        db.Annotations.Add(annotation);
        await db.SaveChangesAsync(cancellationToken);
        var users = await Accounts.ByIdAsync(db, [annotation.UserId], cancellationToken);
        return new ApiOk<AnnotationEnvelope>(new AnnotationEnvelope(AnnotationDto.From(annotation, Accounts.Of(users, annotation.UserId))));
    }

    private static async Task<Results<ApiAccepted<Deleted>, NotFoundProblem>> DeleteAsync(string id, DashboardDbContext db, CancellationToken cancellationToken)
    {
        if (ChartNoteIds.Parse(id) is not { } key || await db.Annotations.Where(a => a.Id == key).ExecuteDeleteAsync(cancellationToken) == 0)
        {
            return NotFound(id);
        }

        return new ApiAccepted<Deleted>(new Deleted());
    }

    private static async Task<Annotation?> FindAsync(DashboardDbContext db, string id, CancellationToken cancellationToken) =>
        ChartNoteIds.Parse(id) is { } key ? await db.Annotations.AsNoTracking().FirstOrDefaultAsync(a => a.Id == key, cancellationToken) : null;

    private static NotFoundProblem NotFound(string id) => ApiProblems.NotFound("id", $"no annotation has the id '{id}'");
}
