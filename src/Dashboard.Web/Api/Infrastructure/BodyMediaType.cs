using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Net.Http.Headers;

namespace Dashboard.Web.Api.Infrastructure;

/// <summary>The body forms the API reads: JSON and form-encoded (Baremetrics' clients send both).</summary>
public static class BodyMediaType
{
    public const string Json = "application/json";
    public const string Form = "application/x-www-form-urlencoded";

    public enum Kind
    {
        /// <summary>No Content-Type: read as JSON, as before form bodies were accepted.</summary>
        Missing,
        Json,
        Form,
        Unsupported,
    }

    public static Kind Of(HttpRequest request)
    {
        var header = request.ContentType;
        if (string.IsNullOrWhiteSpace(header))
        {
            return Kind.Missing;
        }

        if (!MediaTypeHeaderValue.TryParse(header, out var parsed))
        {
            return Kind.Unsupported;
        }

        var type = parsed.MediaType.Value ?? string.Empty;
        if (type.Equals(Json, StringComparison.OrdinalIgnoreCase) || parsed.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase))
        {
            return Kind.Json;
        }

        return type.Equals(Form, StringComparison.OrdinalIgnoreCase) ? Kind.Form : Kind.Unsupported;
    }

    /// <summary>
    /// Declares the request body for the OpenAPI document in both forms. Routing does not select on it (any content type
    /// reaches the endpoint), so another type gets a 415 from <see cref="UnsupportedBodyFilter"/> instead of the 404
    /// fallback.
    /// </summary>
    public static RouteHandlerBuilder AcceptsBody<TRequest>(this RouteHandlerBuilder builder)
        where TRequest : notnull =>
        builder.Accepts<TRequest>(Json, Form, AnyContentType).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

    /// <summary>Matches every content type in routing; the OpenAPI document leaves it out.</summary>
    public const string AnyContentType = "*/*";
}

/// <summary>415 with problem details for a body on a body-taking endpoint that is neither JSON nor form-encoded.</summary>
public sealed class UnsupportedBodyFilter : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (http.GetEndpoint()?.Metadata.GetMetadata<IAcceptsMetadata>() is null || BodyMediaType.Of(http.Request) != BodyMediaType.Kind.Unsupported)
        {
            return next(context);
        }

        return ValueTask.FromResult<object?>(new UnsupportedMediaTypeProblem(new Dictionary<string, string[]>
        {
            ["content_type"] = [$"must be {BodyMediaType.Json} or {BodyMediaType.Form}, not '{http.Request.ContentType}'"],
        }));
    }
}
