using System.Collections.Concurrent;
using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Sources.Stripe.Api;
using Dashboard.Infrastructure.Sources.Stripe.Events;
using Dashboard.Infrastructure.Sources.Stripe.Sync;
using Dashboard.Testing.Fakes;
using Microsoft.EntityFrameworkCore;
using Sdk = Stripe;

namespace Dashboard.Infrastructure.Tests.Sources.Stripe;

/// <summary>
/// Two workers applying events of one object at the same time: the object's version only moves forward and neither
/// fails on the unique index.
/// </summary>
public sealed class StripeObjectVersionRaceTests : IAsyncLifetime
{
    private static readonly DateTime T0 = new(2024, 3, 1, 0, 0, 0, DateTimeKind.Utc);

    private FakeStripeServer stripe = null!;

    public async Task InitializeAsync() => stripe = await FakeStripeServer.StartAsync();

    public async Task DisposeAsync() => await stripe.DisposeAsync();

    [Theory]
    [InlineData(DatabaseProvider.Sqlite, false)]
    [InlineData(DatabaseProvider.Sqlite, true)]
    [InlineData(DatabaseProvider.PostgreSql, false)]
    [InlineData(DatabaseProvider.PostgreSql, true)]
    public async Task Two_events_of_one_object_applied_at_once_leave_the_newest_as_its_version(DatabaseProvider provider, bool knownBefore)
    {
        await using var harness = await StripeSyncHarness.CreateAsync(provider, stripe.BaseUri);
        var handler = new GatedHandler();
        var ledger = new StripeEventLedger(harness.Database.CreateFactory(), new StripeEventDispatcher([handler]), TimeProvider.System);
        var scope = new StripeSyncScope(harness.SourceId, new StripeConnection(stripe.BaseUri, FakeStripeServer.ApiKey), null);
        if (knownBefore)
        {
            handler.Open("evt_0");
            Assert.Equal(StripeEventOutcome.Applied, await ledger.ApplyOnceAsync(scope, Update("evt_0", T0), StripeEventLedger.ViaEvents, default));
        }

        // Both read what the store holds before either finishes; the newer one then finishes first.
        var newer = ledger.ApplyOnceAsync(scope, Update("evt_2", T0.AddDays(2)), StripeEventLedger.ViaWebhook, default);
        var older = ledger.ApplyOnceAsync(scope, Update("evt_1", T0.AddDays(1)), StripeEventLedger.ViaWebhook, default);
        await handler.StartedAsync("evt_2", "evt_1");
        handler.Open("evt_2");
        Assert.Equal(StripeEventOutcome.Applied, await newer);
        handler.Open("evt_1");
        // Whichever claimed first, the older one's handler ran too (it reads the current object), without failing.
        Assert.Contains(await older, new[] { StripeEventOutcome.Applied, StripeEventOutcome.Superseded });

        await using var db = harness.Database.CreateContext();
        var version = await db.Set<StripeObjectVersion>().SingleAsync(v => v.SourceId == harness.SourceId && v.ObjectId == "cus_race");
        Assert.Equal(("evt_2", new DateTimeOffset(T0.AddDays(2))), (version.EventId, version.EventCreatedAt));
        Assert.Equal(2, handler.Applied.Count(id => id is "evt_1" or "evt_2"));
    }

    private static Sdk.Event Update(string id, DateTime created) => new()
    {
        Id = id,
        Type = "customer.updated",
        Created = created,
        Data = new Sdk.EventData { Object = new Sdk.Customer { Id = "cus_race" } },
    };

    /// <summary>Holds each event's handling until the test opens it, so both events are in flight at once.</summary>
    private sealed class GatedHandler : IStripeEventHandler
    {
        private readonly ConcurrentDictionary<string, TaskCompletionSource> started = new();
        private readonly ConcurrentDictionary<string, TaskCompletionSource> gates = new();

        public IReadOnlyCollection<string> EventTypes { get; } = ["customer.updated"];

        public ConcurrentQueue<string> Applied { get; } = new();

        public void Open(string eventId) => Gate(gates, eventId).TrySetResult();

        public Task StartedAsync(params string[] eventIds) =>
            Task.WhenAll(eventIds.Select(id => Gate(started, id).Task)).WaitAsync(TimeSpan.FromMinutes(2));

        public async Task HandleAsync(StripeSyncScope scope, Sdk.Event stripeEvent, CancellationToken cancellationToken)
        {
            Gate(started, stripeEvent.Id).TrySetResult();
            await Gate(gates, stripeEvent.Id).Task.WaitAsync(cancellationToken);
            Applied.Enqueue(stripeEvent.Id);
        }

        private static TaskCompletionSource Gate(ConcurrentDictionary<string, TaskCompletionSource> gates, string id) =>
            gates.GetOrAdd(id, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
    }
}
