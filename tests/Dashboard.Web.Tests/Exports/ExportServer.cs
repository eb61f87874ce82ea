using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Dashboard.Infrastructure.Data;
using Dashboard.Testing;
using Dashboard.Web.Services.ApiKeys;
using Dashboard.Web.Tests.Api;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Exports;

/// <summary>
/// The app over a fresh database with a stopped clock, an exports folder of its own, a read-write and a read-only key,
/// and an API source holding a small business (prices with cents, an annual plan, two UTM sources).
/// </summary>
public sealed class ExportServer : IAsyncDisposable
{
    private readonly WebApplicationFactory<Program> factory;

    private readonly bool ownsDatabase;

    private ExportServer(TestDatabase database, WebApplicationFactory<Program> factory, DirectoryInfo folder, string writeKey, string readKey, bool ownsDatabase = true)
    {
        this.ownsDatabase = ownsDatabase;
        Database = database;
        this.factory = factory;
        Folder = folder;
        Write = Client(writeKey);
        Read = Client(readKey);
    }

    public TestDatabase Database { get; }

    public DirectoryInfo Folder { get; }

    public HttpClient Write { get; }

    public HttpClient Read { get; }

    public IServiceProvider Services => factory.Services;

    public static async Task<ExportServer> StartAsync(
        DatabaseProvider provider, DateTimeOffset now, IReadOnlyDictionary<string, string>? settings = null, Action<IServiceCollection>? services = null) =>
        await StartAsync(await TestDatabase.CreateAsync(provider), ownsDatabase: true, now, settings, services);

    /// <summary>A second app instance (its own job server and exports folder) on the same database as <paramref name="first"/>.</summary>
    public static Task<ExportServer> StartSecondAsync(ExportServer first, DateTimeOffset now) =>
        StartAsync(first.Database, ownsDatabase: false, now, null, null);

    private static async Task<ExportServer> StartAsync(
        TestDatabase database, bool ownsDatabase, DateTimeOffset now, IReadOnlyDictionary<string, string>? settings, Action<IServiceCollection>? services)
    {
        var folder = Directory.CreateTempSubdirectory("exports-");
        var all = new Dictionary<string, string>
        {
            ["Exports:Folder"] = folder.FullName,
            ["Exports:DeliveryRetryDelay"] = "00:00:00",
            ["Reporting:TimeZone"] = "Europe/Paris",
            ["Jobs:PollInterval"] = "00:00:00.200",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            all[key] = value;
        }

        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Testing");
            foreach (var (key, value) in ApiServer.Settings(database, all))
            {
                builder.UseSetting(key, value);
            }

            builder.ConfigureTestServices(testServices =>
            {
                testServices.AddSingleton<TimeProvider>(new FixedTimeProvider(now));
                services?.Invoke(testServices);
            });
        });
        var keys = factory.Services.GetRequiredService<ApiKeyService>();
        var write = await keys.CreateAsync("exports tests", readOnly: false);
        var read = await keys.CreateAsync("exports tests read-only", readOnly: true);
        return new ExportServer(database, factory, folder, write.Secret, read.Secret, ownsDatabase);
    }

    /// <summary>A client keeping cookies like a browser, showing redirects instead of following them.</summary>
    public HttpClient Browser() =>
        factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    public HttpClient Client(string key)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    /// <summary>
    /// c1 (google): Basic $19.99/month from 2024-07-10, Pro $49.50 from 2025-03-05. c2 (facebook): Basic from
    /// 2025-02-01, cancelled 2025-04-15. c3 (google): Annual $100.00/year from 2024-11-20. c4 (google): Basic from
    /// 2025-05-28, cancelled 2025-06-10.
    /// </summary>
    public async Task PushBusinessAsync()
    {
        var source = await PostOkAsync("/api/v1/sources", new { name = "exports", provider = "api" });
        var id = long.Parse(source["source"]!["id"]!.GetValue<string>(), CultureInfo.InvariantCulture);
        string P(string resource) => string.Create(CultureInfo.InvariantCulture, $"/api/v1/{id}/{resource}");
        await PostOkAsync(HttpStatusCode.OK, P("plans"), new { oid = "basic", name = "Basic", currency = "usd", amount = 1999, interval = "month", interval_count = 1 });
        await PostOkAsync(HttpStatusCode.OK, P("plans"), new { oid = "pro", name = "Pro", currency = "usd", amount = 4950, interval = "month", interval_count = 1 });
        await PostOkAsync(HttpStatusCode.OK, P("plans"), new { oid = "annual", name = "Annual", currency = "usd", amount = 10000, interval = "year", interval_count = 1 });
        foreach (var c in new[] { "c1", "c2", "c3", "c4" })
        {
            await PostOkAsync(HttpStatusCode.OK, P("customers"), new { oid = c, email = c + "@example.com", name = c == "c4" ? "=cmd|' /C calc'!A0" : "Customer " + c });
        }

        await PostOkAsync(HttpStatusCode.OK, P("subscriptions"), new { oid = "s1", customer_oid = "c1", plan_oid = "basic", started_at = "2024-07-10T09:00:00Z" });
        await ApiAssert.StatusAsync(await Write.PutAsJsonAsync(P("subscriptions/s1"), new { plan_oid = "pro", occurred_at = "2025-03-05T12:00:00Z" }), HttpStatusCode.OK);
        await PostOkAsync(HttpStatusCode.OK, P("subscriptions"), new { oid = "s2", customer_oid = "c2", plan_oid = "basic", started_at = "2025-02-01T00:00:00Z" });
        await ApiAssert.StatusAsync(await Write.PutAsJsonAsync(P("subscriptions/s2/cancel"), new { canceled_at = "2025-04-15T00:00:00Z" }), HttpStatusCode.OK);
        await PostOkAsync(HttpStatusCode.OK, P("subscriptions"), new { oid = "s3", customer_oid = "c3", plan_oid = "annual", started_at = "2024-11-20T00:00:00Z" });
        await PostOkAsync(HttpStatusCode.OK, P("subscriptions"), new { oid = "s4", customer_oid = "c4", plan_oid = "basic", started_at = "2025-05-28T00:00:00Z" });
        await ApiAssert.StatusAsync(await Write.PutAsJsonAsync(P("subscriptions/s4/cancel"), new { canceled_at = "2025-06-10T00:00:00Z" }), HttpStatusCode.OK);
        await PostOkAsync(HttpStatusCode.OK, "/api/v1/attributes/fields", new { title = "UTM source", field_type = "string", key = "utm_source" });
        var rows = new[] { ("c1", "google"), ("c2", "facebook"), ("c3", "google"), ("c4", "google") }
            .Select(r => new { customer_oid = r.Item1, source_id = id, key = "utm_source", value = r.Item2 });
        await ApiAssert.StatusAsync(await Write.PostAsJsonAsync("/api/v1/attributes", new { attributes = rows }), HttpStatusCode.OK);
    }

    public async Task<JsonNode> PostOkAsync(string path, object body, HttpStatusCode expected = HttpStatusCode.Created) =>
        await ApiAssert.StatusAsync(await Write.PostAsJsonAsync(path, body), expected);

    /// <summary>A billing write: Baremetrics answers 200 to creates and updates alike.</summary>
    private Task<JsonNode> PostOkAsync(HttpStatusCode expected, string path, object body) => PostOkAsync(path, body, expected);

    public async Task<JsonNode> GetOkAsync(string path) => await ApiAssert.StatusAsync(await Write.GetAsync(path), HttpStatusCode.OK);

    /// <summary>Creates an export and returns its id.</summary>
    public async Task<long> CreateExportAsync(object body) =>
        (await PostOkAsync("/api/v1/exports", body))["export"]!["id"]!.GetValue<long>();

    /// <summary>Waits until the run has finished (its job ran on the app's job server) and returns it.</summary>
    public async Task<JsonNode> FinishedRunAsync(long exportId, long runId)
    {
        var path = string.Create(CultureInfo.InvariantCulture, $"/api/v1/exports/{exportId}/runs/{runId}");
        JsonNode? run = null;
        await JobWaits.UntilAsync(
            () =>
            {
                run = GetOkAsync(path).GetAwaiter().GetResult()["run"];
                return run!["status"]!.GetValue<string>() is "succeeded" or "failed" &&
                    run["deliveries"]!.AsArray().All(d => d!["status"]!.GetValue<string>() != "pending");
            },
            () => $"run {runId} to finish: {run?.ToJsonString()}");
        return run!;
    }

    public async ValueTask DisposeAsync()
    {
        Write.Dispose();
        Read.Dispose();
        await factory.DisposeAsync();
        if (ownsDatabase)
        {
            await Database.DisposeAsync();
        }

        Folder.Delete(recursive: true);
    }
}
