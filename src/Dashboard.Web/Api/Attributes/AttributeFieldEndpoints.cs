using Dashboard.Core.Billing;
using Dashboard.Infrastructure.Attributes;
using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Import;
using Dashboard.Web.Api.Infrastructure;
using Dashboard.Web.Api.Keys;
using Dashboard.Web.Services;
using Dashboard.Web.Services.Segments;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Api.Attributes;

/// <summary><c>GET/POST /api/v1/attributes/fields</c>, <c>PUT .../fields/{id}</c>: custom customer fields; <c>key</c> is what filters use.</summary>
public static class AttributeFieldEndpoints
{
    public static void MapAttributeFields(this RouteGroupBuilder attributes)
    {
        attributes.MapGet("/fields", ListAsync).AllowListQuery();
        attributes.MapPost("/fields", CreateAsync)
            .AcceptsBody<AttributeFieldRequest>()
            .RequireAuthorization(ApiKeyAuthentication.WritePolicy);
        attributes.MapPut("/fields/{id}", UpdateAsync)
            .AcceptsBody<AttributeFieldRequest>()
            .RequireAuthorization(ApiKeyAuthentication.WritePolicy);
    }

    /// <summary>
    /// Renames a field (Baremetrics' <c>title</c>); what the body does not name stays as it was. The key and the type
    /// cannot change (segments filter by the key, and values are stored in the type): sending another is a 409.
    /// </summary>
    private static async Task<Results<ApiOk<AttributeFieldUpdateEnvelope>, InvalidProblem, NotFoundProblem, ConflictProblem, TooLargeProblem>> UpdateAsync(
        string id, HttpRequest request, DashboardDbContext db, CancellationToken cancellationToken)
    {
        var (body, problem) = await ApiBody.ReadAsync<AttributeFieldRequest>(request, cancellationToken);
        if (body is null)
        {
            return problem switch
            {
                TooLargeProblem tooLarge => tooLarge,
                _ => (InvalidProblem)problem!,
            };
        }

        var field = long.TryParse(id, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var key)
            ? await db.AttributeFields.FirstOrDefaultAsync(f => f.Id == key, cancellationToken)
            : null;
        if (field is null)
        {
            return ApiProblems.NotFound("id", $"no attribute field has the id '{id}'");
        }

        var errors = new FieldErrors();
        if (body.Sent.Has("title"))
        {
            errors.Required("title", body.Title);
            errors.MaxLength("title", body.Title, 200);
        }

        var type = body.Sent.Has("field_type") ? errors.Enum<AttributeType>("field_type", BaremetricsType(body.FieldType)) : field.Type;
        if (body.Sent.Has("key") && string.IsNullOrWhiteSpace(body.Key))
        {
            errors.Add("key", "cannot be cleared");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        if (type != field.Type)
        {
            return ApiProblems.Conflict("field_type", $"the field '{field.Key}' is {ApiEnums.Name(field.Type)}; its values are stored as such, so its type cannot change");
        }

        if (body.Sent.Has("key") && body.Key!.Trim() != field.Key)
        {
            return ApiProblems.Conflict("key", $"the field's key is '{field.Key}'; segments and exports filter by it, so it cannot change");
        }

        if (body.Sent.Has("title"))
        {
            field.Title = body.Title!.Trim();
            await db.SaveChangesAsync(cancellationToken);
        }

        var dto = AttributeFieldDto.From(field);
        return new ApiOk<AttributeFieldUpdateEnvelope>(new AttributeFieldUpdateEnvelope(dto, dto));
    }

    /// <summary>Baremetrics calls a number field "integer".</summary>
    private static string? BaremetricsType(string? fieldType) =>
        string.Equals(fieldType?.Trim(), "integer", StringComparison.OrdinalIgnoreCase) ? "number" : fieldType;

    private static Task<Results<ApiOk<AttributeFieldList>, InvalidProblem>> ListAsync(HttpRequest request, DashboardDbContext db, CancellationToken cancellationToken) =>
        Paging.ListAsync(request, db.AttributeFields.AsNoTracking().OrderBy(f => f.Id), (items, meta) => new AttributeFieldList(items.Select(AttributeFieldDto.From).ToList(), meta), cancellationToken);

    /// <summary>Creates a field through <see cref="AttributeFieldService"/>; the same key and type again returns it (200), another type is a conflict.</summary>
    private static async Task<Results<ApiOk<AttributeFieldEnvelope>, InvalidProblem, NotFoundProblem, ConflictProblem, TooLargeProblem>> CreateAsync(
        HttpRequest request, DashboardDbContext db, AttributeFieldService attributeFields, CancellationToken cancellationToken)
    {
        var (body, problem) = await ApiBody.ReadAsync<AttributeFieldRequest>(request, cancellationToken);
        if (body is null)
        {
            return problem switch
            {
                TooLargeProblem tooLarge => tooLarge,
                _ => (InvalidProblem)problem!,
            };
        }

        var errors = new FieldErrors();
        errors.Required("title", body.Title);
        errors.MaxLength("title", body.Title, 200);
        var type = errors.Enum<AttributeType>("field_type", BaremetricsType(body.FieldType));
        var keyField = string.IsNullOrWhiteSpace(body.Key) ? "title" : "key";
        var key = string.IsNullOrWhiteSpace(body.Key) ? AttributeKeys.FromTitle(body.Title ?? string.Empty) : body.Key.Trim();
        if (!string.IsNullOrWhiteSpace(body.Title) || !string.IsNullOrWhiteSpace(body.Key))
        {
            if (key.Length == 0 || key.Length > 100 || !key.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_'))
            {
                errors.Add(keyField, "must give a key of lower-case letters, digits and underscores (at most 100)");
            }
            else if (SegmentRules.BuiltInFields.Contains(key))
            {
                errors.Add(keyField, $"'{key}' is a built-in filter field; choose another key");
            }
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        try
        {
            var field = await attributeFields.EnsureAsync(body.Title!.Trim(), type!.Value, key, cancellationToken);
            return new ApiOk<AttributeFieldEnvelope>(new AttributeFieldEnvelope(AttributeFieldDto.From(field)));
        }
        catch (ImportValidationException ex)
        {
            return ImportCall.ToProblem(ex.Errors) switch
            {
                NotFoundProblem notFound => notFound,
                ConflictProblem conflict => conflict,
                var invalid => (InvalidProblem)invalid,
            };
        }
    }
}
