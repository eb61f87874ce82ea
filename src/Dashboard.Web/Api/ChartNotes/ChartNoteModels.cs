using System.Globalization;
using Dashboard.Core.Billing;
using Dashboard.Web.Api.Infrastructure;

namespace Dashboard.Web.Api.ChartNotes;

public sealed record AnnotationRequest(string? Metric, string? Annotation, string? Date, bool? Global, string? UserId);

/// <summary>A dashboard account as Baremetrics shows a user: <c>admin</c> for owners and admins, <c>name</c> the email (no names are stored).</summary>
public sealed record UserDto(string Id, string Email, bool Admin, string Name);

/// <summary>An annotation as Baremetrics shows it; <c>user</c> is the account whose id was sent as <c>user_id</c> (null otherwise).</summary>
public sealed record AnnotationDto(string Id, string Metric, string Annotation, string Date, bool Global, UserDto? User, string? UserId, DateTimeOffset CreatedAt)
{
    public static AnnotationDto From(Annotation annotation, UserDto? user) =>
        new(ChartNoteIds.Text(annotation.Id), annotation.Metric, annotation.Text, ChartNoteIds.Day(annotation.Date), annotation.Global, user,
            annotation.UserId, annotation.CreatedAt);
}

public sealed record AnnotationEnvelope(AnnotationDto Annotation);

public sealed record AnnotationList(IReadOnlyList<AnnotationDto> Annotations, PaginationMeta Meta);

public sealed record GoalRequest(string? Name, string? Metric, long? StartAmount, long? EndAmount, string? StartDate, string? EndDate);

/// <summary>A goal as Baremetrics shows it: amounts in the metric's unit (minor units for money).</summary>
public sealed record GoalDto(string Id, string Name, string Metric, long StartAmount, long EndAmount, string StartDate, string EndDate, DateTimeOffset CreatedAt)
{
    public static GoalDto From(Goal goal) =>
        new(ChartNoteIds.Text(goal.Id), goal.Name, goal.Metric, goal.StartAmount, goal.EndAmount, ChartNoteIds.Day(goal.StartDate),
            ChartNoteIds.Day(goal.EndDate), goal.CreatedAt);
}

public sealed record GoalEnvelope(GoalDto Goal);

public sealed record GoalList(IReadOnlyList<GoalDto> Goals, PaginationMeta Meta);

internal static class ChartNoteIds
{
    public static string Text(long id) => id.ToString(CultureInfo.InvariantCulture);

    public static long? Parse(string id) =>
        long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;

    public static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A required YYYY-MM-DD date; an error naming <paramref name="field"/> otherwise.</summary>
    public static DateOnly? Date(string field, string? text, Services.FieldErrors errors)
    {
        if (!errors.Required(field, text))
        {
            return null;
        }

        if (DateOnly.TryParseExact(text!.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        errors.Add(field, "must be a date in the form YYYY-MM-DD");
        return null;
    }

    /// <summary>A required metric name or Baremetrics slug, answered as our name.</summary>
    public static string? Metric(string? text, Services.FieldErrors errors)
    {
        if (!errors.Required("metric", text))
        {
            return null;
        }

        if (Dashboard.Core.Metrics.MetricCatalog.TryGet(text!, out var metric))
        {
            return metric.Name;
        }

        errors.Add("metric", $"'{text}' is not a metric (see GET /metrics for the names)");
        return null;
    }
}
