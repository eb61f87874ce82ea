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

/// <summary>
/// Goals and annotations (the <c>goals</c> and <c>annotations</c> tables the REST API serves) for the metric pages:
/// reading them for a metric and range, and adding an annotation. Adding needs the <see cref="DashboardPolicies.EditData"/>
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
        var goal = goals.FirstOrDefault(g => g.EndDate >= end) ?? goals.LastOrDefault();
        return new MetricChartNotes(annotations, goal);
    }

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
}
