using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Sync;
using Dashboard.Testing;
using Dashboard.Testing.Fakes;
using Microsoft.EntityFrameworkCore;
using static Dashboard.Testing.Fakes.StripeFixtures;

namespace Dashboard.Infrastructure.Tests.Sources.Stripe;

/// <summary>
/// The events poll reads the events newer than the last one applied (<c>ending_before</c>). Stripe keeps events for
/// 30 days: once the cursor's event is older, Stripe answers 404 <c>resource_missing</c> on <c>ending_before</c> (the
/// fake does too, on the connector's clock), and a cursor last moved more than 30 days ago may have missed events that
/// are gone. Either way the sync re-scans everything rather than failing or missing what happened since.
/// </summary>
public sealed class StripeEventCursorTests : IAsyncLifetime
{
    private static readonly long Mar15 = T("2024-03-15");

    /// <summary>The first import, 18 days after the newest event (25 February): the cursor is that event.</summary>
    private static readonly DateTimeOffset ImportedAt = new(2024, 3, 14, 0, 0, 0, TimeSpan.Zero);

    private FakeStripeServer stripe = null!;

    public async Task InitializeAsync()
    {
        stripe = await FakeStripeServer.StartAsync();
        StripeScenario.Load(stripe);
        stripe.Put("events", Event("evt_last", "customer.updated", StripeScenario.Feb25, stripe.Get("cus_C")));
    }

    public async Task DisposeAsync() => await stripe.DisposeAsync();

    [Fact]
    public async Task An_events_cursor_Stripe_no_longer_keeps_leads_to_a_full_rescan()
    {
        var clock = new FixedTimeProvider(ImportedAt);
        await using var harness = await StripeSyncHarness.CreateOnClockAsync(DatabaseProvider.Sqlite, stripe, clock, pageSize: 2);
        await ImportWithCursorAsync(harness);

        // 28 March: the cursor was saved 14 days ago, but its event (25 February) is 32 days old and gone from Stripe.
        CancelCarolOn15March();
        clock.Now = new DateTimeOffset(2024, 3, 28, 0, 0, 0, TimeSpan.Zero);
        var customersRead = stripe.RequestCount("/v1/customers");
        var status = await harness.SyncAsync();

        Assert.Equal(SyncState.Succeeded, status.State);
        Assert.True(stripe.RequestCount("/v1/customers") > customersRead, "the sync re-scanned the customers");
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(Mar15), await CarolCanceledAtAsync(harness));
        await AssertSameAsFreshImportAsync(harness, clock);
    }

    [Fact]
    public async Task An_events_cursor_last_moved_more_than_30_days_ago_leads_to_a_full_import_that_loses_nothing()
    {
        var clock = new FixedTimeProvider(ImportedAt);
        await using var harness = await StripeSyncHarness.CreateOnClockAsync(DatabaseProvider.Sqlite, stripe, clock, pageSize: 2);
        await ImportWithCursorAsync(harness);

        // 20 April: 37 days since the cursor moved, so events from between may be gone (Carol's cancellation of
        // 15 March has no event at all): the sync plans a full import.
        CancelCarolOn15March();
        clock.Now = new DateTimeOffset(2024, 4, 20, 0, 0, 0, TimeSpan.Zero);
        var status = await harness.SyncAsync();

        Assert.Equal((SyncMode.Full, SyncState.Succeeded), (status.Mode, status.State));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(Mar15), await CarolCanceledAtAsync(harness));
        await AssertSameAsFreshImportAsync(harness, clock);
    }

    [Fact]
    public async Task An_import_paused_more_than_30_days_ago_starts_over_in_full_and_loses_nothing()
    {
        var clock = new FixedTimeProvider(ImportedAt);
        await using var harness = await StripeSyncHarness.CreateOnClockAsync(DatabaseProvider.Sqlite, stripe, clock, pageSize: 2, maxRetries: 1);
        await ImportPausedInCustomersAsync(harness);

        // 20 April: the import began 37 days ago; what it had read may have changed through events that are gone.
        CancelCarolOn15March();
        clock.Now = new DateTimeOffset(2024, 4, 20, 0, 0, 0, TimeSpan.Zero);
        var status = await harness.SyncAsync();

        Assert.Equal((SyncMode.Full, SyncState.Succeeded), (status.Mode, status.State));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(Mar15), await CarolCanceledAtAsync(harness));
        await AssertSameAsFreshImportAsync(harness, clock);
    }

    [Fact]
    public async Task A_resumed_import_whose_starting_event_aged_out_starts_over_instead_of_failing()
    {
        var clock = new FixedTimeProvider(ImportedAt);
        await using var harness = await StripeSyncHarness.CreateOnClockAsync(DatabaseProvider.Sqlite, stripe, clock, pageSize: 2, maxRetries: 1);
        await ImportPausedInCustomersAsync(harness);

        // 28 March: the import began 14 days ago, so it resumes; but the event it started from (25 February) is
        // 32 days old and gone from Stripe, which answers 404 when the resumed import asks for what came after it.
        CancelCarolOn15March();
        clock.Now = new DateTimeOffset(2024, 3, 28, 0, 0, 0, TimeSpan.Zero);
        var status = await harness.SyncAsync();

        Assert.Equal((SyncMode.Resume, SyncState.Succeeded), (status.Mode, status.State));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(Mar15), await CarolCanceledAtAsync(harness));
        await AssertSameAsFreshImportAsync(harness, clock);
        var next = await harness.SyncAsync();
        Assert.Equal((SyncMode.Incremental, SyncState.Succeeded), (next.Mode, next.State));
    }

    /// <summary>A first import that stops after the first page of customers (its events anchor is <c>evt_last</c>).</summary>
    private async Task ImportPausedInCustomersAsync(StripeSyncHarness harness)
    {
        stripe.Inject(new FakeStripeFault("v1/customers", FakeStripeFaultKind.ServerError, Skip: 1, Times: 1000));
        await Assert.ThrowsAnyAsync<Exception>(() => harness.SyncAsync());
        stripe.ClearFaults();
        await using var db = harness.Database.CreateContext();
        var anchor = await db.SyncCheckpoints.SingleAsync(c => c.SourceId == harness.SourceId && c.Kind == "events");
        Assert.Equal(("evt_last", false), (anchor.Cursor, anchor.Completed));
    }

    private static async Task ImportWithCursorAsync(StripeSyncHarness harness)
    {
        Assert.Equal(SyncState.Succeeded, (await harness.SyncAsync()).State);
        await using var db = harness.Database.CreateContext();
        Assert.Equal("evt_last", (await db.SyncCheckpoints.SingleAsync(c => c.SourceId == harness.SourceId && c.Kind == "events")).Cursor);
    }

    /// <summary>Carol's subscription cancelled on 15 March, with no event the poll could apply.</summary>
    private void CancelCarolOn15March() =>
        stripe.Put("subscriptions", Subscription("sub_C", "cus_C", "canceled", StripeScenario.Feb1,
            [Item("si_C1", "sub_C", stripe.Get("price_basic"), 1, StripeScenario.Mar1, StripeScenario.Apr1, StripeScenario.Feb1)],
            canceledAt: Mar15, endedAt: Mar15, reason: "cancellation_requested"));

    private static async Task<DateTimeOffset?> CarolCanceledAtAsync(StripeSyncHarness harness)
    {
        await using var db = harness.Database.CreateContext();
        return (await db.Subscriptions.SingleAsync(s => s.SourceId == harness.SourceId && s.ExternalId == "sub_C")).CanceledAt;
    }

    /// <summary>The re-scanned store holds what a first import on the same day stores: nothing was lost.</summary>
    private async Task AssertSameAsFreshImportAsync(StripeSyncHarness harness, TimeProvider clock)
    {
        await using var fresh = await StripeSyncHarness.CreateOnClockAsync(DatabaseProvider.Sqlite, stripe, clock);
        Assert.Equal(SyncState.Succeeded, (await fresh.SyncAsync()).State);
        Assert.Equal(await fresh.SnapshotAsync(), await harness.SnapshotAsync());
    }
}
