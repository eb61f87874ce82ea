using System.Text.Json.Nodes;
using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Sources.Stripe.Sync;
using Dashboard.Infrastructure.Sources.Stripe.Webhooks;
using Dashboard.Infrastructure.Sync;
using Dashboard.Testing;
using Dashboard.Testing.Fakes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Dashboard.Testing.Fakes.StripeFixtures;

namespace Dashboard.Infrastructure.Tests.Sources.Stripe;

/// <summary>After the first import, changes arrive as events: polled from the events API, or pushed as webhooks.</summary>
public sealed class StripeEventSyncTests : IAsyncLifetime
{
    private static readonly long Mar12 = T("2024-03-12"), Mar15 = T("2024-03-15");

    private FakeStripeServer stripe = null!;

    public async Task InitializeAsync()
    {
        stripe = await FakeStripeServer.StartAsync();
        StripeScenario.Load(stripe);

        // An event from before the import, within the 30 days Stripe keeps events: the import already reflects it,
        // so it must not be applied again.
        stripe.Put("events", Event("evt_old", "customer.updated", StripeScenario.Mar1, stripe.Get("cus_C")));
    }

    public async Task DisposeAsync() => await stripe.DisposeAsync();

    [Fact]
    public async Task An_incremental_sync_applies_an_upgrade_and_a_cancellation_from_events()
    {
        // The syncs run on 16 March, after the last event and within 30 days of every one of them.
        var clock = new FixedTimeProvider(DateTimeOffset.FromUnixTimeSeconds(Mar15 + 86_400));
        await using var harness = await StripeSyncHarness.CreateOnClockAsync(DatabaseProvider.Sqlite, stripe, clock, pageSize: 2);
        await harness.SyncAsync();

        PublishUpgradeAndCancellation();
        var status = await harness.SyncAsync();

        Assert.Equal(SyncMode.Incremental, status.Mode);
        Assert.Equal(2, status.Kinds.Single(k => k.Kind == "events").Done);
        Assert.Equal(
            ["2024-01-01 00:00 price_basic x1 -0 Active", "2024-02-15 00:00 price_pro x1 -0 Active", "2024-03-12 00:00 price_pro x3 -0 Active"],
            await harness.StatesAsync("sub_A"));
        await using var db = harness.Database.CreateContext();
        var carol = await db.Subscriptions.SingleAsync(s => s.ExternalId == "sub_C");
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(Mar15), carol.CanceledAt);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(Mar15), carol.CancelRequestedAt);
        var cursor = await db.SyncCheckpoints.SingleAsync(c => c.SourceId == harness.SourceId && c.Kind == "events");
        Assert.Equal("evt_cancel", cursor.Cursor);

        var before = await harness.SnapshotAsync();
        await harness.SyncAsync();
        Assert.Equal(before, await harness.SnapshotAsync());

        // A later invoice event rebuilds Alice's subscription without the event's time: her 12 March terms stay dated.
        stripe.Put("events", Event("evt_invoice", "invoice.updated", Mar15 + 60, stripe.Get("in_A4")));
        await harness.SyncAsync();
        Assert.Equal(before, await harness.SnapshotAsync());
    }

    [Fact]
    public async Task A_signed_webhook_is_verified_and_its_job_applies_it()
    {
        await using var harness = await StripeSyncHarness.CreateAsync(DatabaseProvider.Sqlite, stripe.BaseUri);
        await harness.SyncAsync();
        var (upgrade, _) = PublishUpgradeAndCancellation();
        var payload = upgrade.ToJsonString();

        var outcome = await Receiver(harness).VerifyAsync(harness.SourceId, payload, Sign(payload, DateTimeOffset.UtcNow), default);
        Assert.Equal(StripeWebhookOutcome.Verified, outcome);
        Assert.DoesNotContain("2024-03-12 00:00 price_pro x3 -0 Active", await harness.StatesAsync("sub_A"));

        // What the enqueued job runs (the endpoint test runs it through a job server).
        await harness.Services.GetRequiredService<StripeWebhookJob>().ApplyAsync(harness.SourceId, payload, default);

        Assert.Contains("2024-03-12 00:00 price_pro x3 -0 Active", await harness.StatesAsync("sub_A"));
    }

    [Fact]
    public async Task A_verified_event_that_cannot_be_applied_is_recorded_and_thrown_so_the_job_retries()
    {
        await using var harness = await StripeSyncHarness.CreateAsync(DatabaseProvider.Sqlite, stripe.BaseUri);
        await harness.SyncAsync();
        var (upgrade, _) = PublishUpgradeAndCancellation();
        stripe.Inject(new FakeStripeFault("v1/", FakeStripeFaultKind.ServerError, Times: 20));
        var payload = upgrade.ToJsonString();

        await Assert.ThrowsAnyAsync<Exception>(() => harness.Services.GetRequiredService<StripeWebhookJob>().ApplyAsync(harness.SourceId, payload, default));

        await using var db = harness.Database.CreateContext();
        var error = await db.SyncErrors.SingleAsync(e => e.SourceId == harness.SourceId && e.Kind == "webhooks");
        Assert.Equal(upgrade["id"]!.GetValue<string>(), error.ExternalId);
    }

    [Theory]
    [InlineData("wrong secret")]
    [InlineData("stale")]
    [InlineData("tampered")]
    [InlineData("missing")]
    public async Task A_webhook_with_a_bad_signature_is_rejected_and_changes_nothing(string fault)
    {
        await using var harness = await StripeSyncHarness.CreateAsync(DatabaseProvider.Sqlite, stripe.BaseUri);
        await harness.SyncAsync();
        var before = await harness.SnapshotAsync();
        var (upgrade, _) = PublishUpgradeAndCancellation();
        var payload = upgrade.ToJsonString();
        var header = fault switch
        {
            "wrong secret" => global::Stripe.EventUtility.GenerateSignatureHeader(payload, "whsec_other", DateTimeOffset.UtcNow.ToUnixTimeSeconds()),
            "stale" => Sign(payload, DateTimeOffset.UtcNow.AddMinutes(-6)),
            "tampered" => Sign(payload.Replace("\"quantity\":3", "\"quantity\":30", StringComparison.Ordinal), DateTimeOffset.UtcNow),
            _ => null,
        };

        var outcome = await Receiver(harness).VerifyAsync(harness.SourceId, payload, header, default);

        Assert.Equal(StripeWebhookOutcome.InvalidSignature, outcome);
        Assert.Equal(before, await harness.SnapshotAsync());
    }

    private static StripeWebhookReceiver Receiver(StripeSyncHarness harness) => harness.Services.GetRequiredService<StripeWebhookReceiver>();

    private static string Sign(string payload, DateTimeOffset at) =>
        global::Stripe.EventUtility.GenerateSignatureHeader(payload, StripeSyncHarness.WebhookSecret, at.ToUnixTimeSeconds());

    /// <summary>Alice goes to Pro × 3 on 12 March; Carol cancels at once on 15 March. Returns the two events.</summary>
    private (JsonObject Upgrade, JsonObject Cancel) PublishUpgradeAndCancellation()
    {
        var pro = stripe.Get("price_pro");
        var alice = Subscription("sub_A", "cus_A", "active", StripeScenario.Jan1,
            [Item("si_A1", "sub_A", pro, 3, StripeScenario.Mar1, StripeScenario.Apr1, StripeScenario.Jan1)]);
        var previousItems = new JsonObject
        {
            ["items"] = new JsonObject
            {
                ["data"] = new JsonArray(Item("si_A1", "sub_A", pro, 1, StripeScenario.Mar1, StripeScenario.Apr1, StripeScenario.Jan1)),
            },
        };
        var carol = Subscription("sub_C", "cus_C", "canceled", StripeScenario.Feb1,
            [Item("si_C1", "sub_C", stripe.Get("price_basic"), 1, StripeScenario.Mar1, StripeScenario.Apr1, StripeScenario.Feb1)],
            canceledAt: Mar15, endedAt: Mar15, reason: "cancellation_requested");
        stripe.Put("subscriptions", alice, carol);
        var upgrade = Event("evt_upgrade", "customer.subscription.updated", Mar12, alice, previousItems);
        var cancel = Event("evt_cancel", "customer.subscription.deleted", Mar15, carol);
        stripe.Put("events", upgrade, cancel);
        return (upgrade, cancel);
    }
}
