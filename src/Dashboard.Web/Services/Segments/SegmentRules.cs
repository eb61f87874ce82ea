using System.Globalization;
using Dashboard.Core.Billing;

namespace Dashboard.Web.Services.Segments;

/// <summary>One filter as given (REST body or filter builder), before validation.</summary>
public sealed record SegmentFilterInput(string? Field, string? Op, string? Value)
{
    /// <summary>A filter builder's <c>field:op:value</c> (the value may hold further colons).</summary>
    public static SegmentFilterInput FromText(string text)
    {
        var parts = text.Split(':', 3);
        return new SegmentFilterInput(parts[0], parts.Length > 1 ? parts[1] : null, parts.Length > 2 ? parts[2] : null);
    }
}

/// <summary>
/// The one set of rules a segment must pass (metrics.md, "Segments"), for the REST API and the Segments page alike: a
/// name of at most 200 characters, and filters naming a built-in field or an attribute key, a known operator and a
/// value that operator accepts. Errors name the field at fault (<c>name</c>, <c>filters[1].op</c>).
/// </summary>
public static class SegmentRules
{
    public const int MaxNameLength = 200;

    /// <summary>Customer-level <c>source</c>, <c>email</c>, <c>currency</c>, <c>country</c>; subscription-level <c>plan</c>.</summary>
    public static readonly IReadOnlySet<string> BuiltInFields =
        new HashSet<string>(["source", "email", "currency", "country", "plan"], StringComparer.Ordinal);

    public static readonly IReadOnlySet<string> Operators =
        new HashSet<string>(["eq", "neq", "contains", "in", "gt", "gte", "lt", "lte", "exists", "not_exists"], StringComparer.Ordinal);

    private static readonly IReadOnlySet<string> Comparisons = new HashSet<string>(["gt", "gte", "lt", "lte"], StringComparer.Ordinal);

    /// <summary>The normalised filters, or null with <paramref name="errors"/> filled.</summary>
    public static List<SavedFilter>? Validate(
        string? name, IReadOnlyList<SegmentFilterInput?>? filters, IReadOnlyDictionary<string, AttributeType> attributeFields, FieldErrors errors)
    {
        errors.Required("name", name);
        errors.MaxLength("name", name, MaxNameLength);
        if (filters is null)
        {
            errors.Add("filters", "is required (an array of {field, op, value}; it may be empty)");
        }

        var result = new List<SavedFilter>();
        for (var i = 0; i < (filters?.Count ?? 0); i++)
        {
            var filter = filters![i];
            var prefix = $"filters[{i}]";
            if (filter is null)
            {
                errors.Add(prefix, "must be an object {field, op, value}");
                continue;
            }

            var op = filter.Op?.Trim().ToLowerInvariant();
            ValidateFilter(prefix, filter.Field?.Trim(), op, filter.Value, attributeFields, errors);
            result.Add(new SavedFilter(filter.Field?.Trim() ?? string.Empty, op ?? string.Empty,
                op is "exists" or "not_exists" ? string.Empty : filter.Value ?? string.Empty));
        }

        return errors.Any ? null : result;
    }

    private static void ValidateFilter(
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
