using System.Text.Json;

namespace Dashboard.Web.Services.Segments;

/// <summary>A stored filter: <c>{"field":"utm_source","op":"eq","value":"google"}</c>.</summary>
public sealed record SavedFilter(string Field, string Op, string? Value)
{
    /// <summary>The filter builder's and the URL's form, <c>field:op:value</c>.</summary>
    public string ToText() => $"{Field}:{Op}:{Value}";
}

/// <summary>A saved segment: its filters, joined by AND.</summary>
public sealed record SavedSegment(long Id, string Name, IReadOnlyList<SavedFilter> Rules)
{
    /// <summary>The filters as <c>field:op:value</c> texts, as the filter builder and the URLs write them.</summary>
    public IReadOnlyList<string> Filters { get; } = Rules.Select(r => r.ToText()).ToList();
}

/// <summary>Reads and writes a segment's <c>FiltersJson</c>: a JSON array of <see cref="SavedFilter"/>.</summary>
public static class SavedFilters
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    public static string Serialize(IEnumerable<SavedFilter> filters) => JsonSerializer.Serialize(filters.ToList(), Options);

    public static IReadOnlyList<SavedFilter> Parse(string json) =>
        string.IsNullOrWhiteSpace(json) ? [] : JsonSerializer.Deserialize<List<SavedFilter>>(json, Options) ?? [];
}
