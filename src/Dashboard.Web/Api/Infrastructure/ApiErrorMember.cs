
namespace Dashboard.Web.Api.Infrastructure;

/// <summary>
/// Baremetrics' clients read an error answer's <c>error</c> member (a string). Every API problem answer carries it next to
/// the problem-details members: the field errors in one line, else the detail or the title.
/// </summary>
public static class ApiErrorMember
{
    public const string Name = "error";

    public static string Message(IDictionary<string, string[]> errors, string fallback) =>
        errors.Count == 0
            ? fallback
            : string.Join("; ", errors.Select(e => e.Key + " " + string.Join(", ", e.Value)));

    /// <summary>
    /// Adds <c>error</c> to problem details the API writes through the framework (401, 403, 429), for requests under the
    /// API's base paths; the UI's answers are left alone.
    /// </summary>
    public static void AddTo(ProblemDetailsContext context)
    {
        if (!Hosting.ApiRoutes.IsApiPath(context.HttpContext.Request.Path) || context.ProblemDetails.Extensions.ContainsKey(Name))
        {
            return;
        }

        var problem = context.ProblemDetails;
        var errors = problem.Extensions.TryGetValue("errors", out var value) && value is IDictionary<string, string[]> byField ? byField : null;
        problem.Extensions[Name] = errors is { Count: > 0 }
            ? Message(errors, problem.Title ?? "error")
            : problem.Detail ?? problem.Title ?? "error";
    }
}
