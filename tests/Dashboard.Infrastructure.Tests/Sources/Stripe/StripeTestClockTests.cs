using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Sources.Stripe.Api;
using Dashboard.Infrastructure.Sync;
using Dashboard.Testing.Fakes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Dashboard.Testing.Fakes.StripeFixtures;
using static Dashboard.Testing.Fakes.StripeScenario;
using Sdk = Stripe;

namespace Dashboard.Infrastructure.Tests.Sources.Stripe;

/// <summary>
/// Test clocks (test mode only): their customers and subscriptions are listed only per clock, and the objects on a
/// clock are imported as of the clock's frozen time.
/// </summary>
public sealed class StripeTestClockTests : IAsyncLifetime
{
    private static readonly long Jun1 = T("2024-06-01"), Jun15 = T("2024-06-15"), Jul1 = T("2024-07-01");

    private FakeStripeServer stripe = null!;

    public async Task InitializeAsync()
    {
        stripe = await FakeStripeServer.StartAsync();
        Load(stripe);

        // Tess lives on a clock frozen at 15 June 2024: Basic from 1 June, moved to Pro without proration (no invoice).
        stripe.Put("test_clocks", TestClock("clock_1", "Renewals", Jun15, Jun1 - 100));
        var tess = Customer("cus_T", "tess@example.com", "Tess", "FR", Jun1);
        tess["test_clock"] = "clock_1";
        stripe.Put("customers", tess);
        var subscription = Subscription("sub_T", "cus_T", "active", Jun1, [Item("si_T1", "sub_T", stripe.Get("price_pro"), 1, Jun1, Jul1, Jun1)]);
        subscription["test_clock"] = "clock_1";
        stripe.Put("subscriptions", subscription);
        var invoice = Invoice("in_T1", "cus_T", "sub_T", "paid", Jun1, Jun1, Jun1,
            Line("il_T1", "in_T1", "sub_T", "si_T1", "price_basic", 2000, 1, Jun1, Jul1));
        invoice["test_clock"] = "clock_1";
        stripe.Put("invoices", invoice);
    }

    public async Task DisposeAsync() => await stripe.DisposeAsync();

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_full_sync_imports_the_clocks_customers_and_subscriptions_as_of_the_clocks_time(DatabaseProvider provider)
    {
        await using var harness = await StripeSyncHarness.CreateAsync(provider, stripe.BaseUri, pageSize: 2);

        var status = await harness.SyncAsync();

        Assert.Equal(SyncState.Succeeded, status.State);
        Assert.Empty(stripe.Refusals);
        await using var db = harness.Database.CreateContext();
        var tess = await db.Customers.SingleAsync(c => c.SourceId == harness.SourceId && c.ExternalId == "cus_T");
        Assert.Equal("Tess", tess.Name);
        // The change made without an invoice is dated at the clock's frozen time, not at the wall clock's now.
        Assert.Equal(
            ["2024-06-01 00:00 price_basic x1 -0 Active", "2024-06-15 00:00 price_pro x1 -0 Active"],
            await harness.StatesAsync("sub_T"));
        Assert.True(stripe.RequestCount("v1/test_helpers/test_clocks") >= 1);

        // The account's own customers are all there too, once each.
        Assert.Equal(4, await db.Customers.CountAsync(c => c.SourceId == harness.SourceId));
    }

    [Fact]
    public async Task A_sync_killed_on_a_clocks_list_resumes_to_the_same_store()
    {
        await using var clean = await StripeSyncHarness.CreateAsync(DatabaseProvider.Sqlite, stripe.BaseUri, pageSize: 1);
        await clean.SyncAsync();
        var reference = await clean.SnapshotAsync();

        await using var harness = await StripeSyncHarness.CreateAsync(DatabaseProvider.Sqlite, stripe.BaseUri, pageSize: 1, maxRetries: 1);
        // Subscriptions: three pages of the account's own, then the clock's list fails.
        stripe.Inject(new FakeStripeFault("v1/subscriptions", FakeStripeFaultKind.ServerError, Skip: 3, Times: 1000));
        await Assert.ThrowsAnyAsync<Exception>(() => harness.SyncAsync());
        stripe.ClearFaults();

        var resumed = await harness.SyncAsync();

        Assert.Equal(SyncMode.Resume, resumed.Mode);
        Assert.Equal(reference, await harness.SnapshotAsync());
        Assert.Contains("sub_T", reference, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_live_key_never_asks_for_test_clocks()
    {
        await using var harness = await StripeSyncHarness.CreateAsync(DatabaseProvider.Sqlite, stripe.BaseUri, apiKey: FakeStripeServer.LiveApiKey);

        var status = await harness.SyncAsync();

        Assert.Equal(SyncState.Succeeded, status.State);
        Assert.Empty(stripe.Refusals);
        Assert.Equal(0, stripe.RequestCount("v1/test_helpers/test_clocks"));
        await using var db = harness.Database.CreateContext();
        Assert.False(await db.Customers.AnyAsync(c => c.ExternalId == "cus_T"));
        Assert.Equal(3, await db.Customers.CountAsync(c => c.SourceId == harness.SourceId));
    }

    [Fact]
    public async Task The_fake_hides_clock_objects_unless_asked_and_refuses_clocks_to_a_live_key()
    {
        await using var services = StripeTestServices.Create();
        var api = services.GetRequiredService<IStripeApi>();
        var test = api.Client(new StripeConnection(stripe.BaseUri, FakeStripeServer.ApiKey));
        var live = api.Client(new StripeConnection(stripe.BaseUri, FakeStripeServer.LiveApiKey));

        var all = await test.V1.Customers.ListAsync(new Sdk.CustomerListOptions { Limit = 100 });
        Assert.DoesNotContain(all.Data, c => c.Id == "cus_T");
        var onClock = await test.V1.Customers.ListAsync(new Sdk.CustomerListOptions { TestClock = "clock_1" });
        Assert.Equal(["cus_T"], onClock.Data.Select(c => c.Id));
        var ofCustomer = await test.V1.Subscriptions.ListAsync(new Sdk.SubscriptionListOptions { Customer = "cus_T" });
        Assert.Equal(["sub_T"], ofCustomer.Data.Select(s => s.Id));
        var invoices = await test.V1.Invoices.ListAsync(new Sdk.InvoiceListOptions { Limit = 100 });
        Assert.Contains(invoices.Data, i => i.Id == "in_T1");
        var clock = await test.V1.TestHelpers.TestClocks.GetAsync("clock_1");
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(Jun15).UtcDateTime, clock.FrozenTime);

        var refused = await Assert.ThrowsAsync<Sdk.StripeException>(() =>
            live.V1.Customers.ListAsync(new Sdk.CustomerListOptions { TestClock = "clock_1" }));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, refused.HttpStatusCode);
        Assert.Equal(("resource_missing", "test_clock"), (refused.StripeError.Code, refused.StripeError.Param));
        Assert.Empty(await api.TestClocksAsync(new StripeConnection(stripe.BaseUri, FakeStripeServer.LiveApiKey), default));
        await Assert.ThrowsAsync<Sdk.StripeException>(() => live.V1.TestHelpers.TestClocks.ListAsync());
    }
}
