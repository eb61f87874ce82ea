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

/// <summary><c>GET/POST /api/v1/attributes/fields</c>: custom customer fields; <c>key</c> is what filters use.</summary>
public static class AttributeFieldEndpoints
{
    public static void MapAttributeFields(this RouteGroupBuilder attributes)
    {
        attributes.MapGet("/fields", ListAsync).AllowListQuery();
        attributes.MapPost("/fields", CreateAsync)
            .AcceptsBody<AttributeFieldRequest>()
            .RequireAuthorization(ApiKeyAuthentication.WritePolicy);
    }

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
        // Baremetrics calls a number field "integer".
        var fieldType = string.Equals(body.FieldType?.Trim(), "integer", StringComparison.OrdinalIgnoreCase) ? "number" : body.FieldType;
        var type = errors.Enum<AttributeType>("field_type", fieldType);
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
