using System.Net.Http.Headers;
using Dashboard.Infrastructure.Data;
using Dashboard.Testing;
using Dashboard.Web.Api.Keys;
using Dashboard.Web.Services.ApiKeys;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Api;

/// <summary>The app over a fresh database of one provider, with a read-write and a read-only key.</summary>
public sealed class ApiServer : IAsyncDisposable
{
    private readonly WebApplicationFactory<Program> factory;

    private ApiServer(TestDatabase database, WebApplicationFactory<Program> factory, string writeKey, string readKey)
    {
        Database = database;
        this.factory = factory;
        WriteKey = writeKey;
        ReadKey = readKey;
    }

    public TestDatabase Database { get; }

    public string WriteKey { get; }

    public string ReadKey { get; }

    public IServiceProvider Services => factory.Services;

    public static async Task<ApiServer> StartAsync(DatabaseProvider provider, IReadOnlyDictionary<string, string>? settings = null)
    {
        var database = await TestDatabase.CreateAsync(provider);
        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Testing");
            foreach (var (key, value) in Settings(database, settings))
            {
                builder.UseSetting(key, value);
            }
        });
        var keys = factory.Services.GetRequiredService<ApiKeyService>();
        var write = await keys.CreateAsync("tests", readOnly: false);
        var read = await keys.CreateAsync("tests read-only", readOnly: true);
        return new ApiServer(database, factory, write.Secret, read.Secret);
    }

    public static IEnumerable<KeyValuePair<string, string>> Settings(TestDatabase database, IReadOnlyDictionary<string, string>? extra)
    {
        yield return new("Database:Provider", database.Provider.ToString());
        yield return new("ConnectionStrings:Dashboard", database.Options.ConnectionString);
        yield return new("Dashboard:SeedDemoData", "false");

        // The servers are shared and in-memory requests have no client address, so every test's bad keys count against
        // one client; the throttle's own tests start a server with a small allowance.
        yield return new("Api:InvalidKeys:Attempts", "100000");
        foreach (var pair in extra ?? new Dictionary<string, string>())
        {
            yield return pair;
        }
    }

    /// <summary>A client sending <paramref name="key"/> as bearer key (none when null).</summary>
    public HttpClient Client(string? key)
    {
        var client = factory.CreateClient();
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await factory.DisposeAsync();
        await Database.DisposeAsync();
    }
}

/// <summary>One server per provider, shared by the API tests (each test works in a source of its own).</summary>
public sealed class ApiServers : IAsyncLifetime
{
    private readonly Dictionary<DatabaseProvider, Task<ApiServer>> servers = [];
    private readonly Lock gate = new();

    public Task<ApiServer> GetAsync(DatabaseProvider provider)
    {
        lock (gate)
        {
            if (!servers.TryGetValue(provider, out var server))
            {
                servers[provider] = server = ApiServer.StartAsync(provider);
            }

            return server;
        }
    }

    public async Task<ApiSession> SessionAsync(DatabaseProvider provider)
    {
        var server = await GetAsync(provider);
        return await ApiSession.StartAsync(server);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var server in servers.Values)
        {
            await (await server).DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<ApiServers>
{
    public const string Name = "api";
}

public static class Providers
{
    public static TheoryData<DatabaseProvider> All => new() { DatabaseProvider.Sqlite, DatabaseProvider.PostgreSql };
}
