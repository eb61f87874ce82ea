using System.Text.Json.Nodes;
using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Sources.Stripe.Webhooks;
using Dashboard.Testing.Fakes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Dashboard.Testing.Fakes.StripeFixtures;
using Sdk = Stripe;

namespace Dashboard.Infrastructure.Tests.Sources.Stripe;

/// <summary>An object naming a customer or charge the store lacks reads it first instead of being refused.</summary>
public sealed class StripeMissingReferenceTests : IAsyncLifetime
{
    private static readonly long Mar5 = T("2024-03-05"), Mar6 = T("2024-03-06");

    private FakeStripeServer stripe = null!;

    public async Task InitializeAsync()
    {
        stripe = await FakeStripeServer.StartAsync();
        StripeScenario.Load(stripe);
    }

    public async Task DisposeAsync() => await stripe.DisposeAsync();

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_full_import_keeps_the_subscription_and_charges_of_a_customer_Stripe_no_longer_lists(DatabaseProvider provider)
    {
        // Stripe answers a deleted customer by id but leaves it out of /v1/customers; its subscription and charge stay listed.
        stripe.Put("deleted_customers", new JsonObject { ["id"] = "cus_Z", ["object"] = "customer", ["deleted"] = true, ["created"] = StripeScenario.Jan1 });
        var basic = stripe.Get("price_basic");
        stripe.Put("subscriptions", Subscription("sub_Z", "cus_Z", "canceled", StripeScenario.Jan1,
            [Item("si_Z", "sub_Z", basic, 1, StripeScenario.Feb1, StripeScenario.Mar1, StripeScenario.Jan1)], canceledAt: Mar5, endedAt: Mar5));
        stripe.Put("charges", Charge("ch_Z", "cus_Z", 2000, StripeScenario.Feb1, paid: true, null, null));
        await using var harness = await StripeSyncHarness.CreateAsync(provider, stripe.BaseUri);

        await harness.SyncAsync();

        await using var db = harness.Database.CreateContext();
        var customer = await db.Customers.SingleAsync(c => c.SourceId == harness.SourceId && c.ExternalId == "cus_Z");
        Assert.NotNull(customer.DeletedAt);
        Assert.Equal(customer.Id, await db.Subscriptions.Where(s => s.ExternalId == "sub_Z").Select(s => s.CustomerId).SingleAsync());
        Assert.Equal(customer.Id, await db.Charges.Where(c => c.ExternalId == "ch_Z").Select(c => c.CustomerId).SingleAsync());
        Assert.False(await db.SyncErrors.AnyAsync(e => e.ExternalId == "sub_Z" || e.ExternalId == "ch_Z"));
    }

    [Fact]
    public async Task A_refund_webhook_arriving_before_its_charge_s_stores_both()
    {
        await using var harness = await StripeSyncHarness.CreateAsync(DatabaseProvider.Sqlite, stripe.BaseUri);
        await harness.SyncAsync();
        stripe.Put("balance_transactions", BalanceTransaction("txn_N", "ch_N", 3000, 117, Mar5));
        stripe.Put("charges", Charge("ch_N", "cus_A", 3000, Mar5, paid: true, "txn_N", null));
        var refund = Refund("re_N", "ch_N", 1200, Mar6);
        stripe.Put("refunds", refund);

        var payload = stripe.WebhookPayload(Event("evt_refund_first", "refund.created", Mar6, refund)).ToJsonString();
        var signature = Sdk.EventUtility.GenerateSignatureHeader(payload, StripeSyncHarness.WebhookSecret, DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        Assert.Equal(StripeWebhookOutcome.Verified,
            await harness.Services.GetRequiredService<StripeWebhookReceiver>().VerifyAsync(harness.SourceId, payload, signature, default));
        await harness.Services.GetRequiredService<StripeWebhookJob>().ApplyAsync(harness.SourceId, payload, default);

        await using var db = harness.Database.CreateContext();
        var charge = await db.Charges.SingleAsync(c => c.SourceId == harness.SourceId && c.ExternalId == "ch_N");
        Assert.Equal((3000L, 117L), (charge.AmountMinor, charge.FeeMinor));
        Assert.Equal((charge.Id, 1200L), await db.Refunds.Where(r => r.ExternalId == "re_N").Select(r => ValueTuple.Create(r.ChargeId, r.AmountMinor)).SingleAsync());
        Assert.False(await db.SyncErrors.AnyAsync(e => e.ExternalId == "re_N"));
    }
}
