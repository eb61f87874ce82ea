using System.Text.Json;

namespace Dashboard.Web.Api.Segments;

/// <summary><c>POST /segments/search</c>: the customers a segment would hold, without saving it.</summary>
public sealed record SegmentSearchRequest(IReadOnlyList<SegmentQueryRequest?>? Query);

/// <summary>A field a segment can test: Baremetrics' <c>{field, title, type, methods}</c>.</summary>
public sealed record SegmentFieldDto(string Field, string Title, string Type, IReadOnlyList<string> Methods);

/// <summary>
/// Baremetrics' method names where they exist for our operators (<c>equals</c>, <c>not_equals</c>, <c>contains</c>);
/// our operator names otherwise (<c>in</c>, <c>gt</c>, <c>gte</c>, <c>lt</c>, <c>lte</c>, <c>exists</c>, <c>not_exists</c>).
/// Either spelling is accepted.
/// </summary>
public static class SegmentMethods
{
    public static string? ToOperator(string? method) => method?.Trim().ToLowerInvariant() switch
    {
        "equals" or "is" => "eq",
        "not_equals" or "is_not" => "neq",
        "greater_than" => "gt",
        "greater_than_or_equal" or "greater_than_or_equals" => "gte",
        "less_than" => "lt",
        "less_than_or_equal" or "less_than_or_equals" => "lte",
        "is_set" or "present" => "exists",
        "is_not_set" or "blank" => "not_exists",
        var other => other,
    };

    public static string FromOperator(string op) => op switch
    {
        "eq" => "equals",
        "neq" => "not_equals",
        _ => op,
    };

    /// <summary>The methods of a field of this type (string, number, date or boolean).</summary>
    public static IReadOnlyList<string> For(string type) => type switch
    {
        "number" or "date" => ["equals", "not_equals", "in", "gt", "gte", "lt", "lte", "exists", "not_exists"],
        "boolean" => ["equals", "not_equals", "exists", "not_exists"],
        _ => ["equals", "not_equals", "contains", "in", "exists", "not_exists"],
    };
}
