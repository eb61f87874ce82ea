using System.Diagnostics;
using System.Globalization;
using Dashboard.Infrastructure.Data;
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
        var customers = int.TryParse(Environment.GetEnvironmentVariable(SizeVariable), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 1000;
        await using var stripe = await SyntheticStripeServer.StartAsync(customers);
        await using var harness = await StripeSyncHarness.CreateAsync(DatabaseProvider.Sqlite, stripe.BaseUri, pageSize: 100);
        GC.Collect();
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        long peak = 0;
        var samples = 0;
        using var sampler = harness.Services.GetRequiredService<SyncStatusService>().Subscribe(new HeapSampler(() =>
        {
            if (Interlocked.Increment(ref samples) % 5 == 0)
            {
                InterlockedMax(ref peak, GC.GetTotalMemory(forceFullCollection: false));
            }
        }));

        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var status = await harness.SyncAsync();
        watch.Stop();
        var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;

        var rate = stripe.ObjectCount / watch.Elapsed.TotalSeconds;
        output.WriteLine(FormattableString.Invariant(
            $"{customers} customers, {stripe.ObjectCount} objects in {watch.Elapsed.TotalSeconds:0.0} s = {rate:0} objects/s; CPU {cpu:0.0} s (fake server included) = {stripe.ObjectCount / cpu:0} objects per CPU-second; managed heap baseline {baseline / 1048576.0:0.0} MiB, peak sampled {peak / 1048576.0:0.0} MiB"));
        foreach (var kind in status.Kinds)
        {
            output.WriteLine(FormattableString.Invariant($"  {kind.Kind}: {kind.Done} at {kind.RatePerSecond:0}/s"));
        }

        Assert.Equal(SyncState.Succeeded, status.State);
        Assert.Equal(0, status.Errors);
        Assert.Empty(stripe.Refusals);
        await using var db = harness.Database.CreateContext();
        Assert.Equal(customers, await db.Charges.CountAsync(c => c.Kind == Core.Billing.ChargeKind.Recurring && c.SubscriptionId != null));
        Assert.Equal(customers, await db.SubscriptionStates.CountAsync());
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
