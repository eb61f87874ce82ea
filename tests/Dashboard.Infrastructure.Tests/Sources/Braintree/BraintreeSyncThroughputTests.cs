using System.Diagnostics;
using System.Globalization;
using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Sync;
using Dashboard.Testing.Fakes.Braintree;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Dashboard.Infrastructure.Tests.Sources.Braintree;

/// <summary>
/// A bounded throughput run against the synthetic fake merchant: objects per second and the peak managed heap while
/// syncing. Small by default so the suite stays quick; DASHBOARD_BRAINTREE_BENCH_CUSTOMERS sets the size for
/// docs/performance.md (4 objects per customer).
/// </summary>
public sealed class BraintreeSyncThroughputTests(ITestOutputHelper output)
{
    public const string SizeVariable = "DASHBOARD_BRAINTREE_BENCH_CUSTOMERS";

    [Fact]
    public async Task A_full_sync_streams_window_by_window_at_a_steady_rate()
    {
        var customers = int.TryParse(Environment.GetEnvironmentVariable(SizeVariable), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 500;
        var data = new SyntheticBraintreeData(customers);
        await using var braintree = await FakeBraintreeServer.StartAsync(data);
        await using var harness = await BraintreeSyncHarness.CreateAsync(DatabaseProvider.Sqlite, braintree.BaseUri, o => o.MaxIdsPerWindow = 5000);
        GC.Collect();
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        long peak = 0;
        var samples = 0;
        using var sampler = harness.Services.GetRequiredService<SyncStatusService>().Subscribe(new StatusObserver(_ =>
        {
            if (Interlocked.Increment(ref samples) % 5 == 0)
            {
                var now = GC.GetTotalMemory(forceFullCollection: false);
                long current;
                while (now > (current = Interlocked.Read(ref peak)) && Interlocked.CompareExchange(ref peak, now, current) != current)
                {
                }
            }
        }));

        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var status = await harness.SyncAsync();
        watch.Stop();
        var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;

        var rate = data.ObjectCount / watch.Elapsed.TotalSeconds;
        output.WriteLine(FormattableString.Invariant(
            $"{customers} customers, {data.ObjectCount} objects in {watch.Elapsed.TotalSeconds:0.0} s = {rate:0} objects/s; CPU {cpu:0.0} s (fake included) = {data.ObjectCount / cpu:0} objects per CPU-second; managed heap baseline {baseline / 1048576.0:0.0} MiB, peak sampled {peak / 1048576.0:0.0} MiB; {braintree.TotalRequests} requests"));
        foreach (var kind in status.Kinds)
        {
            output.WriteLine(FormattableString.Invariant($"  {kind.Kind}: {kind.Done} at {kind.RatePerSecond:0}/s"));
        }

        Assert.Equal(SyncState.Succeeded, status.State);
        Assert.Equal(0, status.Errors);
        await using var db = harness.Database.CreateContext();
        Assert.Equal(customers, await db.Customers.CountAsync());
        Assert.Equal(customers, await db.SubscriptionStates.CountAsync());
        Assert.Equal(2 * customers, await db.Charges.CountAsync(c => c.SubscriptionId != null && c.Kind == Core.Billing.ChargeKind.Recurring));
        Assert.Equal(customers, await db.CustomerAttributes.CountAsync());
    }
}
