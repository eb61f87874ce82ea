using System.Net;
using Dashboard.Infrastructure.Data;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Api;

/// <summary>The OpenAPI document is generated from the endpoints' signatures; none may fall out of it.</summary>
[Collection(ApiCollection.Name)]
public sealed class OpenApiTests(ApiServers servers)
{
    [Fact]
    public async Task Every_api_endpoint_is_described_with_its_method()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        var document = await ApiAssert.StatusAsync(await server.Client(null).GetAsync("/openapi/v1.json"), HttpStatusCode.OK);
        var described = document["paths"]!.AsObject()
            .SelectMany(path => path.Value!.AsObject().Select(operation => $"{operation.Key.ToUpperInvariant()} {path.Key.TrimEnd('/')}"))
            .ToHashSet(StringComparer.Ordinal);

        var mapped = server.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/v1/", StringComparison.Ordinal) == true)
            .Where(e => e.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>()?.ExcludeFromDescription != true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(m => $"{m} {Template(e.RoutePattern.RawText!)}"))
            .ToList();

        Assert.True(mapped.Count > 40, $"only {mapped.Count} endpoints found");
        var undescribed = mapped.Where(m => !described.Contains(m)).ToList();
        Assert.Empty(undescribed);
    }

    [Fact]
    public async Task Typed_results_document_their_answers_and_the_unknown_source()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        var document = await ApiAssert.StatusAsync(await server.Client(null).GetAsync("/openapi/v1.json"), HttpStatusCode.OK);

        var put = document["paths"]!["/api/v1/{source_id}/plans/{oid}"]!["put"]!;
        var responses = put["responses"]!.AsObject().Select(r => r.Key).ToHashSet();
        Assert.Superset(new HashSet<string> { "200", "400", "404", "409", "413", "415" }, responses);
        Assert.DoesNotContain("201", responses);
        Assert.Equal(["application/json", "application/x-www-form-urlencoded"], put["requestBody"]!["content"]!.AsObject().Select(c => c.Key).Order());
        Assert.True(put["parameters"]?.AsArray().Any(p => p!["name"]!.GetValue<string>() == "source_id") == true, put.ToJsonString());
        Assert.Contains("PlanEnvelope", put["responses"]!["200"]!.ToJsonString(), StringComparison.Ordinal);
        var list = document["paths"]!["/api/v1/{source_id}/customers"]!["get"]!["responses"]!.AsObject().Select(r => r.Key).ToHashSet();
        Assert.Superset(new HashSet<string> { "200", "400", "404" }, list);
    }

    [Theory]
    [InlineData("get", "/api/v1/sources", "200 400", "SourceList")]
    [InlineData("post", "/api/v1/sources", "200 201 400 413", "SourceEnvelope")]
    [InlineData("get", "/api/v1/metrics", "200 400 409", "MetricSummaryResponse")]
    [InlineData("get", "/api/v1/metrics/{metric}", "200 400 409", "MetricSeriesResponse")]
    [InlineData("get", "/api/v1/metrics/{metric}/customers", "200 400 409", "DrillDownResponse")]
    [InlineData("get", "/api/v1/metrics/cohorts", "200 400 409", "BaremetricsCohortDto")]
    [InlineData("post", "/api/v1/attributes", "200 400 404 409 413", "AttributesResponse")]
    [InlineData("get", "/api/v1/attributes/fields", "200 400", "AttributeFieldList")]
    [InlineData("post", "/api/v1/attributes/fields", "200 400 404 409 413", "AttributeFieldEnvelope")]
    [InlineData("get", "/api/v1/fx_rates", "200 400", "FxRateList")]
    [InlineData("post", "/api/v1/fx_rates", "200 400 404 409 413", "FxRatesResponse")]
    [InlineData("get", "/api/v1/cancellation_insights/reasons", "200 400", "ReasonList")]
    [InlineData("post", "/api/v1/cancellation_insights/reasons", "200 400 413", "ReasonEnvelope")]
    [InlineData("get", "/api/v1/cancellation_insights/events", "200 400", "CancellationEventList")]
    [InlineData("post", "/api/v1/cancellation_insights/events", "200 400 404 413", "CancellationEventEnvelope")]
    [InlineData("put", "/api/v1/attributes/fields/{id}", "200 400 404 409 413", "AttributeFieldUpdateEnvelope")]
    [InlineData("get", "/api/v1/cancellation_insights/reasons/{id}", "200 404", "ReasonEnvelope")]
    [InlineData("put", "/api/v1/cancellation_insights/reasons/{id}", "200 400 404 409 413", "ReasonEnvelope")]
    [InlineData("get", "/api/v1/cancellation_insights/events/{id}", "200 404", "CancellationEventEnvelope")]
    [InlineData("put", "/api/v1/cancellation_insights/events/{id}", "200 400 404 413", "CancellationEventEnvelope")]
    public async Task Fixed_path_endpoints_document_their_answers_from_their_signatures(string method, string path, string statuses, string schema)
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        var document = await ApiAssert.StatusAsync(await server.Client(null).GetAsync("/openapi/v1.json"), HttpStatusCode.OK);

        var operation = document["paths"]!.AsObject().Single(p => p.Key.TrimEnd('/') == path).Value![method]!;
        var responses = operation["responses"]!.AsObject();
        Assert.Superset(statuses.Split(' ').ToHashSet(), responses.Select(r => r.Key).ToHashSet());
        var success = responses.First(r => r.Key.StartsWith('2')).Value!.ToJsonString();
        Assert.Contains($"/{schema}\"", success, StringComparison.Ordinal);
    }

    /// <summary>"/api/v1/{source_id:long}/x" as the document writes it: route constraints dropped.</summary>
    private static string Template(string raw) =>
        System.Text.RegularExpressions.Regex.Replace(raw.TrimEnd('/'), @"\{([^}:=?]+)[^}]*\}", "{$1}");
}
