using System.Net;
using System.Net.Http.Json;
using System.Text;
using Dashboard.Infrastructure.Data;

namespace Dashboard.Web.Tests.Api;

[Collection(ApiCollection.Name)]
public sealed class SourceAndPagingTests(ApiServers servers)
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Sources_are_created_idempotently_and_listed_with_pagination(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var client = server.Client(server.WriteKey);
        var name = "shop " + Guid.NewGuid().ToString("N");
        var first = await ApiAssert.StatusAsync(await client.PostAsJsonAsync("/api/v1/sources", new { name, provider = "api" }), HttpStatusCode.Created);
        var again = await ApiAssert.StatusAsync(await client.PostAsJsonAsync("/api/v1/sources", new { name }), HttpStatusCode.OK);
        Assert.Equal(first["source"]!["id"]!.GetValue<string>(), again["source"]!["id"]!.GetValue<string>());
        Assert.Equal("baremetrics", first["source"]!["provider"]!.GetValue<string>());
        Assert.True(first["source"]!["created_at"]!.GetValue<long>() > 1_600_000_000);

        for (var i = 0; i < 3; i++)
        {
            await client.PostAsJsonAsync("/api/v1/sources", new { name = $"{name} {i}" });
        }

        var page1 = await ApiAssert.StatusAsync(await client.GetAsync("/api/v1/sources?per_page=2"), HttpStatusCode.OK);
        Assert.Equal(2, page1["sources"]!.AsArray().Count);
        Assert.Equal(0, page1["meta"]!["pagination"]!["page"]!.GetValue<int>());
        Assert.Equal(2, page1["meta"]!["pagination"]!["per_page"]!.GetValue<int>());
        Assert.True(page1["meta"]!["pagination"]!["has_more"]!.GetValue<bool>());

        var all = await ApiAssert.StatusAsync(await client.GetAsync("/api/v1/sources?per_page=200"), HttpStatusCode.OK);
        Assert.Equal(200, all["meta"]!["pagination"]!["per_page"]!.GetValue<int>());
        Assert.False(all["meta"]!["pagination"]!["has_more"]!.GetValue<bool>());
        var defaults = await ApiAssert.StatusAsync(await client.GetAsync("/api/v1/sources"), HttpStatusCode.OK);
        Assert.Equal(30, defaults["meta"]!["pagination"]!["per_page"]!.GetValue<int>());

        await ApiAssert.ProblemAsync(await client.GetAsync("/api/v1/sources?page=-1"), HttpStatusCode.BadRequest, "page");
        await ApiAssert.ProblemAsync(await client.GetAsync("/api/v1/sources?per_page=201"), HttpStatusCode.BadRequest, "per_page");
        await ApiAssert.ProblemAsync(await client.GetAsync("/api/v1/sources?per_page=0"), HttpStatusCode.BadRequest, "per_page");
        await ApiAssert.ProblemAsync(await client.GetAsync("/api/v1/sources?per_page=abc"), HttpStatusCode.BadRequest, "per_page");
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Bad_source_bodies_are_problems(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var client = server.Client(server.WriteKey);
        await ApiAssert.ProblemAsync(await client.PostAsJsonAsync("/api/v1/sources", new { provider = "api" }), HttpStatusCode.BadRequest, "name");
        await ApiAssert.ProblemAsync(await client.PostAsJsonAsync("/api/v1/sources", new { name = "s", provider = "stripe" }), HttpStatusCode.BadRequest, "provider");
        await ApiAssert.ProblemAsync(await client.PostAsJsonAsync("/api/v1/sources", new { name = "s", provider = "paypal" }), HttpStatusCode.BadRequest, "provider");
        await ApiAssert.ProblemAsync(
            await client.PostAsync("/api/v1/sources", new StringContent("{\"name\": ", Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest, "body");
        await ApiAssert.ProblemAsync(
            await client.PostAsync("/api/v1/sources", new StringContent("", Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest, "body");
        await ApiAssert.ProblemAsync(
            await client.PostAsync("/api/v1/sources", new StringContent("{\"name\": 12}", Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest, "name");
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Unknown_source_is_404_naming_source_id(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var client = server.Client(server.WriteKey);
        await ApiAssert.ProblemAsync(await client.GetAsync("/api/v1/999999/plans"), HttpStatusCode.NotFound, "source_id");
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Body_over_the_limit_is_413_problem(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var client = server.Client(server.WriteKey);
        var huge = "{\"name\": \"" + new string('x', 6 * 1024 * 1024) + "\"}";
        var response = await client.PostAsync("/api/v1/sources", new StringContent(huge, Encoding.UTF8, "application/json"));
        await ApiAssert.ProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "body");
    }

    [Fact]
    public async Task OpenApi_document_describes_the_v1_endpoints_in_snake_case()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        var document = await ApiAssert.StatusAsync(await server.Client(null).GetAsync("/openapi/v1.json"), HttpStatusCode.OK);
        var paths = document["paths"]!.AsObject();
        Assert.Contains("/api/v1/sources", paths.Select(p => p.Key));
        Assert.Contains("/api/v1/segments/{id}", paths.Select(p => p.Key));
        Assert.DoesNotContain("/healthz", paths.Select(p => p.Key));
        var text = document.ToJsonString();
        Assert.Contains("\"created_at\"", text);
        Assert.DoesNotContain("\"createdAt\"", text);
        Assert.Contains("bearer", text);
    }
}
