using System.Globalization;
using Dashboard.Core.Billing;

namespace Dashboard.Web.Api.Infrastructure;

/// <summary>What a segment filter may say (metrics.md, "Segments"): a built-in field or an attribute key, an operator, a value.</summary>
public static class SegmentFilterRules
{
    /// <summary>Customer-level <c>source</c>, <c>email</c>, <c>currency</c>, <c>country</c>; subscription-level <c>plan</c>.</summary>
    public static readonly IReadOnlySet<string> BuiltInFields =
        new HashSet<string>(["source", "email", "currency", "country", "plan"], StringComparer.Ordinal);

    public static readonly IReadOnlySet<string> Operators =
        new HashSet<string>(["eq", "neq", "contains", "in", "gt", "gte", "lt", "lte", "exists", "not_exists"], StringComparer.Ordinal);

    private static readonly IReadOnlySet<string> Comparisons = new HashSet<string>(["gt", "gte", "lt", "lte"], StringComparer.Ordinal);

    /// <summary>Checks one filter; <paramref name="prefix"/> names it in errors, e.g. "filters[0]".</summary>
    public static void Validate(
        string prefix, string? field, string? op, string? value, IReadOnlyDictionary<string, AttributeType> attributeFields, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(field))
        {
            errors.Add($"{prefix}.field", "is required");
        }
        else if (!BuiltInFields.Contains(field) && !attributeFields.ContainsKey(field))
        {
            errors.Add($"{prefix}.field", $"'{field}' is neither a built-in field ({string.Join(", ", BuiltInFields)}) nor an attribute key");
        }

        if (string.IsNullOrWhiteSpace(op))
        {
            errors.Add($"{prefix}.op", "is required");
            return;
        }

        if (!Operators.Contains(op))
        {
            errors.Add($"{prefix}.op", $"must be one of {string.Join(", ", Operators)}");
            return;
        }

        if (op is "exists" or "not_exists")
        {
            return;
        }

        if (string.IsNullOrEmpty(value))
        {
            errors.Add($"{prefix}.value", $"is required with '{op}'");
            return;
        }

        if (Comparisons.Contains(op) && !IsNumber(value) && !IsDate(value))
        {
            errors.Add($"{prefix}.value", $"must be a number or a YYYY-MM-DD date with '{op}'");
        }
    }

    private static bool IsNumber(string value) =>
        decimal.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    private static bool IsDate(string value) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);
}
