using Dashboard.Core.Billing;
using Dashboard.Infrastructure.Data;
using Dashboard.Web.Api.Infrastructure;
using Dashboard.Web.Api.Keys;
using Dashboard.Web.Services;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Api.ChartNotes;

/// <summary>
/// <c>/goals</c> as Baremetrics has them: GET list/one (read key), POST (write key, answers 200), DELETE (write key,
/// answers 202 <c>{}</c>). Stored in the <c>goals</c> table.
/// </summary>
public static class GoalEndpoints
{
    public static void MapGoals(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/goals").WithTags("Goals");
        group.MapGet("/", ListAsync).AllowListQuery();
        group.MapGet("/{id}", GetAsync);
        group.MapPost("/", CreateAsync).AcceptsBody<GoalRequest>().RequireAuthorization(ApiKeyAuthentication.WritePolicy);
        group.MapDelete("/{id}", DeleteAsync).RequireAuthorization(ApiKeyAuthentication.WritePolicy);
    }

    private static Task<Results<ApiOk<GoalList>, InvalidProblem>> ListAsync(HttpRequest request, DashboardDbContext db, CancellationToken cancellationToken) =>
        Paging.ListAsync(request, db.Goals.AsNoTracking().OrderBy(g => g.StartDate).ThenBy(g => g.Id),
            (items, meta) => new GoalList(items.Select(GoalDto.From).ToList(), meta), cancellationToken);

    private static async Task<Results<ApiOk<GoalEnvelope>, NotFoundProblem>> GetAsync(string id, DashboardDbContext db, CancellationToken cancellationToken) =>
        ChartNoteIds.Parse(id) is { } key && await db.Goals.AsNoTracking().FirstOrDefaultAsync(g => g.Id == key, cancellationToken) is { } goal
            ? new ApiOk<GoalEnvelope>(new GoalEnvelope(GoalDto.From(goal)))
            : NotFound(id);

    private static async Task<Results<ApiOk<GoalEnvelope>, InvalidProblem, TooLargeProblem>> CreateAsync(
        HttpRequest request, DashboardDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (body, problem) = await ApiBody.ReadAsync<GoalRequest>(request, cancellationToken);
        if (body is null)
        {
            return problem switch
            {
                TooLargeProblem tooLarge => tooLarge,
                _ => (InvalidProblem)problem!,
            };
        }

        var errors = new FieldErrors();
        errors.Required("name", body.Name);
        errors.MaxLength("name", body.Name, 200);
        var metric = ChartNoteIds.Metric(body.Metric, errors);
        errors.Required("start_amount", body.StartAmount);
        errors.Required("end_amount", body.EndAmount);
        var start = ChartNoteIds.Date("start_date", body.StartDate, errors);
        var end = ChartNoteIds.Date("end_date", body.EndDate, errors);
        if (start is { } from && end is { } to && to < from)
        {
            errors.Add("end_date", "must not be before start_date");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var goal = new Goal
        {
            Name = body.Name!.Trim(),
            Metric = metric!,
            StartAmount = body.StartAmount!.Value,
            EndAmount = body.EndAmount!.Value,
            StartDate = start!.Value,
            EndDate = end!.Value,
            CreatedAt = clock.GetUtcNow(),
        };
        db.Goals.Add(goal);
        await db.SaveChangesAsync(cancellationToken);
        return new ApiOk<GoalEnvelope>(new GoalEnvelope(GoalDto.From(goal)));
    }

    private static async Task<Results<ApiAccepted<Deleted>, NotFoundProblem>> DeleteAsync(string id, DashboardDbContext db, CancellationToken cancellationToken)
    {
        if (ChartNoteIds.Parse(id) is not { } key || await db.Goals.Where(g => g.Id == key).ExecuteDeleteAsync(cancellationToken) == 0)
        {
            return NotFound(id);
        }

        return new ApiAccepted<Deleted>(new Deleted());
    }

    private static NotFoundProblem NotFound(string id) => ApiProblems.NotFound("id", $"no goal has the id '{id}'");
}
