using Dashboard.Core.Billing;
using Dashboard.Web.Api.Infrastructure;

namespace Dashboard.Web.Api.Attributes;

public sealed record AttributeFieldRequest(string? Title, string? FieldType, string? Key);

public sealed record AttributeFieldDto(long Id, string Key, string Title, string FieldType)
{
    public static AttributeFieldDto From(AttributeField field) =>
        new(field.Id, field.Key, field.Title, ApiEnums.Name(field.Type));
}

public sealed record AttributeFieldEnvelope(AttributeFieldDto Field);

public sealed record AttributeFieldList(IReadOnlyList<AttributeFieldDto> Fields, PaginationMeta Meta);
