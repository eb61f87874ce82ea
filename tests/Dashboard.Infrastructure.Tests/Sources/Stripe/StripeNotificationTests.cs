using System.Net;
using System.Text.Json.Nodes;
using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Sources.Stripe.Api;
using Dashboard.Infrastructure.Sources.Stripe.Events;
using Dashboard.Infrastructure.Sources.Stripe.Webhooks;
using Dashboard.Testing;
using Dashboard.Testing.Fakes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Dashboard.Testing.Fakes.StripeFixtures;
using Sdk = Stripe;

namespace Dashboard.Infrastructure.Tests.Sources.Stripe;

/// <summary>
/// Events and webhooks are notifications: each event id is applied once, an event older than what the store holds for
/// its object is not applied, the object is read again in the pinned version (events render it in the account's older
/// version), and the fake refuses what the pinned version refuses.
/// </summary>
public sealed class StripeNotificationTests : IAsyncLifetime
{
    private static readonly long Mar12 = T("2024-03-12"), Mar15 = T("2024-03-15");

    private FakeStripeServer stripe = null!;

    public async Task InitializeAsync()
    {
        stripe = await FakeStripeServer.StartAsync();
        StripeScenario.Load(stripe);
    }

    public async Task DisposeAsync() => await stripe.DisposeAsync();

    [Fact]
    public async Task An_older_subscription_update_arriving_after_its_deletion_does_not_bring_MRR_back()
    {
        await using var harness = await StripeSyncHarness.CreateAsync(DatabaseProvider.Sqlite, stripe.BaseUri);
        await harness.SyncAsync();
        var basic = stripe.Get("price_basic");
        var active = Subscription("sub_C", "cus_C", "active", StripeScenario.Feb1,
            [Item("si_C1", "sub_C", basic, 2, StripeScenario.Mar1, StripeScenario.Apr1, StripeScenario.Feb1)]);
        var canceled = Subscription("sub_C", "cus_C", "canceled", StripeScenario.Feb1,
            [Item("si_C1", "sub_C", basic, 1, StripeScenario.Mar1, StripeScenario.Apr1, StripeScenario.Feb1)],
            canceledAt: Mar15, endedAt: Mar15, reason: "cancellation_requested");
        stripe.Put("subscriptions", canceled);
        var deleted = Event("evt_deleted", "customer.subscription.deleted", Mar15, canceled);
        var olderUpdate = Event("evt_update", "customer.subscription.updated", Mar12, active,
            new JsonObject { ["items"] = new JsonObject { ["data"] = new JsonArray(Item("si_C1", "sub_C", basic, 1, StripeScenario.Mar1, StripeScenario.Apr1, StripeScenario.Feb1)) } });

        await DeliverAsync(harness, deleted);
        var afterDeletion = await harness.StatesAsync("sub_C");
        // Stripe retries the update (it failed earlier): it now arrives after the deletion.
        stripe.Put("subscriptions", canceled);
        await DeliverAsync(harness, olderUpdate);

        await using var db = harness.Database.CreateContext();
        var carol = await db.Subscriptions.SingleAsync(s => s.ExternalId == "sub_C");
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(Mar15), carol.CanceledAt);
        Assert.Equal(afterDeletion, await harness.StatesAsync("sub_C"));
        Assert.DoesNotContain(afterDeletion, s => s.Contains("x2", StringComparison.Ordinal));
        var records = await db.Set<StripeEventRecord>().Where(e => e.SourceId == harness.SourceId).ToDictionaryAsync(e => e.EventId, e => e.Status);
        Assert.Equal(StripeEventStatus.Applied, records["evt_deleted"]);
        Assert.Equal(StripeEventStatus.Superseded, records["evt_update"]);
    }

    [Fact]
    public async Task The_same_signed_request_twice_is_recorded_at_once_and_applied_once()
    {
        await using var harness = await StripeSyncHarness.CreateAsync(DatabaseProvider.Sqlite, stripe.BaseUri);
        await harness.SyncAsync();
        var before = await harness.SnapshotAsync();
        var pro = stripe.Get("price_pro");
        var alice = Subscription("sub_A", "cus_A", "active", StripeScenario.Jan1,
            [Item("si_A1", "sub_A", pro, 3, StripeScenario.Mar1, StripeScenario.Apr1, StripeScenario.Jan1)]);
        stripe.Put("subscriptions", alice);
        var payload = stripe.WebhookPayload(Event("evt_upgrade", "customer.subscription.updated", Mar12, alice,
            new JsonObject { ["items"] = new JsonObject { ["data"] = new JsonArray() } })).ToJsonString();
        var signature = Sign(payload);
        var receiver = harness.Services.GetRequiredService<StripeWebhookReceiver>();
        var reads = stripe.RequestCount("v1/subscriptions/sub_A");

        // Verification answers at once: the event is recorded as pending, Stripe is not called, the store is unchanged.
        Assert.Equal(StripeWebhookOutcome.Verified, await receiver.VerifyAsync(harness.SourceId, payload, signature, default));
        Assert.Equal(StripeWebhookOutcome.Verified, await receiver.VerifyAsync(harness.SourceId, payload, signature, default));
        Assert.Equal(StripeEventStatus.Pending, await StatusAsync(harness, "evt_upgrade"));
        Assert.Equal(reads, stripe.RequestCount("v1/subscriptions/sub_A"));
        Assert.Equal(before, await harness.SnapshotAsync());

        var job = harness.Services.GetRequiredService<StripeWebhookJob>();
        await job.ApplyAsync(harness.SourceId, payload, default);
        await job.ApplyAsync(harness.SourceId, payload, default);

        Assert.Equal(reads + 1, stripe.RequestCount("v1/subscriptions/sub_A"));
        Assert.Contains("2024-03-12 00:00 price_pro x3 -0 Active", await harness.StatesAsync("sub_A"));
        await using var db = harness.Database.CreateContext();
        var record = await db.Set<StripeEventRecord>().SingleAsync(e => e.SourceId == harness.SourceId && e.EventId == "evt_upgrade");
        Assert.Equal((StripeEventStatus.Applied, 1, StripeEventLedger.ViaWebhook), (record.Status, record.Attempts, record.Via));
    }

    [Fact]
    public async Task An_invoice_event_in_the_account_s_older_version_is_applied_from_the_invoice_read_again()
    {
        await using var harness = await StripeSyncHarness.CreateAsync(DatabaseProvider.Sqlite, stripe.BaseUri);
        await harness.SyncAsync();
        var payload = stripe.WebhookPayload(Event("evt_invoice", "invoice.paid", Mar12, stripe.Get("in_A4")));
        Assert.Equal("sub_A", (string?)payload["data"]!["object"]!["subscription"]);
        Assert.Null(payload["data"]!["object"]!["parent"]);
        var reads = stripe.RequestCount("v1/subscriptions/sub_A");

        await harness.Services.GetRequiredService<StripeWebhookJob>().ApplyAsync(harness.SourceId, payload.ToJsonString(), default);

        Assert.Equal(reads + 1, stripe.RequestCount("v1/subscriptions/sub_A"));
        Assert.Equal(StripeEventStatus.Applied, await StatusAsync(harness, "evt_invoice"));
    }

    [Fact]
    public async Task The_strict_fake_refuses_an_expand_and_a_parameter_the_pinned_version_does_not_know()
    {
        using var http = new HttpClient { BaseAddress = stripe.BaseUri };
        http.DefaultRequestHeaders.Authorization = new("Bearer", FakeStripeServer.ApiKey);

        using var badExpand = await http.GetAsync("v1/invoices?expand[]=data.subscription");
        using var badParameter = await http.GetAsync("v1/subscriptions?colour=red");
        using var good = await http.GetAsync("v1/subscriptions?status=all&expand[0]=data.discounts.source.coupon");

        Assert.Equal(HttpStatusCode.BadRequest, badExpand.StatusCode);
        var error = JsonNode.Parse(await badExpand.Content.ReadAsStringAsync())!["error"]!;
        Assert.Equal(("invalid_request_error", "expand"), ((string?)error["type"], (string?)error["param"]));
        Assert.Contains("subscription", (string?)error["message"], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, badParameter.StatusCode);
        Assert.Equal("colour", (string?)JsonNode.Parse(await badParameter.Content.ReadAsStringAsync())!["error"]!["param"]);
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);

        // Through Stripe.net the refusal is a StripeException naming the parameter, and it is not retried.
        await using var services = StripeTestServices.Create();
        var client = services.GetRequiredService<IStripeApi>().Client(new StripeConnection(stripe.BaseUri, FakeStripeServer.ApiKey));
        var before = stripe.RequestCount("v1/invoices/in_A4");
        var refused = await Assert.ThrowsAsync<Sdk.StripeException>(() =>
            client.V1.Invoices.GetAsync("in_A4", new Sdk.InvoiceGetOptions { Expand = ["subscription"] }, null, default));
        Assert.Equal((HttpStatusCode.BadRequest, "expand"), (refused.HttpStatusCode, refused.StripeError?.Param));
        Assert.Equal(before + 1, stripe.RequestCount("v1/invoices/in_A4"));
    }

    [Fact]
    public async Task A_full_import_and_an_events_sync_send_nothing_the_pinned_version_refuses()
    {
        // A day after the events below, so Stripe still keeps them and the events sync applies every one.
        var clock = new FixedTimeProvider(DateTimeOffset.FromUnixTimeSeconds(Mar12 + 86_400));
        await using var harness = await StripeSyncHarness.CreateOnClockAsync(DatabaseProvider.Sqlite, stripe, clock, pageSize: 2);
        await harness.SyncAsync();
        stripe.Put("events",
            Event("evt_inv", "invoice.paid", Mar12, stripe.Get("in_A4")),
            Event("evt_charge", "charge.refunded", Mar12 + 1, stripe.Get("ch_A3")),
            Event("evt_price", "product.updated", Mar12 + 2, stripe.Get("prod_pro")),
            Event("evt_note", "credit_note.created", Mar12 + 3, CreditNote("cn_X", "cus_A", "in_A4", 100, Mar12)));
        stripe.Put("credit_notes", CreditNote("cn_X", "cus_A", "in_A4", 100, Mar12));

        await harness.SyncAsync();

        Assert.Empty(stripe.Refusals);
        Assert.True(stripe.TotalRequests > 20);
        Assert.DoesNotContain("error events", await harness.SnapshotAsync(), StringComparison.Ordinal);
        await using var db = harness.Database.CreateContext();
        var cursor = await db.SyncCheckpoints.SingleAsync(c => c.SourceId == harness.SourceId && c.Kind == "events");
        Assert.Equal("evt_note", cursor.Cursor); // the events sync read and applied all four
    }

    [Fact]
    public async Task Lists_hide_test_clock_objects_unless_asked_for_their_clock()
    {
        var clocked = Customer("cus_clock", "clock@example.com", "Clocked", "US", StripeScenario.Jan1);
        clocked["test_clock"] = "clock_1";
        stripe.Put("customers", clocked);
        using var http = new HttpClient { BaseAddress = stripe.BaseUri };
        http.DefaultRequestHeaders.Authorization = new("Bearer", FakeStripeServer.ApiKey);

        var all = JsonNode.Parse(await http.GetStringAsync("v1/customers?limit=100"))!["data"]!.AsArray();
        var onClock = JsonNode.Parse(await http.GetStringAsync("v1/customers?limit=100&test_clock=clock_1"))!["data"]!.AsArray();

        Assert.DoesNotContain(all, c => (string?)c!["id"] == "cus_clock");
        Assert.Equal(["cus_clock"], onClock.Select(c => (string?)c!["id"]));
    }

    private async Task DeliverAsync(StripeSyncHarness harness, JsonObject stripeEvent)
    {
        var payload = stripe.WebhookPayload(stripeEvent).ToJsonString();
        var receiver = harness.Services.GetRequiredService<StripeWebhookReceiver>();
        Assert.Equal(StripeWebhookOutcome.Verified, await receiver.VerifyAsync(harness.SourceId, payload, Sign(payload), default));
        await harness.Services.GetRequiredService<StripeWebhookJob>().ApplyAsync(harness.SourceId, payload, default);
    }

    private static async Task<StripeEventStatus> StatusAsync(StripeSyncHarness harness, string eventId)
    {
        await using var db = harness.Database.CreateContext();
        return await db.Set<StripeEventRecord>().Where(e => e.SourceId == harness.SourceId && e.EventId == eventId).Select(e => e.Status).SingleAsync();
    }

    private static string Sign(string payload) =>
        Sdk.EventUtility.GenerateSignatureHeader(payload, StripeSyncHarness.WebhookSecret, DateTimeOffset.UtcNow.ToUnixTimeSeconds());
}
