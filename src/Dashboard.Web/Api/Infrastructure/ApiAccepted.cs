using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;

namespace Dashboard.Web.Api.Infrastructure;

/// <summary>202 with <typeparamref name="T"/>: what Baremetrics answers a deletion with.</summary>
public sealed class ApiAccepted<T>(T value) : ApiJsonResult<T>(value, StatusCodes.Status202Accepted), IEndpointMetadataProvider
{
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Describe(builder, StatusCodes.Status202Accepted);
}

/// <summary>An empty object (<c>{}</c>): what Baremetrics answers a deletion with (202).</summary>
public sealed record Deleted;
