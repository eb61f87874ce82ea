using Dashboard.Core.Metrics;

namespace Dashboard.Core.Segments;

public enum FilterOperator
{
    Eq,
    Neq,
    Contains,
    In,
    Gt,
    Gte,
    Lt,
    Lte,
    Exists,
    NotExists,
}

/// <summary>
/// One condition of a segment. Fields: a custom attribute key, <c>source</c> (source id), <c>email</c>,
/// <c>currency</c>, <c>country</c> (customer-level) or <c>plan</c> (plan external id or name, subscription-level).
/// </summary>
public sealed record SegmentFilter(string Field, FilterOperator Operator, string Value)
{
    public const string PlanField = "plan";

    /// <summary>Parses <c>field:op:value</c>; the value may itself contain ':' and may be omitted for exists/not_exists.</summary>
    public static SegmentFilter Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var first = text.IndexOf(':');
        if (first <= 0)
        {
            throw new MetricQueryException("filter", $"Filter '{text}' must read field:op:value (for example plan:eq:pro).");
        }

        var second = text.IndexOf(':', first + 1);
        var field = text[..first].Trim();
        var opText = (second < 0 ? text[(first + 1)..] : text[(first + 1)..second]).Trim();
        var value = second < 0 ? string.Empty : text[(second + 1)..];
        var op = ParseOperator(opText, text);
        if (second < 0 && op is not (FilterOperator.Exists or FilterOperator.NotExists))
        {
            throw new MetricQueryException("filter", $"Filter '{text}' has no value; write {field}:{opText}:VALUE.");
        }

        return new SegmentFilter(field, op, value);
    }

    public static FilterOperator ParseOperator(string op, string context) => op.ToLowerInvariant() switch
    {
        "eq" => FilterOperator.Eq,
        "neq" => FilterOperator.Neq,
        "contains" => FilterOperator.Contains,
        "in" => FilterOperator.In,
        "gt" => FilterOperator.Gt,
        "gte" => FilterOperator.Gte,
        "lt" => FilterOperator.Lt,
        "lte" => FilterOperator.Lte,
        "exists" => FilterOperator.Exists,
        "not_exists" => FilterOperator.NotExists,
        _ => throw new MetricQueryException("filter",
            $"Unknown operator '{op}' in filter '{context}'. Use eq, neq, contains, in, gt, gte, lt, lte, exists or not_exists."),
    };

    public static string OperatorName(FilterOperator op) => op switch
    {
        FilterOperator.NotExists => "not_exists",
        _ => op.ToString().ToLowerInvariant(),
    };

    public override string ToString() => $"{Field}:{OperatorName(Operator)}:{Value}";
}
