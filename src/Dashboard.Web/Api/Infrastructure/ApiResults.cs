using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;

namespace Dashboard.Web.Api.Infrastructure;

/// <summary>
/// A success answer in the API's JSON (snake_case, unix seconds), typed so that an endpoint's signature documents it in
/// the OpenAPI document (the framework's <c>Ok&lt;T&gt;</c> would write the app-wide JSON, which the UI owns).
/// </summary>
public abstract class ApiJsonResult<T>(T value, int statusCode) : IResult, IStatusCodeHttpResult, IValueHttpResult, IValueHttpResult<T>
{
    public T Value { get; } = value;

    public int StatusCode { get; } = statusCode;

    int? IStatusCodeHttpResult.StatusCode => StatusCode;

    object? IValueHttpResult.Value => Value;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = StatusCode;
        return httpContext.Response.WriteAsJsonAsync(Value, ApiJson.Options, contentType: "application/json; charset=utf-8");
    }

    protected static void Describe(EndpointBuilder builder, int statusCode) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(statusCode, typeof(T), ["application/json"]));
}

/// <summary>200 with <typeparamref name="T"/>.</summary>
public sealed class ApiOk<T>(T value) : ApiJsonResult<T>(value, StatusCodes.Status200OK), IEndpointMetadataProvider
{
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Describe(builder, StatusCodes.Status200OK);
}

/// <summary>
/// 200 with <typeparamref name="T"/>, left out of the OpenAPI document: an alternative answer an endpoint gives on
/// request (<c>format=table</c>), so the document describes the default one.
/// </summary>
public sealed class ApiOkAlternative<T>(T value) : ApiJsonResult<T>(value, StatusCodes.Status200OK);

/// <summary>201 with <typeparamref name="T"/>: the object was created.</summary>
public sealed class ApiCreated<T>(T value) : ApiJsonResult<T>(value, StatusCodes.Status201Created), IEndpointMetadataProvider
{
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Describe(builder, StatusCodes.Status201Created);
}

/// <summary>An RFC 7807 answer whose <c>errors</c> name the fields at fault.</summary>
public abstract class ApiProblem(IDictionary<string, string[]> errors, string title, int statusCode) : IResult, IStatusCodeHttpResult
{
    public IDictionary<string, string[]> Errors { get; } = errors;

    public int StatusCode { get; } = statusCode;

    int? IStatusCodeHttpResult.StatusCode => StatusCode;

    /// <summary>Also carries Baremetrics' <c>error</c> member: one message naming the fields at fault.</summary>
    public Task ExecuteAsync(HttpContext httpContext) =>
        Results.ValidationProblem(Errors, title: title, statusCode: StatusCode,
            extensions: new Dictionary<string, object?> { [ApiErrorMember.Name] = ApiErrorMember.Message(Errors, title) }).ExecuteAsync(httpContext);

    protected static void Describe(EndpointBuilder builder, int statusCode) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(statusCode, typeof(HttpValidationProblemDetails), ["application/problem+json"]));
}

/// <summary>400: the request is invalid.</summary>
public sealed class InvalidProblem(IDictionary<string, string[]> errors)
    : ApiProblem(errors, "The request is invalid.", StatusCodes.Status400BadRequest), IEndpointMetadataProvider
{
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Describe(builder, StatusCodes.Status400BadRequest);
}

/// <summary>404: the object, or one it refers to, does not exist.</summary>
public sealed class NotFoundProblem(IDictionary<string, string[]> errors)
    : ApiProblem(errors, "A referenced object was not found.", StatusCodes.Status404NotFound), IEndpointMetadataProvider
{
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Describe(builder, StatusCodes.Status404NotFound);
}

/// <summary>409: the request conflicts with stored data (an object still in use, a concurrent writer).</summary>
public sealed class ConflictProblem(IDictionary<string, string[]> errors, string title = "The request conflicts with the stored data.")
    : ApiProblem(errors, title, StatusCodes.Status409Conflict), IEndpointMetadataProvider
{
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Describe(builder, StatusCodes.Status409Conflict);
}

/// <summary>415: the body is neither JSON nor form-encoded.</summary>
public sealed class UnsupportedMediaTypeProblem(IDictionary<string, string[]> errors)
    : ApiProblem(errors, "The request body's media type is not supported.", StatusCodes.Status415UnsupportedMediaType), IEndpointMetadataProvider
{
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Describe(builder, StatusCodes.Status415UnsupportedMediaType);
}

/// <summary>413: the body is over the size limit.</summary>
public sealed class TooLargeProblem(long limit)
    : ApiProblem(new Dictionary<string, string[]> { ["body"] = [$"must be at most {limit} bytes"] }, "The request body is too large.",
        StatusCodes.Status413PayloadTooLarge), IEndpointMetadataProvider
{
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Describe(builder, StatusCodes.Status413PayloadTooLarge);
}
