using System.Text.Json;
using Dashboard.Core.Billing;
using Dashboard.Web.Api.Infrastructure;

namespace Dashboard.Web.Api.Segments;

/// <summary>A filter as posted; <c>value</c> may be a string, number, boolean, or (for <c>in</c>) an array.</summary>
public sealed record SegmentFilterRequest(string? Field, string? Op, JsonElement? Value)
{
    /// <summary>The value as stored text: arrays are joined by '|' (the <c>in</c> separator).</summary>
    public string? ValueText() => Value is not { } value ? null : value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Array => string.Join('|', value.EnumerateArray().Select(Scalar)),
        _ => null,
    };

    private static string Scalar(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString() ?? string.Empty,
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => element.GetRawText(),
    };
}

public sealed record SegmentRequest(string? Name, IReadOnlyList<SegmentFilterRequest?>? Filters);

/// <summary>A stored filter; the segment's <c>FiltersJson</c> holds a JSON array of these .</summary>
public sealed record SegmentFilter(string Field, string Op, string? Value);

public sealed record SegmentDto(long Id, string Name, IReadOnlyList<SegmentFilter> Filters)
{
    public static SegmentDto From(Segment segment) =>
        new(segment.Id, segment.Name, SegmentFilters.Parse(segment.FiltersJson));
}

public sealed record SegmentEnvelope(SegmentDto Segment);

public sealed record SegmentList(IReadOnlyList<SegmentDto> Segments, PaginationMeta Meta);

/// <summary>Reads and writes <see cref="Segment.FiltersJson"/>: <c>[{"field":"utm_source","op":"eq","value":"google"}]</c>.</summary>
public static class SegmentFilters
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    public static string Serialize(IEnumerable<SegmentFilter> filters) => JsonSerializer.Serialize(filters.ToList(), Options);

    public static IReadOnlyList<SegmentFilter> Parse(string json) =>
        string.IsNullOrWhiteSpace(json) ? [] : JsonSerializer.Deserialize<List<SegmentFilter>>(json, Options) ?? [];
}
