using System.Text.Json;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Dashboard.Web.Api.OpenApi;

/// <summary>
/// The OpenAPI document of the REST API (<c>/openapi/v1.json</c>): only /api/v1 routes, bearer-key security, and schemas
/// of the API's records written the way the API writes them (snake_case names, timestamps as unix seconds).
/// </summary>
public static class ApiOpenApi
{
    public const string DocumentName = "v1";
    private const string SecuritySchemeName = "ApiKey";

    public static void Configure(OpenApiOptions options)
    {
        options.ShouldInclude = description =>
            description.RelativePath?.StartsWith("api/v1", StringComparison.OrdinalIgnoreCase) == true;
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "Revenue dashboard REST API",
                Version = "v1",
                Description = "Import billing data (Baremetrics-compatible), push attributes, manage segments, read metrics. " +
                    "Authenticate with 'Authorization: Bearer <key>'.",
            };
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[SecuritySchemeName] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "An API key created in Settings -> API keys or with `apikey create`.",
            };
            document.Security ??= [];
            document.Security.Add(new OpenApiSecurityRequirement
            {
                [new OpenApiSecuritySchemeReference(SecuritySchemeName, document)] = [],
            });
            return Task.CompletedTask;
        });
        // Per-source endpoints get their source from SourceRouteFilter, not from a bound parameter; the path still names it.
        options.AddOperationTransformer((operation, context, _) =>
        {
            var path = context.Description.RelativePath ?? string.Empty;
            if (path.Contains("{source_id}", StringComparison.Ordinal) &&
                operation.Parameters?.Any(p => p.Name == "source_id" && p.In == ParameterLocation.Path) != true)
            {
                operation.Parameters ??= [];
                operation.Parameters.Insert(0, new OpenApiParameter
                {
                    Name = "source_id",
                    In = ParameterLocation.Path,
                    Required = true,
                    Description = "The source's id (GET /api/v1/sources).",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int64" },
                });
            }

            // Routing lets every content type reach a body-taking endpoint (a wrong one gets 415); the document names the real two.
            operation.RequestBody?.Content?.Remove(Infrastructure.BodyMediaType.AnyContentType);
            return Task.CompletedTask;
        });
        options.AddSchemaTransformer((schema, context, _) =>
        {
            var type = context.JsonTypeInfo.Type;
            if (type.Namespace?.StartsWith("Dashboard.Web.Api", StringComparison.Ordinal) != true || schema.Properties is null)
            {
                return Task.CompletedTask;
            }

            var renamed = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal);
            foreach (var (name, property) in schema.Properties)
            {
                var info = context.JsonTypeInfo.Properties.FirstOrDefault(p => p.Name == name);
                var propertyType = info is null ? null : Nullable.GetUnderlyingType(info.PropertyType) ?? info.PropertyType;
                renamed[JsonNamingPolicy.SnakeCaseLower.ConvertName(name)] = propertyType == typeof(DateTimeOffset)
                    ? new OpenApiSchema
                    {
                        Type = JsonSchemaType.Integer,
                        Format = "int64",
                        Description = "Unix seconds (ISO 8601 text is accepted on input).",
                    }
                    : property;
            }

            schema.Properties = renamed;
            if (schema.Required is { Count: > 0 } required)
            {
                schema.Required = new HashSet<string>(required.Select(JsonNamingPolicy.SnakeCaseLower.ConvertName), StringComparer.Ordinal);
            }

            return Task.CompletedTask;
        });
    }
}
