using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Import;
using Dashboard.Infrastructure.Import.Operations;
using Dashboard.Testing;
using Dashboard.Web.Api.Keys;
using Dashboard.Web.Services.ApiKeys;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Dashboard.Web.Tests.Api;

/// <summary>
/// What one single-object write costs the app: SQL commands per request (counted by an EF interceptor) and CPU per
/// request, sequential customer + charge pairs through the in-memory test server. The command counts are asserted so
/// the write path does not quietly grow round trips again; the CPU figure is printed for docs/performance.md.
/// </summary>
[Trait("Category", "Load")]
[Collection(ApiLoadCollection.Name)]
public sealed class ApiWriteCostTests(ITestOutputHelper output)
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_single_object_write_takes_few_sql_commands(DatabaseProvider provider)
    {
        var pairs = int.Parse(Environment.GetEnvironmentVariable("DASHBOARD_API_COST_PAIRS") ?? "300", CultureInfo.InvariantCulture);
        var counter = new CommandCounter();
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Testing");
            foreach (var (key, value) in ApiServer.Settings(database, new Dictionary<string, string>
                     {
                         ["ConnectionStrings:Dashboard"] = ApiLoadTests.Pooled(database),
                         ["Api:RateLimit:PermitsPerSecond"] = "1000000",
                         ["Logging:LogLevel:Default"] = "Warning",
                     }))
            {
                builder.UseSetting(key, value);
            }

            builder.ConfigureTestServices(services => services.ConfigureDbContext<DashboardDbContext>(o => o.AddInterceptors(counter)
                .LogTo(counter.Compiled, [CoreEventId.QueryCompilationStarting])));
        });
        var secret = (await factory.Services.GetRequiredService<ApiKeyService>().CreateAsync("cost", readOnly: false)).Secret;
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        var source = await client.PostAsJsonAsync("/api/v1/sources", new { name = "cost", provider = "api" });
        var sourceId = long.Parse(JsonNode.Parse(await source.Content.ReadAsStringAsync())!["source"]!["id"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);

        async Task PostPairAsync(int i)
        {
            var oid = i.ToString(CultureInfo.InvariantCulture);
            using var customer = await client.PostAsJsonAsync($"/api/v1/{sourceId}/customers",
                new { oid = "cus_" + oid, email = $"c{oid}@example.com", name = "Customer " + oid, created = 1_700_000_000 + i });
            Assert.Equal(System.Net.HttpStatusCode.OK, customer.StatusCode);
            counter.Mark("customer");
            using var charge = await client.PostAsJsonAsync($"/api/v1/{sourceId}/charges",
                new { oid = "ch_" + oid, customer_oid = "cus_" + oid, amount = 1000, currency = "USD", created = 1_700_000_100 + i, status = "paid" });
            Assert.Equal(System.Net.HttpStatusCode.OK, charge.StatusCode);
            counter.Mark("charge");
        }

        // Warm up (JIT, EF query compilation, the key cache), then measure.
        const int warmup = 200;
        for (var i = 0; i < warmup; i++)
        {
            await PostPairAsync(i);
        }

        counter.Reset();
        await PostPairAsync(warmup);
        counter.Compilations = 0;
        var customerCommands = counter.Taken("customer");
        var chargeCommands = counter.Taken("charge");
        output.WriteLine($"customer POST: {customerCommands.Count} commands{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", customerCommands)}");
        output.WriteLine($"charge POST: {chargeCommands.Count} commands{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", chargeCommands)}");

        // Let the tiered JIT finish recompiling the hot paths in the background, so its CPU is not counted as the writes'.
        for (var round = 0; round < 8; round++)
        {
            var idleBefore = Process.GetCurrentProcess().TotalProcessorTime;
            await Task.Delay(1000);
            if ((Process.GetCurrentProcess().TotalProcessorTime - idleBefore).TotalMilliseconds < 50)
            {
                break;
            }
        }

        var exceptions = 0;
        void CountException(object? sender, System.Runtime.ExceptionServices.FirstChanceExceptionEventArgs e) => Interlocked.Increment(ref exceptions);
        AppDomain.CurrentDomain.FirstChanceException += CountException;
        var allocatedBefore = GC.GetTotalAllocatedBytes();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        for (var i = warmup + 1; i <= warmup + pairs; i++)
        {
            await PostPairAsync(i);
        }

        AppDomain.CurrentDomain.FirstChanceException -= CountException;
        output.WriteLine($"per write: {(GC.GetTotalAllocatedBytes() - allocatedBefore) / (pairs * 2) / 1024} KiB allocated, " +
            $"{exceptions / (double)(pairs * 2):F2} exceptions thrown");

        output.WriteLine($"EF query compilations during the measured writes: {counter.Compilations}; last: {counter.LastCompiled}");
        var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds;
        var report = string.Create(CultureInfo.InvariantCulture,
            $"{provider}: {pairs * 2} sequential writes, {cpu / (pairs * 2):F2} ms CPU and {clock.Elapsed.TotalMilliseconds / (pairs * 2):F2} ms wall per write " +
            $"(app + in-memory client), {customerCommands.Count} SQL commands (BEGIN and COMMIT included) per customer POST, {chargeCommands.Count} per charge POST");
        output.WriteLine(report);
        Console.WriteLine(report);

        // The importer alone (no HTTP, no source check, no read-back), for the split of the cost.
        var importer = factory.Services.GetRequiredService<BillingImporter>();
        cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        clock.Restart();
        for (var i = 0; i < pairs * 2; i++)
        {
            await importer.ImportAsync(new ImportBatch(sourceId) { new CustomerImport { Oid = $"direct_{i}", Name = "Direct", Created = DateTimeOffset.UnixEpoch } });
        }

        cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds;
        var direct = string.Create(CultureInfo.InvariantCulture,
            $"{provider}: importer alone, {pairs * 2} single-customer batches: {cpu / (pairs * 2):F2} ms CPU and {clock.Elapsed.TotalMilliseconds / (pairs * 2):F2} ms wall each");
        output.WriteLine(direct);
        Console.WriteLine(direct);

        // BEGIN, the importer's source check, the snapshot lookups, the insert, COMMIT and the read-back of the new row (the
        // route's source check is remembered after the first write; a new object has no attributes or refunds to read).
        Assert.InRange(customerCommands.Count, 1, 6);
        Assert.InRange(chargeCommands.Count, 1, 7);
    }

    private sealed class CommandCounter : DbCommandInterceptor, IDbTransactionInterceptor
    {
        private readonly Lock gate = new();
        private readonly List<string> pending = [];
        private readonly Dictionary<string, List<string>> marked = [];

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Add(command);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Add(command);
            return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            Add(command);
            return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
        }

        public ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(
            DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result,
            CancellationToken cancellationToken = default)
        {
            Add("BEGIN");
            return ValueTask.FromResult(result);
        }

        public ValueTask<InterceptionResult> TransactionCommittingAsync(
            DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
        {
            Add("COMMIT");
            return ValueTask.FromResult(result);
        }

        public int Compilations;
        public string? LastCompiled;

        public void Compiled(string message)
        {
            Interlocked.Increment(ref Compilations);
            LastCompiled = message;
        }

        public void Reset()
        {
            lock (gate)
            {
                pending.Clear();
                marked.Clear();
            }
        }

        public void Mark(string name)
        {
            lock (gate)
            {
                if (!marked.ContainsKey(name))
                {
                    marked[name] = [.. pending];
                }

                pending.Clear();
            }
        }

        public List<string> Taken(string name)
        {
            lock (gate)
            {
                return marked.GetValueOrDefault(name) ?? [];
            }
        }

        private void Add(DbCommand command) => Add(command.CommandText.ReplaceLineEndings(" "));

        private void Add(string text)
        {
            lock (gate)
            {
                pending.Add(text.Length > 140 ? text[..140] + "..." : text);
            }
        }
    }
}
