using System.Text;
using System.Text.Json;
using Dashboard.Core.Billing;
using Dashboard.Infrastructure.Data;
using Dashboard.Web.Api.Infrastructure;
using Dashboard.Web.Api.Keys;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Api.Attributes;

/// <summary><c>GET/POST /api/v1/attributes/fields</c>: custom customer fields; <c>key</c> is what filters use.</summary>
public static class AttributeFieldEndpoints
{
    public static void MapAttributeFields(this RouteGroupBuilder attributes)
    {
        attributes.MapGet("/fields", ListAsync).Produces<AttributeFieldList>();
        attributes.MapPost("/fields", CreateAsync)
            .Accepts<AttributeFieldRequest>("application/json")
            .Produces<AttributeFieldEnvelope>(StatusCodes.Status201Created)
            .Produces<AttributeFieldEnvelope>()
            .ProducesValidationProblem()
            .ProducesValidationProblem(StatusCodes.Status409Conflict)
            .RequireAuthorization(ApiKeyAuthentication.WritePolicy);
    }

    /// <summary>"UTM Source" -> "utm_source": lower-case letters, digits and underscores.</summary>
    public static string KeyOf(string title)
    {
        var snake = JsonNamingPolicy.SnakeCaseLower.ConvertName(title.Trim());
        var builder = new StringBuilder(snake.Length);
        foreach (var c in snake)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
            else if (builder.Length > 0 && builder[^1] != '_')
            {
                builder.Append('_');
            }
        }

        return builder.ToString().Trim('_');
    }

    private static async Task<IResult> ListAsync(HttpRequest request, DashboardDbContext db, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var paging = Paging.From(request, errors);
        if (paging is null)
        {
            return errors.ToProblem();
        }

        var (items, meta) = await paging.ApplyAsync(db.AttributeFields.AsNoTracking().OrderBy(f => f.Id), cancellationToken);
        return ApiJson.Ok(new AttributeFieldList(items.Select(AttributeFieldDto.From).ToList(), meta));
    }

    /// <summary>Creates a field; the same key again updates its title (200), a different type is a conflict.</summary>
    private static async Task<IResult> CreateAsync(HttpRequest request, DashboardDbContext db, CancellationToken cancellationToken)
    {
        var (body, problem) = await ApiBody.ReadAsync<AttributeFieldRequest>(request, cancellationToken);
        if (body is null)
        {
            return problem!;
        }

        var errors = new FieldErrors();
        errors.Required("title", body.Title);
        errors.MaxLength("title", body.Title, 200);
        var type = errors.Enum<AttributeType>("field_type", body.FieldType);
        var key = string.IsNullOrWhiteSpace(body.Key) ? KeyOf(body.Title ?? string.Empty) : body.Key.Trim();
        if (!string.IsNullOrWhiteSpace(body.Title) || !string.IsNullOrWhiteSpace(body.Key))
        {
            if (key.Length == 0 || key.Length > 100 || !key.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_'))
            {
                errors.Add(string.IsNullOrWhiteSpace(body.Key) ? "title" : "key",
                    "must give a key of lower-case letters, digits and underscores (at most 100)");
            }
            else if (SegmentFilterRules.BuiltInFields.Contains(key))
            {
                errors.Add(string.IsNullOrWhiteSpace(body.Key) ? "title" : "key", $"'{key}' is a built-in filter field; choose another key");
            }
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var existing = await db.AttributeFields.FirstOrDefaultAsync(f => f.Key == key, cancellationToken);
        if (existing is not null)
        {
            if (existing.Type != type)
            {
                return ApiProblems.Conflict("field_type", $"the field '{key}' exists with the type {ApiEnums.Name(existing.Type)}");
            }

            existing.Title = body.Title!.Trim();
            await db.SaveChangesAsync(cancellationToken);
            return ApiJson.Ok(new AttributeFieldEnvelope(AttributeFieldDto.From(existing)));
        }

        var field = new AttributeField { Key = key, Title = body.Title!.Trim(), Type = type!.Value };
        db.AttributeFields.Add(field);
        await db.SaveChangesAsync(cancellationToken);
        return ApiJson.Created(new AttributeFieldEnvelope(AttributeFieldDto.From(field)));
    }
}
