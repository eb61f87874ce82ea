using Dashboard.Core.Billing;
using Dashboard.Web.Api.Infrastructure;

namespace Dashboard.Web.Api.Attributes;

public sealed record AttributeFieldRequest(string? Title, string? FieldType, string? Key) : IPartialRequest
{
    [System.Text.Json.Serialization.JsonIgnore]
    public SentFields Sent { get; set; } = SentFields.None;
}

/// <summary>An attribute field as Baremetrics shows it (<c>title_with_type</c> reads "[date] Title"); <c>key</c> is our addition.</summary>
public sealed record AttributeFieldDto(long Id, string FieldType, string Title, string TitleWithType, string Key)
{
    public static AttributeFieldDto From(AttributeField field) =>
        new(field.Id, ApiEnums.Name(field.Type), field.Title, $"[{ApiEnums.Name(field.Type)}] {field.Title}", field.Key);
}

public sealed record AttributeFieldEnvelope(AttributeFieldDto AttributeField);

public sealed record AttributeFieldList(IReadOnlyList<AttributeFieldDto> AttributeFields, PaginationMeta Meta);

/// <summary>
/// What <c>PUT /attributes/fields/{id}</c> answers: Baremetrics' description names the member <c>attribute_fields</c>
/// (one object); <c>attribute_field</c> repeats it as the create answers it.
/// </summary>
public sealed record AttributeFieldUpdateEnvelope(AttributeFieldDto AttributeFields, AttributeFieldDto AttributeField);
