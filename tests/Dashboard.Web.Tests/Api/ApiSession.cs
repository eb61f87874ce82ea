using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Dashboard.Web.Tests.Api;

/// <summary>A test's client (read-write key) and an API source of its own.</summary>
public sealed class ApiSession
{
    private ApiSession(ApiServer server, HttpClient client, long sourceId)
    {
        Server = server;
        Client = client;
        SourceId = sourceId;
    }

    public ApiServer Server { get; }

    public HttpClient Client { get; }

    public long SourceId { get; }

    public static async Task<ApiSession> StartAsync(ApiServer server)
    {
        var client = server.Client(server.WriteKey);
        var response = await client.PostAsJsonAsync("/api/v1/sources", new { name = "test " + Guid.NewGuid().ToString("N"), provider = "api" });
        var body = await ApiAssert.StatusAsync(response, HttpStatusCode.Created);
        return new ApiSession(server, client, long.Parse(body["source"]!["id"]!.GetValue<string>(), CultureInfo.InvariantCulture));
    }

    /// <summary>"/api/v1/{source_id}/plans" for "plans".</summary>
    public string Path(string resource) => string.Create(CultureInfo.InvariantCulture, $"/api/v1/{SourceId}/{resource}");

    public Task<HttpResponseMessage> PostAsync(string path, object body) => Client.PostAsJsonAsync(path, body);

    public Task<HttpResponseMessage> PutAsync(string path, object body) => Client.PutAsJsonAsync(path, body);

    public Task<HttpResponseMessage> PostRawAsync(string path, string json) =>
        Client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

    public async Task<JsonNode> GetOkAsync(string path) => await ApiAssert.StatusAsync(await Client.GetAsync(path), HttpStatusCode.OK);

    public async Task<JsonNode> PostOkAsync(string path, object body, HttpStatusCode expected = HttpStatusCode.OK) =>
        await ApiAssert.StatusAsync(await PostAsync(path, body), expected);
}

public static class ApiAssert
{
    public static async Task<JsonNode> StatusAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected} but got {(int)response.StatusCode}: {text}");
        return string.IsNullOrEmpty(text) ? new JsonObject() : JsonNode.Parse(text)!;
    }

    /// <summary>Asserts an RFC 7807 answer with <paramref name="status"/> whose <c>errors</c> name <paramref name="field"/>.</summary>
    public static async Task<JsonNode> ProblemAsync(HttpResponseMessage response, HttpStatusCode status, string field)
    {
        var body = await StatusAsync(response, status);
        Assert.StartsWith("application/problem+json", response.Content.Headers.ContentType?.ToString());
        Assert.Equal((int)status, body["status"]!.GetValue<int>());
        var errors = body["errors"]?.AsObject();
        Assert.True(errors is not null && errors.ContainsKey(field),
            $"Expected an error for '{field}': {body.ToJsonString(new JsonSerializerOptions { WriteIndented = false })}");
        return body;
    }
}
