using Bunit;
using Dashboard.Infrastructure.Data;
using Dashboard.Testing;
using Dashboard.Web.Features.ApiAccess;
using Dashboard.Web.Tests.Api;
using Dashboard.Web.Tests.Components;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Features.ApiAccess;

public sealed class ApiExamplesTests : DashboardTestContext
{
    private const string BaseUrl = "https://metrics.example.com";

    [Fact]
    public async Task The_page_has_an_example_for_every_mapped_api_endpoint_and_none_for_a_missing_one()
    {
        await using var server = await ApiServer.StartAsync(DatabaseProvider.Sqlite);
        var mapped = server.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/v1", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(m => Key(m, e.RoutePattern.RawText!)))
            .ToHashSet(StringComparer.Ordinal);
        Assert.True(mapped.Count > 40, $"Only {mapped.Count} endpoints found: {string.Join(", ", mapped)}");

        var document = RenderExamples();
        var shown = document.FindAll("[data-testid='api-example']")
            .Select(e => Key(e.GetAttribute("data-method")!, e.GetAttribute("data-route")!))
            .ToList();

        Assert.Equal(shown.Count, shown.Distinct(StringComparer.Ordinal).Count());
        Assert.Empty(mapped.Except(shown, StringComparer.Ordinal).Select(e => "no example for " + e));
        Assert.Empty(shown.Except(mapped, StringComparer.Ordinal).Select(e => "example of an endpoint that does not exist: " + e));
    }

    [Fact]
    public void Without_a_source_of_your_own_the_examples_name_no_real_source_but_a_placeholder_to_replace()
    {
        const string SourceRoute = ApiExamples.Base + "/{source_id}";
        var perSource = ApiExamples.ForNewSource().Where(e => e.Route.StartsWith(SourceRoute, StringComparison.Ordinal)).ToList();

        Assert.True(perSource.Count > 10, $"{perSource.Count} per-source examples");
        Assert.All(perSource, e => Assert.StartsWith($"{ApiExamples.Base}/{ApiExamples.SourceIdPlaceholder}/", e.Path, StringComparison.Ordinal));
        Assert.All(ApiExamples.For(5).Where(e => e.Route.StartsWith(SourceRoute, StringComparison.Ordinal)),
            e => Assert.StartsWith(ApiExamples.Base + "/5/", e.Path, StringComparison.Ordinal));
    }

    [Fact]
    public void Each_example_is_a_runnable_curl_command_against_this_server()
    {
        var document = RenderExamples();

        foreach (var example in document.FindAll("[data-testid='api-example']"))
        {
            var method = example.GetAttribute("data-method")!;
            var curl = example.QuerySelector("pre code")!.TextContent;
            Assert.StartsWith("curl", curl, StringComparison.Ordinal);
            Assert.Contains($"\"{BaseUrl}/api/v1/", curl, StringComparison.Ordinal);
            Assert.Contains("-H \"Authorization: Bearer $DASHBOARD_API_KEY\"", curl, StringComparison.Ordinal);
            Assert.DoesNotContain("{", curl.Split('"')[1], StringComparison.Ordinal);
            Assert.Equal(curl, example.QuerySelector(".copy-button")!.GetAttribute("data-copy"));
            if (method is "POST" or "PUT")
            {
                Assert.Contains($"-X {method}", curl, StringComparison.Ordinal);
                var json = curl[(curl.IndexOf("-d '", StringComparison.Ordinal) + 4)..^1];
                Assert.NotNull(System.Text.Json.Nodes.JsonNode.Parse(json));
            }
        }

        var customers = document.Find("[data-method='POST'][data-route='/api/v1/{source_id}/customers']");
        Assert.Contains($"{BaseUrl}/api/v1/3/customers", customers.TextContent, StringComparison.Ordinal);
        var charge = document.Find("[data-method='POST'][data-route='/api/v1/{source_id}/charges'] pre").TextContent;
        Assert.Contains("\"amount\": 14700", charge, StringComparison.Ordinal);
        Assert.Contains("\"currency\": \"USD\"", charge, StringComparison.Ordinal);
    }

    private IRenderedComponent<ApiExampleList> RenderExamples() =>
        Render<ApiExampleList>(p => p.Add(l => l.BaseUrl, BaseUrl).Add(l => l.Examples, ApiExamples.For(3)));

    /// <summary>"POST /api/v1/{source_id}/customers": route parameters keep their names, constraints and trailing slashes go.</summary>
    private static string Key(string method, string route)
    {
        var path = System.Text.RegularExpressions.Regex.Replace(route, @"\{([^}:=?]+)[^}]*\}", "{$1}").TrimEnd('/');
        return method.ToUpperInvariant() + " " + path;
    }
}
