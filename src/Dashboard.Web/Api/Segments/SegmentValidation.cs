using Dashboard.Infrastructure.Data;
using Dashboard.Web.Api.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Api.Segments;

/// <summary>One filter as given (REST body or filter builder), before validation.</summary>
public sealed record SegmentFilterInput(string? Field, string? Op, string? Value);

/// <summary>
/// The one set of rules a segment must pass, used by the REST endpoints and the Segments page alike: a name of at most
/// 200 characters, and filters whose field, operator and value metrics.md allows. Errors name the field at fault
/// (<c>name</c>, <c>filters[1].op</c>).
/// </summary>
public static class SegmentValidation
{
    public const int MaxNameLength = 200;

    /// <summary>The normalised filters, or null with <paramref name="errors"/> filled.</summary>
    public static async Task<List<SegmentFilter>?> ValidateAsync(
        DashboardDbContext db, string? name, IReadOnlyList<SegmentFilterInput?>? filters, FieldErrors errors, CancellationToken cancellationToken)
    {
        errors.Required("name", name);
        errors.MaxLength("name", name, MaxNameLength);
        if (filters is null)
        {
            errors.Add("filters", "is required (an array of {field, op, value}; it may be empty)");
        }

        var fields = await db.AttributeFields.AsNoTracking().ToDictionaryAsync(f => f.Key, f => f.Type, cancellationToken);
        var result = new List<SegmentFilter>();
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
            SegmentFilterRules.Validate(prefix, filter.Field?.Trim(), op, filter.Value, fields, errors);
            result.Add(new SegmentFilter(filter.Field?.Trim() ?? string.Empty, op ?? string.Empty,
                op is "exists" or "not_exists" ? string.Empty : filter.Value ?? string.Empty));
        }

        return errors.Any ? null : result;
    }

    /// <summary>A filter builder's <c>field:op:value</c> as input (the value may hold further colons).</summary>
    public static SegmentFilterInput FromText(string text)
    {
        var parts = text.Split(':', 3);
        return new SegmentFilterInput(parts[0], parts.Length > 1 ? parts[1] : null, parts.Length > 2 ? parts[2] : null);
    }
}
