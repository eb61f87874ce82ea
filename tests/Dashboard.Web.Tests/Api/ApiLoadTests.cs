using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Dashboard.Infrastructure.Data;
using Dashboard.Testing;
using Xunit.Abstractions;

namespace Dashboard.Web.Tests.Api;

/// <summary>
/// Pushes customers and charges (one object per request, 8 at a time) through a real Kestrel server on 127.0.0.1 and
/// reports objects/s and errors. The normal run pushes 2,000 objects per provider; set DASHBOARD_API_LOAD_OBJECTS
/// (e.g. 100000) and optionally DASHBOARD_API_LOAD_PROVIDER (Sqlite or PostgreSql) for the full measurement.
/// </summary>
[Trait("Category", "Load")]
[Collection(ApiLoadCollection.Name)]
public sealed class ApiLoadTests(ITestOutputHelper output)
{
    private static readonly int Concurrency = int.Parse(Environment.GetEnvironmentVariable("DASHBOARD_API_LOAD_CONCURRENCY") ?? "8", CultureInfo.InvariantCulture);

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    /// <summary>The database's connection string with pooling on, as deployed.</summary>
    internal static string Pooled(TestDatabase database) => database.Provider == DatabaseProvider.PostgreSql
        ? new Npgsql.NpgsqlConnectionStringBuilder(database.Options.ConnectionString) { Pooling = true }.ToString()
        : new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(database.Options.ConnectionString) { Pooling = true }.ToString();

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Pushes_customers_and_charges_through_kestrel_without_errors(DatabaseProvider provider)
    {
        var only = Environment.GetEnvironmentVariable("DASHBOARD_API_LOAD_PROVIDER");
        if (!string.IsNullOrEmpty(only) && !string.Equals(only, provider.ToString(), StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var objects = int.Parse(Environment.GetEnvironmentVariable("DASHBOARD_API_LOAD_OBJECTS") ?? "2000", CultureInfo.InvariantCulture);
        var pairs = objects / 2;
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(Math.Max(600, objects / 20)));

        await using var database = await TestDatabase.CreateAsync(provider);
        var server = await KestrelApiServer.StartAsync(database, new Dictionary<string, string>
        {
            // As deployed: pooled connections (the test helper turns pooling off so databases can be dropped).
            ["ConnectionStrings:Dashboard"] = Pooled(database),
            // One key pushes everything here; the default per-key limit (1000/s) would throttle it.
            ["Api:RateLimit:PermitsPerSecond"] = "1000000",
            ["Logging:LogLevel:Default"] = "Warning",
        });
        Assert.StartsWith("http://127.0.0.1:", server.Address.ToString());
        var secret = server.WriteKey;

        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Concurrency })
        {
            BaseAddress = server.Address,
            Timeout = TimeSpan.FromSeconds(60),
        };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        var source = await client.PostAsJsonAsync("/api/v1/sources", new { name = "load", provider = "api" }, deadline.Token);
        var sourceId = long.Parse(JsonNode.Parse(await source.Content.ReadAsStringAsync(deadline.Token))!["source"]!["id"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);

        var next = -1;
        var written = 0;
        var errors = 0;
        var samples = new List<string>();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, Concurrency).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < pairs && !deadline.IsCancellationRequested)
            {
                var oid = i.ToString(CultureInfo.InvariantCulture);
                await SendAsync($"/api/v1/{sourceId}/customers", new { oid = "cus_" + oid, email = $"c{oid}@example.com", name = "Customer " + oid, created = 1_700_000_000 + i });
                await SendAsync($"/api/v1/{sourceId}/charges", new
                {
                    oid = "ch_" + oid, customer_oid = "cus_" + oid, amount = 1000 + (i % 5000), currency = "USD", created = 1_700_000_100 + i, status = "paid",
                });
            }
        })).ToList();

        async Task SendAsync(string path, object body)
        {
            try
            {
                using var response = await client.PostAsJsonAsync(path, body, deadline.Token);
                if (response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref written);
                    return;
                }

                Interlocked.Increment(ref errors);
                var text = await response.Content.ReadAsStringAsync(deadline.Token);
                lock (samples)
                {
                    if (samples.Count < 5)
                    {
                        samples.Add($"{(int)response.StatusCode} {path}: {text}");
                    }
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                Interlocked.Increment(ref errors);
                lock (samples)
                {
                    if (samples.Count < 5)
                    {
                        samples.Add($"{path}: {ex.GetType().Name} {ex.Message}");
                    }
                }
            }
        }

        await Task.WhenAll(workers);
        clock.Stop();
        await server.DisposeAsync();
        Npgsql.NpgsqlConnection.ClearAllPools();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
        var rate = written / clock.Elapsed.TotalSeconds;
        var report = string.Create(CultureInfo.InvariantCulture,
            $"REST API writes on {provider}: {written} objects in {clock.Elapsed.TotalSeconds:F1} s = {rate:F0} objects/s, {errors} errors, " +
            $"concurrency {Concurrency}; app+client CPU {cpu:F1} s = {written / Math.Max(cpu, 0.001):F0} objects per CPU-second; load average {LoadAverage()}");
        output.WriteLine(report);
        Console.WriteLine(report);
        foreach (var sample in samples)
        {
            output.WriteLine(sample);
        }

        Assert.False(deadline.IsCancellationRequested, "The load test ran out of time. " + report);
        Assert.True(errors == 0, report + Environment.NewLine + string.Join(Environment.NewLine, samples));
        Assert.Equal(pairs * 2, written);
        await using var db = database.CreateContext();
        Assert.Equal(pairs, db.Customers.Count(c => c.SourceId == sourceId));
        Assert.Equal(pairs, db.Charges.Count(c => c.SourceId == sourceId));
    }
}

/// <summary>The load test runs alone, after the parallel collections, so its figures are its own.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ApiLoadCollection
{
    public const string Name = "api-load";
}
