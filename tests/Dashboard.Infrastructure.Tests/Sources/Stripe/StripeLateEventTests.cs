using System.Text.Json.Nodes;
using Dashboard.Infrastructure.Data;
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
/// An event older than one already applied for its object (delivered late, or its job retried after a newer one ran)
/// still gives what only it tells, while the object's state always comes from Stripe's current object: the order of
/// arrival does not change the result. Every harness runs on the same stopped clock: a change nothing dates is dated
/// when the sync or job saw it (<see cref="Now"/>), so two stores built on the wall clock a minute apart would differ.
/// </summary>
public sealed class StripeLateEventTests : IAsyncLifetime
{
    private static readonly long Mar12 = T("2024-03-12"), Mar15 = T("2024-03-15");

    /// <summary>When the syncs and webhook jobs run: after both events, so they arrive late.</summary>
    private static readonly DateTimeOffset Now = new(2024, 3, 26, 9, 30, 0, TimeSpan.Zero);

    private FakeStripeServer stripe = null!;

    public async Task InitializeAsync()
    {
        stripe = await FakeStripeServer.StartAsync();
        StripeScenario.Load(stripe);
    }

    public async Task DisposeAsync() => await stripe.DisposeAsync();

    [Fact]
    public async Task An_items_change_without_invoice_is_dated_by_its_event_whichever_order_the_events_arrive_in()
    {
        // The full import already sees the new items (dated when it saw them, Now); both events come after it.
        var (itemsChange, laterUpdate) = UpgradeWithoutInvoice();

        var inOrder = await StatesAfterAsync(itemsChange, laterUpdate);
        var reversed = await StatesAfterAsync(laterUpdate, itemsChange);

        Assert.Contains("2024-03-12 00:00 price_pro x3 -0 Active", inOrder);
        Assert.Equal(inOrder, reversed);
    }

    [Fact]
    public async Task An_items_change_whose_job_failed_once_is_dated_by_its_event_when_retried_after_a_newer_update()
    {
        await using var harness = await HarnessAsync();
        await harness.SyncAsync();
        var (itemsChange, laterUpdate) = UpgradeWithoutInvoice();
        var job = harness.Services.GetRequiredService<StripeWebhookJob>();

        stripe.Inject(new FakeStripeFault("v1/subscriptions/sub_A", FakeStripeFaultKind.ServerError, Times: 1000));
        await Assert.ThrowsAnyAsync<Exception>(() => DeliverAsync(harness, itemsChange));
        stripe.ClearFaults();
        await DeliverAsync(harness, laterUpdate);
        await job.ApplyAsync(harness.SourceId, stripe.WebhookPayload(itemsChange).ToJsonString(), default);

        Assert.Contains("2024-03-12 00:00 price_pro x3 -0 Active", await harness.StatesAsync("sub_A"));
        Assert.Equal(StripeEventStatus.Superseded, await StatusAsync(harness, "evt_items"));
    }

    [Fact]
    public async Task A_newer_items_change_is_not_backdated_by_an_older_one_arriving_late()
    {
        await using var harness = await HarnessAsync();
        await harness.SyncAsync();
        var pro = stripe.Get("price_pro");
        var alice = Subscription("sub_A", "cus_A", "active", StripeScenario.Jan1,
            [Item("si_A1", "sub_A", pro, 4, StripeScenario.Mar1, StripeScenario.Apr1, StripeScenario.Jan1)]);
        stripe.Put("subscriptions", alice);
        var first = Event("evt_x3", "customer.subscription.updated", Mar12, alice, ItemsBefore(pro, 1));
        var second = Event("evt_x4", "customer.subscription.updated", Mar15, alice, ItemsBefore(pro, 3));

        await DeliverAsync(harness, second);
        await DeliverAsync(harness, first);

        var states = await harness.StatesAsync("sub_A");
        Assert.Contains("2024-03-15 00:00 price_pro x4 -0 Active", states);
        Assert.DoesNotContain(states, s => s.StartsWith("2024-03-12", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_late_invoice_paid_still_links_its_charge_to_the_subscription()
    {
        await using var harness = await HarnessAsync();
        await harness.SyncAsync();
        var invoice = Invoice("in_A5", "cus_A", "sub_A", "paid", Mar12, Mar12, Mar12,
            Line("il_A5", "in_A5", "sub_A", "si_A1", "price_pro", 5000, 1, StripeScenario.Mar1, StripeScenario.Apr1));
        stripe.Put("invoices", invoice);
        stripe.Put("invoice_payments", InvoicePayment("inpay_in_A5", "in_A5", "pi_A5", 5000, Mar12));
        stripe.Put("payment_intents", PaymentIntent("pi_A5", "ch_A5", 5000, Mar12));
        stripe.Put("balance_transactions", BalanceTransaction("txn_ch_A5", "ch_A5", 5000, 175, Mar12));
        var charge = Charge("ch_A5", "cus_A", 5000, Mar12, paid: true, "txn_ch_A5", "pi_A5");
        stripe.Put("charges", charge);

        // The charge arrives first (nothing links it yet), then a newer invoice.updated, then the older invoice.paid.
        await DeliverAsync(harness, Event("evt_charge", "charge.succeeded", Mar12, charge));
        await DeliverAsync(harness, Event("evt_inv_updated", "invoice.updated", Mar15, invoice));
        await DeliverAsync(harness, Event("evt_inv_paid", "invoice.paid", Mar12 + 1, invoice));

        Assert.Contains("charge ch_A5 cus_A sub_A 5000", await harness.SnapshotAsync(), StringComparison.Ordinal);
        Assert.Equal(StripeEventStatus.Superseded, await StatusAsync(harness, "evt_inv_paid"));
    }

    /// <summary>sub_A moves to price_pro x3 without an invoice at Mar12 (items changed); a metadata update follows at Mar15.</summary>
    private (JsonObject ItemsChange, JsonObject LaterUpdate) UpgradeWithoutInvoice()
    {
        var pro = stripe.Get("price_pro");
        var alice = Subscription("sub_A", "cus_A", "active", StripeScenario.Jan1,
            [Item("si_A1", "sub_A", pro, 3, StripeScenario.Mar1, StripeScenario.Apr1, StripeScenario.Jan1)]);
        stripe.Put("subscriptions", alice);
        return (Event("evt_items", "customer.subscription.updated", Mar12, alice, ItemsBefore(pro, 1)),
            Event("evt_metadata", "customer.subscription.updated", Mar15, alice, new JsonObject { ["metadata"] = new JsonObject() }));
    }

    private static JsonObject ItemsBefore(JsonObject price, int quantity) => new()
    {
        ["items"] = new JsonObject
        {
            ["data"] = new JsonArray(Item("si_A1", "sub_A", price, quantity, StripeScenario.Mar1, StripeScenario.Apr1, StripeScenario.Jan1)),
        },
    };

    /// <summary>A fresh store and source whose syncs, webhook checks and jobs all read the clock stopped at <see cref="Now"/>.</summary>
    private Task<StripeSyncHarness> HarnessAsync() =>
        StripeSyncHarness.CreateOnClockAsync(DatabaseProvider.Sqlite, stripe, new FixedTimeProvider(Now));

    private async Task<List<string>> StatesAfterAsync(params JsonObject[] events)
    {
        await using var harness = await HarnessAsync();
        await harness.SyncAsync();
        foreach (var stripeEvent in events)
        {
            await DeliverAsync(harness, stripeEvent);
        }

        return await harness.StatesAsync("sub_A");
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

    /// <summary>Signed as Stripe would sign it at the harness's time (the receiver checks the timestamp against its clock).</summary>
    private static string Sign(string payload) =>
        Sdk.EventUtility.GenerateSignatureHeader(payload, StripeSyncHarness.WebhookSecret, Now.ToUnixTimeSeconds());
}
