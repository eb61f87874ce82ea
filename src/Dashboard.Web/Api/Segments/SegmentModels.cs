using System.Text.Json;
using System.Text.Json.Serialization;
using Dashboard.Web.Api.Infrastructure;
using Dashboard.Web.Services.Segments;

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

/// <summary>
/// A filter in Baremetrics' segment form (<c>query: [{category, field, method, value}]</c>); <c>method</c> is Baremetrics'
/// name of the operator (<c>equals</c>, <c>not_equals</c>, <c>contains</c>, ...) or ours. <c>category</c> is not needed to
/// find the field (attribute keys and built-in fields share one namespace here).
/// </summary>
public sealed record SegmentQueryRequest(string? Category, string? Field, string? Method, JsonElement? Value)
{
    public SegmentFilterRequest ToFilter() => new(Field, Method is null ? null : OperatorOf(Method), Value);

    private static string OperatorOf(string method) => method.Trim().ToLowerInvariant() switch
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
}

/// <summary>A segment body: ours (<c>filters</c>) or Baremetrics' (<c>query</c>), not both.</summary>
public sealed record SegmentRequest(string? Name, IReadOnlyList<SegmentFilterRequest?>? Filters, IReadOnlyList<SegmentQueryRequest?>? Query)
    : IPartialRequest
{
    [JsonIgnore]
    public SentFields Sent { get; set; } = SentFields.None;

    /// <summary>"query" when the body is in Baremetrics' form and names no "filters".</summary>
    public bool UsesQuery => Sent.Has("query") && !Sent.Has("filters");

    /// <summary>The change this body asks for; an update (PUT) keeps the name or filters the body does not name.</summary>
    public SegmentChange ToChange(bool isUpdate) => new(
        Name,
        UsesQuery
            ? Query?.Select(q => q?.ToFilter() is { } f ? new SegmentFilterInput(f.Field, f.Op, f.ValueText()) : null).ToList()
            : Filters?.Select(f => f is null ? null : new SegmentFilterInput(f.Field, f.Op, f.ValueText())).ToList(),
        KeepName: isUpdate && !Sent.Has("name"),
        KeepFilters: isUpdate && !Sent.Has("filters") && !Sent.Has("query"));
}

/// <summary>A stored filter as the API shows it.</summary>
public sealed record SegmentFilter(string Field, string Op, string? Value);

public sealed record SegmentDto(long Id, string Name, IReadOnlyList<SegmentFilter> Filters)
{
    public static SegmentDto From(SavedSegment segment) =>
        new(segment.Id, segment.Name, segment.Rules.Select(r => new SegmentFilter(r.Field, r.Op, r.Value)).ToList());
}

public sealed record SegmentEnvelope(SegmentDto Segment);

public sealed record SegmentList(IReadOnlyList<SegmentDto> Segments, PaginationMeta Meta);
