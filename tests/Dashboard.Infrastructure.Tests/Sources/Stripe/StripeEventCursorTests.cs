using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Sync;
using Dashboard.Testing.Fakes;
using Microsoft.EntityFrameworkCore;
using static Dashboard.Testing.Fakes.StripeFixtures;

namespace Dashboard.Infrastructure.Tests.Sources.Stripe;

/// <summary>
/// The events poll reads the events newer than the last one applied (<c>ending_before</c>). When Stripe no longer has
/// that event it answers 404 <c>resource_missing</c> on <c>ending_before</c> (the fake does too, instead of silently
/// listing from the oldest): the sync then re-scans everything rather than failing or missing what happened since.
/// </summary>
public sealed class StripeEventCursorTests : IAsyncLifetime
{
    private static readonly long Mar15 = T("2024-03-15");

    private FakeStripeServer stripe = null!;

    public async Task InitializeAsync()
    {
        stripe = await FakeStripeServer.StartAsync();
        StripeScenario.Load(stripe);
        stripe.Put("events", Event("evt_last", "customer.updated", StripeScenario.Feb1, stripe.Get("cus_C")));
    }

    public async Task DisposeAsync() => await stripe.DisposeAsync();

    [Fact]
    public async Task An_events_cursor_Stripe_no_longer_has_leads_to_a_full_rescan()
    {
        await using var harness = await StripeSyncHarness.CreateAsync(DatabaseProvider.Sqlite, stripe.BaseUri, pageSize: 2);
        Assert.Equal(SyncState.Succeeded, (await harness.SyncAsync()).State);
        await using (var db = harness.Database.CreateContext())
        {
            Assert.Equal("evt_last", (await db.SyncCheckpoints.SingleAsync(c => c.SourceId == harness.SourceId && c.Kind == "events")).Cursor);
        }

        // The cursor event is gone, and Carol's subscription was cancelled with no event left to say so.
        stripe.Remove("events", "evt_last");
        stripe.Put("subscriptions", Subscription("sub_C", "cus_C", "canceled", StripeScenario.Feb1,
            [Item("si_C1", "sub_C", stripe.Get("price_basic"), 1, StripeScenario.Mar1, StripeScenario.Apr1, StripeScenario.Feb1)],
            canceledAt: Mar15, endedAt: Mar15, reason: "cancellation_requested"));
        var status = await harness.SyncAsync();

        Assert.Equal(SyncState.Succeeded, status.State);
        await using var check = harness.Database.CreateContext();
        var carol = await check.Subscriptions.SingleAsync(s => s.SourceId == harness.SourceId && s.ExternalId == "sub_C");
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(Mar15), carol.CanceledAt);
    }
}
