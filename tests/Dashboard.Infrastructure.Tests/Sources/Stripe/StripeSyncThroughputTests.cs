using System.Diagnostics;
using System.Globalization;
using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Sources.Stripe.Api;
using Dashboard.Infrastructure.Sync;
using Dashboard.Testing.Fakes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Dashboard.Infrastructure.Tests.Sources.Stripe;

/// <summary>
/// A bounded throughput run against the synthetic fake: objects per second and the peak managed heap while syncing.
/// Small by default so the suite stays quick; DASHBOARD_STRIPE_BENCH_CUSTOMERS sets the size for docs/performance.md.
/// </summary>
public sealed class StripeSyncThroughputTests(ITestOutputHelper output)
{
    public const string SizeVariable = "DASHBOARD_STRIPE_BENCH_CUSTOMERS";

    [Fact]
    public async Task A_full_import_streams_page_by_page_at_a_steady_rate()
    {
        var sized = int.TryParse(Environment.GetEnvironmentVariable(SizeVariable), NumberStyles.None, CultureInfo.InvariantCulture, out var n);
        var customers = sized ? n : 1000;
        await using var stripe = await SyntheticStripeServer.StartAsync(customers);
        await using var harness = await StripeSyncHarness.CreateAsync(DatabaseProvider.Sqlite, stripe.BaseUri, pageSize: 100);
        GC.Collect();
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        long peak = 0;
        long peakAfterCollection = 0;
        var samples = 0;
        using var sampler = harness.Services.GetRequiredService<SyncStatusService>().Subscribe(new HeapSampler(() =>
        {
            if (Interlocked.Increment(ref samples) % 5 == 0)
            {
                InterlockedMax(ref peak, GC.GetTotalMemory(forceFullCollection: false));
                InterlockedMax(ref peakAfterCollection, GC.GetGCMemoryInfo(GCKind.Any).HeapSizeBytes);
            }
        }));

        var cost = Cost.Start();
        var watch = Stopwatch.StartNew();
        var status = await harness.SyncAsync();
        watch.Stop();
        var sync = cost.Stop();

        var objects = stripe.ObjectCount;
        var rate = objects / watch.Elapsed.TotalSeconds;
        output.WriteLine(FormattableString.Invariant(
            $"{customers} customers, {objects} objects in {watch.Elapsed.TotalSeconds:0.0} s = {rate:0} objects/s; CPU {sync.CpuSeconds:0.0} s (fake server included) = {objects / sync.CpuSeconds:0} objects per CPU-second; managed heap baseline {baseline / 1048576.0:0.0} MiB, peak sampled {peak / 1048576.0:0.0} MiB"));
        output.WriteLine(FormattableString.Invariant(
            $"  per object: {sync.CpuSeconds * 1e6 / objects:0} CPU-us, {sync.AllocatedBytes / (double)objects:0} bytes allocated; peak heap after a collection {peakAfterCollection / 1048576.0:0.0} MiB; collections gen0/1/2 {sync.Gen0}/{sync.Gen1}/{sync.Gen2}; load average {LoadAverage()}"));
        foreach (var kind in status.Kinds)
        {
            output.WriteLine(FormattableString.Invariant($"  {kind.Kind}: {kind.Done} at {kind.RatePerSecond:0}/s"));
        }

        Assert.Equal(SyncState.Succeeded, status.State);
        Assert.Equal(0, status.Errors);
        Assert.Empty(stripe.Refusals);
        await using (var db = harness.Database.CreateContext())
        {
            Assert.Equal(customers, await db.Charges.CountAsync(c => c.Kind == Core.Billing.ChargeKind.Recurring && c.SubscriptionId != null));
            Assert.Equal(customers, await db.SubscriptionStates.CountAsync());
        }

        if (sized)
        {
            // Where the cost goes: the same four lists read again after the import, by plain HTTP (the fake's share:
            // generating and serializing the pages, plus reading the bytes), then through Stripe.net (adding its
            // deserialization). What the import costs beyond the second is our mapping, history rebuild and writes.
            var raw = await MeasureAsync(() => ReadRawAsync(stripe.BaseUri));
            var sdk = await MeasureAsync(() => ReadThroughSdkAsync(harness.Services, stripe.BaseUri));
            output.WriteLine(FormattableString.Invariant(
                $"  lists read by plain HTTP (fake + transport): {raw.CpuSeconds * 1e6 / objects:0} CPU-us, {raw.AllocatedBytes / (double)objects:0} bytes per object"));
            output.WriteLine(FormattableString.Invariant(
                $"  lists read through Stripe.net (+ its deserialization): {sdk.CpuSeconds * 1e6 / objects:0} CPU-us, {sdk.AllocatedBytes / (double)objects:0} bytes per object"));
            output.WriteLine(FormattableString.Invariant(
                $"  import beyond reading (mapping, history, writes, checkpoints): {(sync.CpuSeconds - sdk.CpuSeconds) * 1e6 / objects:0} CPU-us, {(sync.AllocatedBytes - sdk.AllocatedBytes) / (double)objects:0} bytes per object"));
        }
    }

    private static readonly string[] ListPaths =
    [
        "v1/customers?limit=100",
        "v1/subscriptions?limit=100&status=all&expand[0]=data.discounts.source.coupon",
        "v1/invoices?limit=100&expand[0]=data.payments",
        "v1/charges?limit=100&expand[0]=data.balance_transaction",
    ];

    private static async Task ReadRawAsync(Uri baseUri)
    {
        using var http = new HttpClient { BaseAddress = baseUri };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", FakeStripeServer.ApiKey);
        foreach (var path in ListPaths)
        {
            string? after = null;
            while (true)
            {
                var bytes = await http.GetByteArrayAsync(new Uri(after is null ? path : path + "&starting_after=" + after, UriKind.Relative));
                using var page = System.Text.Json.JsonDocument.Parse(bytes);
                var data = page.RootElement.GetProperty("data");
                if (data.GetArrayLength() == 0 || !page.RootElement.GetProperty("has_more").GetBoolean())
                {
                    break;
                }

                after = data[data.GetArrayLength() - 1].GetProperty("id").GetString();
            }
        }
    }

    private static async Task ReadThroughSdkAsync(IServiceProvider services, Uri baseUri)
    {
        var api = services.GetRequiredService<IStripeApi>();
        var connection = new StripeConnection(baseUri, FakeStripeServer.ApiKey);
        await ReadAllAsync(api, connection, StripeListRequest.Customers);
        await ReadAllAsync(api, connection, StripeListRequest.Subscriptions);
        await ReadAllAsync(api, connection, StripeListRequest.AllInvoices);
        await ReadAllAsync(api, connection, StripeListRequest.Charges);
    }

    private static async Task ReadAllAsync<T>(IStripeApi api, StripeConnection connection, StripeListRequest<T> request)
        where T : global::Stripe.IHasId
    {
        string? after = null;
        while (true)
        {
            var page = await api.ListPageAsync(connection, request, after, CancellationToken.None);
            if (page.Data.Count == 0 || !page.HasMore)
            {
                return;
            }

            after = page.Data[^1].Id;
        }
    }

    private static async Task<Cost.Spent> MeasureAsync(Func<Task> work)
    {
        var cost = Cost.Start();
        await work();
        return cost.Stop();
    }

    private static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "unknown";
        }
        catch (UnauthorizedAccessException)
        {
            return "unknown";
        }
    }

    /// <summary>Process CPU time, bytes allocated and collections between <see cref="Start"/> and <see cref="Stop"/>.</summary>
    private sealed class Cost
    {
        private readonly TimeSpan cpu = Process.GetCurrentProcess().TotalProcessorTime;
        private readonly long allocated = GC.GetTotalAllocatedBytes(precise: true);
        private readonly int[] counts = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];

        public static Cost Start() => new();

        public Spent Stop() => new(
            (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds,
            GC.GetTotalAllocatedBytes(precise: true) - allocated,
            GC.CollectionCount(0) - counts[0],
            GC.CollectionCount(1) - counts[1],
            GC.CollectionCount(2) - counts[2]);

        public sealed record Spent(double CpuSeconds, long AllocatedBytes, int Gen0, int Gen1, int Gen2);
    }

    [Theory]
    [InlineData("v1/customers?limit=10&email_domain=example.com", 400)]
    [InlineData("v1/charges?limit=10&expand[0]=data.invoice", 400)]
    [InlineData("v1/subscriptions?limit=10&expand[0]=data.discounts.coupon", 400)]
    [InlineData("v1/invoices/in_00000001", 404)]
    [InlineData("v1/customers?limit=10&expand[0]=data.test_clock", 200)]
    [InlineData("v1/test_helpers/test_clocks?limit=10", 200)]
    public async Task The_synthetic_account_refuses_what_Stripe_refuses(string request, int expected)
    {
        await using var stripe = await SyntheticStripeServer.StartAsync(3);
        using var http = new HttpClient { BaseAddress = stripe.BaseUri };

        using var response = await http.GetAsync(new Uri(request, UriKind.Relative));

        Assert.Equal(expected, (int)response.StatusCode);
        Assert.Equal(expected == 400 ? 1 : 0, stripe.Refusals.Count);
    }

    private static void InterlockedMax(ref long target, long value)
    {
        long current;
        while (value > (current = Interlocked.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }

    private sealed class HeapSampler(Action sample) : IObserver<SyncStatus>
    {
        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }

        public void OnNext(SyncStatus value) => sample();
    }
}
