using Dashboard.Core.Billing;
using Dashboard.Infrastructure.Data;
using Dashboard.Web.Auth;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Services.ChartNotes;

/// <summary>The annotations dated within a range (the metric's own and global ones, by date) and the metric's goal to show.</summary>
public sealed record MetricChartNotes(IReadOnlyList<Annotation> Annotations, Goal? Goal);

/// <summary>The outcome of adding an annotation: the stored row, or the errors by field (<c>date</c>, <c>annotation</c>).</summary>
public sealed record AnnotationAddResult(Annotation? Annotation, IReadOnlyDictionary<string, string[]> Errors)
{
    public bool Succeeded => Annotation is not null;
}

/// <summary>What a goal form sends: <see cref="Id"/> null for a new goal; amounts in the metric's unit (minor units for money).</summary>
public sealed record GoalDraft(long? Id, string Metric, string? Name, long? StartAmount, DateOnly? StartDate, long? EndAmount, DateOnly? EndDate);

/// <summary>The outcome of saving a goal: the stored row, or the errors by field (<c>name</c>, <c>end_amount</c>, <c>end_date</c>).</summary>
public sealed record GoalSaveResult(Goal? Goal, IReadOnlyDictionary<string, string[]> Errors)
{
    public bool Succeeded => Goal is not null;
}

/// <summary>
/// Goals and annotations (the <c>goals</c> and <c>annotations</c> tables the REST API serves) for the metric pages:
/// reading them for a metric and range, adding an annotation, and creating, changing and deleting goals. Writing needs the <see cref="DashboardPolicies.EditData"/>
/// rule, checked here; otherwise <see cref="AccessDeniedException"/> and nothing is stored.
/// </summary>
public sealed class ChartNoteService(IDbContextFactory<DashboardDbContext> contexts, AccessGuard access, TimeProvider clock)
{
    public const int MaxTextLength = 2000;

    /// <summary>
    /// The annotations of <paramref name="metric"/> (and global ones) dated from <paramref name="start"/> to
    /// <paramref name="end"/>, and the goal to show: of the metric's goals, the first ending on or after the range's end,
    /// else the one that ended last.
    /// </summary>
    public async Task<MetricChartNotes> ForMetricAsync(string metric, DateOnly start, DateOnly end, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var annotations = await db.Annotations.AsNoTracking()
            .Where(a => (a.Metric == metric || a.Global) && a.Date >= start && a.Date <= end)
            .OrderBy(a => a.Date).ThenBy(a => a.Id)
            .ToListAsync(cancellationToken);
        var goals = await db.Goals.AsNoTracking().Where(g => g.Metric == metric)
            .OrderBy(g => g.EndDate).ThenBy(g => g.Id)
            .ToListAsync(cancellationToken);
        return new MetricChartNotes(annotations, Shown(goals, end));
    }

    /// <summary>The annotations of any of <paramref name="metrics"/> and the global ones dated within start..end, by date.</summary>
    public async Task<IReadOnlyList<Annotation>> AnnotationsAsync(IReadOnlyCollection<string> metrics, DateOnly start, DateOnly end, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Annotations.AsNoTracking()
            .Where(a => (metrics.Contains(a.Metric) || a.Global) && a.Date >= start && a.Date <= end)
            .OrderBy(a => a.Date).ThenBy(a => a.Id)
            .ToListAsync(cancellationToken);
    }

    /// <summary>For each of <paramref name="metrics"/> that has goals, the one to show for a range ending on <paramref name="end"/>.</summary>
    public async Task<IReadOnlyDictionary<string, Goal>> GoalsAsync(IReadOnlyCollection<string> metrics, DateOnly end, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var goals = await db.Goals.AsNoTracking().Where(g => metrics.Contains(g.Metric))
            .OrderBy(g => g.EndDate).ThenBy(g => g.Id)
            .ToListAsync(cancellationToken);
        return goals.GroupBy(g => g.Metric, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => Shown(g.ToList(), end)!, StringComparer.Ordinal);
    }

    /// <summary>Of goals ordered by end date: the first ending on or after <paramref name="end"/>, else the one that ended last.</summary>
    private static Goal? Shown(IReadOnlyList<Goal> goals, DateOnly end) => goals.FirstOrDefault(g => g.EndDate >= end) ?? goals.LastOrDefault();

    /// <summary>Whether the current user may add annotations (pages show the form only then).</summary>
    public Task<bool> CanAddAsync() => access.AllowsAsync(DashboardPolicies.EditData);

    /// <summary>Adds a note on <paramref name="metric"/>'s chart at <paramref name="date"/>, as <c>POST /annotations</c> stores one.</summary>
    public async Task<AnnotationAddResult> AddAnnotationAsync(string metric, DateOnly? date, string? text, CancellationToken cancellationToken)
    {
        await access.DemandAsync(DashboardPolicies.EditData, "add annotations");
        var errors = new FieldErrors();
        errors.Required("date", date);
        errors.Required("annotation", text);
        errors.MaxLength("annotation", text?.Trim(), MaxTextLength);
        if (errors.Any)
        {
            return new AnnotationAddResult(null, errors.ToDictionary());
        }

        var annotation = new Annotation { Metric = metric, Text = text!.Trim(), Date = date!.Value, CreatedAt = clock.GetUtcNow() };
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Annotations.Add(annotation);
        await db.SaveChangesAsync(cancellationToken);
        return new AnnotationAddResult(annotation, errors.ToDictionary());
    }

    /// <summary>
    /// Stores a new goal, or changes the one <see cref="GoalDraft.Id"/> names (its name, start, target and dates), as
    /// <c>POST /goals</c> validates one; a goal that no longer exists answers an <c>id</c> error.
    /// </summary>
    public async Task<GoalSaveResult> SaveGoalAsync(GoalDraft draft, CancellationToken cancellationToken)
    {
        await access.DemandAsync(DashboardPolicies.EditData, "set goals");
        var errors = new FieldErrors();
        var name = draft.Name?.Trim();
        errors.Required("name", name);
        errors.MaxLength("name", name, 200);
        errors.Required("start_amount", draft.StartAmount);
        errors.Required("end_amount", draft.EndAmount);
        errors.Required("start_date", draft.StartDate);
        errors.Required("end_date", draft.EndDate);
        if (draft.StartDate is { } from && draft.EndDate is { } to && to < from)
        {
            errors.Add("end_date", "must not be before the start date");
        }

        if (errors.Any)
        {
            return new GoalSaveResult(null, errors.ToDictionary());
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        Goal? goal;
        if (draft.Id is { } id)
        {
            goal = await db.Goals.FirstOrDefaultAsync(g => g.Id == id, cancellationToken);
            if (goal is null)
            {
                errors.Add("id", "names no goal (it may have been deleted)");
                return new GoalSaveResult(null, errors.ToDictionary());
            }
        }
        else
        {
            goal = new Goal { Name = name!, Metric = draft.Metric, CreatedAt = clock.GetUtcNow() };
            db.Goals.Add(goal);
        }

        goal.Name = name!;
        goal.StartAmount = draft.StartAmount!.Value;
        goal.EndAmount = draft.EndAmount!.Value;
        goal.StartDate = draft.StartDate!.Value;
        goal.EndDate = draft.EndDate!.Value;
        await db.SaveChangesAsync(cancellationToken);
        return new GoalSaveResult(goal, errors.ToDictionary());
    }

    /// <summary>Deletes a goal; false when it did not exist.</summary>
    public async Task<bool> DeleteGoalAsync(long id, CancellationToken cancellationToken)
    {
        await access.DemandAsync(DashboardPolicies.EditData, "delete goals");
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Goals.Where(g => g.Id == id).ExecuteDeleteAsync(cancellationToken) > 0;
    }
}
