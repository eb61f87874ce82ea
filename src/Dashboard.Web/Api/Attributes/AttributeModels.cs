using System.Text.Json;
using System.Text.Json.Serialization;
using Dashboard.Web.Api.Infrastructure;

namespace Dashboard.Web.Api.Attributes;

/// <summary>One value to set: the customer by oid (+ source_id when ambiguous) or email; the field by key or field_id.</summary>
public sealed record AttributeRowRequest(string? CustomerOid, [property: JsonConverter(typeof(BodySourceIdConverter))] long? SourceId, string? CustomerEmail, long? FieldId, string? Key, JsonElement? Value)
{
    /// <summary>Strings as they are; numbers and booleans as their JSON text; null when missing or null.</summary>
    public string? ValueText() => Value is not { } value ? null : value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => null,
    };
}

public sealed record AttributesRequest(IReadOnlyList<AttributeRowRequest?>? Attributes);

/// <summary>What happened to one row: applied, unchanged, customer_not_found or customer_ambiguous.</summary>
public sealed record AttributeRowResult(int Index, string? CustomerOid, string? CustomerEmail, string Status, string? Error);

public sealed record AttributeSummary(int Applied, int Unchanged, int Failed);

public sealed record AttributesResponse(IReadOnlyList<AttributeRowResult> Attributes, AttributeSummary Summary);
