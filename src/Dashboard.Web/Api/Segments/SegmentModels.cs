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
    public SegmentFilterRequest ToFilter() => new(Field, SegmentMethods.ToOperator(Method), Value);
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

/// <summary>A filter as Baremetrics writes a segment's condition (see <see cref="SegmentMethods"/>).</summary>
public sealed record SegmentQueryDto(string Category, string Field, string Method, string? Value);

/// <summary>
/// A saved segment: Baremetrics' string <c>id</c>, <c>name</c> and <c>query</c>; <c>filters</c> (our form, which
/// POST and PUT take) is our addition. No creation or update times are stored.
/// </summary>
public sealed record SegmentDto(string Id, string Name, IReadOnlyList<SegmentQueryDto> Query, IReadOnlyList<SegmentFilter> Filters)
{
    public static SegmentDto From(SavedSegment segment) =>
        new(segment.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), segment.Name,
            segment.Rules.Select(r => new SegmentQueryDto(
                SegmentRules.BuiltInFields.Contains(r.Field) ? "baremetrics" : "attributes", r.Field, SegmentMethods.FromOperator(r.Op), r.Value)).ToList(),
            segment.Rules.Select(r => new SegmentFilter(r.Field, r.Op, r.Value)).ToList());
}

public sealed record SegmentEnvelope(SegmentDto Segment);

public sealed record SegmentList(IReadOnlyList<SegmentDto> Segments, PaginationMeta Meta);
