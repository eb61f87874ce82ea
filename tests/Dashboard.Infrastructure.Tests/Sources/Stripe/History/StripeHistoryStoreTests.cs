using Dashboard.Infrastructure.Data;
using Dashboard.Testing;
using Dashboard.Testing.Fakes;
using Microsoft.EntityFrameworkCore;
using static Dashboard.Testing.Fakes.StripeFixtures;

namespace Dashboard.Infrastructure.Tests.Sources.Stripe.History;

/// <summary>History rules that end in the store: deleted customers keep their history, a failed refund stops counting.</summary>
public sealed class StripeHistoryStoreTests : IAsyncLifetime
{
    private static readonly long Mar20 = T("2024-03-20");

    private FakeStripeServer stripe = null!;

    public async Task InitializeAsync()
    {
        stripe = await FakeStripeServer.StartAsync();
        StripeScenario.Load(stripe);
    }

    public async Task DisposeAsync() => await stripe.DisposeAsync();

    [Fact]
    public async Task A_deleted_customer_keeps_its_subscriptions_and_charges_marked_deleted()
    {
        await using var harness = await StripeSyncHarness.CreateOnClockAsync(DatabaseProvider.Sqlite, stripe, DayAfterMar20());
        await harness.SyncAsync();
        await using var db = harness.Database.CreateContext();
        var before = (await db.Subscriptions.CountAsync(), await db.Charges.CountAsync(), await db.Refunds.CountAsync());

        stripe.Put("events", Event("evt_deleted", "customer.deleted", Mar20, stripe.Get("cus_C")));
        await harness.SyncAsync();

        db.ChangeTracker.Clear();
        var carol = await db.Customers.SingleAsync(c => c.ExternalId == "cus_C");
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(Mar20), carol.DeletedAt);
        Assert.Equal("Carol", carol.Name);
        Assert.Equal(before, (await db.Subscriptions.CountAsync(), await db.Charges.CountAsync(), await db.Refunds.CountAsync()));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(Mar20), await db.Subscriptions.Where(s => s.ExternalId == "sub_C").Select(s => s.DeletedAt).SingleAsync());
        Assert.Null(await db.Customers.Where(c => c.ExternalId == "cus_A").Select(c => c.DeletedAt).SingleAsync());
    }

    [Fact]
    public async Task A_refund_that_fails_after_it_succeeded_no_longer_counts()
    {
        await using var harness = await StripeSyncHarness.CreateOnClockAsync(DatabaseProvider.Sqlite, stripe, DayAfterMar20());
        await harness.SyncAsync();
        await using var db = harness.Database.CreateContext();
        Assert.True(await db.Refunds.AnyAsync(r => r.ExternalId == "re_A3"));

        var failed = Refund("re_A3", "ch_A3", 500, T("2024-02-20"));
        failed["status"] = "failed";
        stripe.Put("refunds", failed);
        stripe.Put("events", Event("evt_refund_failed", "refund.updated", Mar20, failed));
        await harness.SyncAsync();

        Assert.False(await db.Refunds.AnyAsync(r => r.ExternalId == "re_A3"));
    }

    /// <summary>Syncs run on 21 March, the day after the tests' events: within the 30 days Stripe keeps events.</summary>
    private static FixedTimeProvider DayAfterMar20() => new(DateTimeOffset.FromUnixTimeSeconds(Mar20 + 86_400));
}
