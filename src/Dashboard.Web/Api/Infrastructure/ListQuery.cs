using System.Globalization;
using Dashboard.Web.Services;

namespace Dashboard.Web.Api.Infrastructure;

/// <summary>Reads the list filters Baremetrics documents (<c>search</c>, <c>sort</c>, <c>order</c>, <c>start</c>, <c>end</c>), naming the parameter when bad.</summary>
public static class ListQuery
{
    /// <summary>A trimmed, lower-cased search term, or null when the parameter is absent or blank.</summary>
    public static string? Search(HttpRequest request, FieldErrors errors, string name = "search") =>
        Single(request, name, errors) is { Length: > 0 } text && text.Trim() is { Length: > 0 } term ? term.ToLowerInvariant() : null;

    /// <summary>One of <paramref name="choices"/> (case-insensitive), <paramref name="fallback"/> when absent.</summary>
    public static string? Choice(HttpRequest request, string name, string fallback, FieldErrors errors, params string[] choices)
    {
        if (request.Query[name].Count > 1)
        {
            errors.Add(name, "must be given once");
            return null;
        }

        var text = request.Query[name].ToString();
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        var match = choices.FirstOrDefault(c => c.Equals(text.Trim(), StringComparison.OrdinalIgnoreCase));
        if (match is null)
        {
            errors.Add(name, "must be one of: " + string.Join(", ", choices));
        }

        return match;
    }

    /// <summary>True for <c>order=desc</c>; <paramref name="descendingByDefault"/> when absent.</summary>
    public static bool? Descending(HttpRequest request, FieldErrors errors, bool descendingByDefault) =>
        Choice(request, "order", descendingByDefault ? "desc" : "asc", errors, "asc", "desc") is { } order ? order == "desc" : null;

    /// <summary>
    /// The range <c>start</c>..<c>end</c> (unix seconds or ISO 8601), each optional. A bare date as <c>end</c> includes that
    /// whole day. The end is exclusive: an instant is in the range when start &lt;= instant &lt; end.
    /// </summary>
    public static (DateTimeOffset? Start, DateTimeOffset? EndExclusive) Range(HttpRequest request, FieldErrors errors)
    {
        var start = Instant(request, "start", errors, out _);
        var end = Instant(request, "end", errors, out var endIsDate);
        DateTimeOffset? endExclusive = end is { } e ? (endIsDate ? e.AddDays(1) : e.AddSeconds(1)) : null;
        if (start is { } s && endExclusive is { } x && x <= s)
        {
            errors.Add("end", "must not be before start");
        }

        return (start, endExclusive);
    }

    private static DateTimeOffset? Instant(HttpRequest request, string name, FieldErrors errors, out bool isDate)
    {
        isDate = false;
        var text = Single(request, name, errors);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        isDate = DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);
        if (UnixTimestampConverter.TryParse(text, out var instant))
        {
            return instant;
        }

        errors.Add(name, UnixTimestampConverter.Expected);
        return null;
    }

    private static string? Single(HttpRequest request, string name, FieldErrors errors)
    {
        var values = request.Query[name];
        if (values.Count > 1)
        {
            errors.Add(name, "must be given once");
            return null;
        }

        return values.Count == 0 ? null : values.ToString();
    }
}
