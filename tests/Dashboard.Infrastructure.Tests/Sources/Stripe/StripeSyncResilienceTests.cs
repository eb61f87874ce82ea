using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Sources.Stripe.Sync;
using Dashboard.Infrastructure.Sync;
using Dashboard.Testing.Fakes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Infrastructure.Tests.Sources.Stripe;

/// <summary>Idempotence, retried failures and resuming a killed sync: the store always ends as after one clean sync.</summary>
public sealed class StripeSyncResilienceTests : IAsyncLifetime
{
    private FakeStripeServer stripe = null!;
    private string reference = null!;

    public async Task InitializeAsync()
    {
        stripe = await FakeStripeServer.StartAsync();
        StripeScenario.Load(stripe);
        await using var clean = await StripeSyncHarness.CreateAsync(DatabaseProvider.Sqlite, stripe.BaseUri);
        await clean.SyncAsync();
        reference = await clean.SnapshotAsync();
    }

    public async Task DisposeAsync() => await stripe.DisposeAsync();

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Syncing_twice_or_importing_again_leaves_the_same_store(DatabaseProvider provider)
    {
        await using var harness = await StripeSyncHarness.CreateAsync(provider, stripe.BaseUri, pageSize: 2);

        await harness.SyncAsync();
        var first = await harness.SnapshotAsync();
        var second = await harness.SyncAsync();
        Assert.Equal(SyncMode.Incremental, second.Mode);
        Assert.Equal(first, await harness.SnapshotAsync());

        await using (var db = harness.Database.CreateContext())
        {
            await db.SyncCheckpoints.Where(c => c.SourceId == harness.SourceId).ExecuteDeleteAsync();
        }

        var again = await harness.SyncAsync();
        Assert.Equal(SyncMode.Full, again.Mode);
        Assert.Equal(first, await harness.SnapshotAsync());
        Assert.Equal(reference, first);
        await using var check = harness.Database.CreateContext();
        Assert.Equal(2, await check.SubscriptionStates.CountAsync(s => check.Subscriptions.Any(x => x.Id == s.SubscriptionId && x.ExternalId == "sub_A")));
    }

    [Fact]
    public async Task Rate_limits_server_errors_and_dropped_connections_during_a_sync_change_nothing()
    {
        await using var harness = await StripeSyncHarness.CreateAsync(DatabaseProvider.Sqlite, stripe.BaseUri, pageSize: 2);
        stripe.Inject(new FakeStripeFault("v1/customers", FakeStripeFaultKind.TooManyRequests, Skip: 1, RetryAfterSeconds: 1));
        stripe.Inject(new FakeStripeFault("v1/invoices", FakeStripeFaultKind.ServerError, Skip: 1));
        stripe.Inject(new FakeStripeFault("v1/charges", FakeStripeFaultKind.DropConnection, Skip: 2));

        var status = await harness.SyncAsync();

        Assert.Equal(SyncState.Succeeded, status.State);
        Assert.Equal(reference, await harness.SnapshotAsync());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(7)]
    [InlineData(11)]
    public async Task A_sync_cancelled_after_some_pages_resumes_to_the_same_store(int pages)
    {
        await using var harness = await StripeSyncHarness.CreateAsync(DatabaseProvider.Sqlite, stripe.BaseUri, pageSize: 1);
        using var kill = new CancellationTokenSource();
        var statuses = harness.Services.GetRequiredService<SyncStatusService>();
        var seen = 0;
        using (statuses.Subscribe(new Observer(s =>
        {
            if (s.State == SyncState.Running && s.Kinds.Sum(k => k.Done) >= pages && Interlocked.Increment(ref seen) == 1)
            {
                kill.Cancel();
            }
        })))
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => harness.SyncAsync(kill.Token));
        }

        Assert.Equal(SyncState.Canceled, statuses.Get(harness.SourceId).State);
        var resumed = await harness.SyncAsync();

        Assert.Equal(SyncMode.Resume, resumed.Mode);
        Assert.Equal(reference, await harness.SnapshotAsync());
    }

    [Theory]
    [InlineData("v1/customers", 1)]
    [InlineData("v1/subscriptions", 2)]
    [InlineData("v1/charges", 5)]
    [InlineData("v1/refunds", 0)]
    public async Task A_sync_that_fails_mid_list_resumes_from_its_checkpoint(string list, int goodPages)
    {
        await using var harness = await StripeSyncHarness.CreateAsync(DatabaseProvider.Sqlite, stripe.BaseUri, pageSize: 1, maxRetries: 1);
        stripe.Inject(new FakeStripeFault(list, FakeStripeFaultKind.ServerError, Skip: goodPages, Times: 1000));

        await Assert.ThrowsAnyAsync<Exception>(() => harness.SyncAsync());
        stripe.ClearFaults();
        var before = stripe.RequestCount(list);
        var resumed = await harness.SyncAsync();

        Assert.Equal(SyncMode.Resume, resumed.Mode);
        Assert.Equal(reference, await harness.SnapshotAsync());
        Assert.True(stripe.RequestCount(list) - before <= 13 - goodPages, "the resumed pass started over instead of at its checkpoint");
    }

    private sealed class Observer(Action<SyncStatus> next) : IObserver<SyncStatus>
    {
        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }

        public void OnNext(SyncStatus value) => next(value);
    }
}
