using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Sources.Stripe.Api;
using Dashboard.Infrastructure.Sync;
using Dashboard.Testing;
using Dashboard.Testing.Fakes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Dashboard.Testing.Fakes.StripeFixtures;
using Sdk = Stripe;

namespace Dashboard.Infrastructure.Tests.Sources.Stripe;

/// <summary>
/// Objects Stripe deleted: a paused sync whose cursor object is gone resumes from its time checkpoint, and a full
/// import finds a deleted customer's subscriptions and charges and keeps the customer, marked deleted.
/// </summary>
public sealed class StripeDeletedObjectTests : IAsyncLifetime
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
    public async Task The_fake_answers_a_missing_starting_after_object_as_Stripe_does()
    {
        await using var services = StripeTestServices.Create();
        var client = services.GetRequiredService<IStripeApi>().Client(new StripeConnection(stripe.BaseUri, FakeStripeServer.ApiKey));
        stripe.DeleteCustomer("cus_C");

        var missing = await Assert.ThrowsAsync<Sdk.StripeException>(() =>
            client.V1.Customers.ListAsync(new Sdk.CustomerListOptions { StartingAfter = "cus_C" }));

        Assert.Equal(System.Net.HttpStatusCode.NotFound, missing.HttpStatusCode);
        Assert.Equal(("invalid_request_error", "resource_missing", "starting_after"), (missing.StripeError.Type, missing.StripeError.Code, missing.StripeError.Param));
        Assert.Equal("No such customer: 'cus_C'", missing.StripeError.Message);
        Assert.True((await client.V1.Customers.GetAsync("cus_C")).Deleted);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_paused_sync_whose_cursor_customer_was_deleted_resumes_and_loses_nothing(DatabaseProvider provider)
    {
        // The import runs on 21 March, the day after Carol's deletion: its event is within the 30 days Stripe keeps.
        var clock = new FixedTimeProvider(DateTimeOffset.FromUnixTimeSeconds(Mar20 + 86_400));
        await using var harness = await StripeSyncHarness.CreateOnClockAsync(provider, stripe, clock, pageSize: 1, maxRetries: 1);
        // The customers pass stops after its first page: its checkpoint is Carol, the newest customer.
        stripe.Inject(new FakeStripeFault("v1/customers", FakeStripeFaultKind.ServerError, Skip: 1, Times: 1000));
        await Assert.ThrowsAnyAsync<Exception>(() => harness.SyncAsync());
        stripe.ClearFaults();
        await using (var db = harness.Database.CreateContext())
        {
            var checkpoint = await db.SyncCheckpoints.SingleAsync(c => c.SourceId == harness.SourceId && c.Kind == "customers");
            Assert.Contains("cus_C", checkpoint.Cursor, StringComparison.Ordinal);
        }

        CancelAndDeleteCarol();
        var first = await harness.SyncAsync();
        var second = await harness.SyncAsync();

        Assert.Equal(SyncMode.Resume, first.Mode);
        Assert.Equal(SyncState.Succeeded, first.State);
        Assert.Equal(SyncMode.Incremental, second.Mode);
        await using var reference = await StripeSyncHarness.CreateOnClockAsync(provider, stripe, clock);
        await reference.SyncAsync();
        // Carol's own line differs only in the details a fresh import cannot know (Stripe answers her as deleted).
        Assert.Equal(WithoutCarolsLine(await reference.SnapshotAsync()), WithoutCarolsLine(await harness.SnapshotAsync()));
        await using var check = harness.Database.CreateContext();
        Assert.Equal(3, await check.Customers.CountAsync(c => c.SourceId == harness.SourceId));
        var carol = await check.Customers.SingleAsync(c => c.SourceId == harness.SourceId && c.ExternalId == "cus_C");
        Assert.Equal(("Carol", DateTimeOffset.FromUnixTimeSeconds(Mar20)), (carol.Name, carol.DeletedAt));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_full_import_into_an_empty_store_brings_back_a_deleted_customers_subscriptions_and_charges(DatabaseProvider provider)
    {
        await using var live = await StripeSyncHarness.CreateAsync(provider, stripe.BaseUri);
        await live.SyncAsync();
        var before = await live.SnapshotAsync();
        CancelAndDeleteCarol();

        await using var harness = await StripeSyncHarness.CreateAsync(provider, stripe.BaseUri);
        var status = await harness.SyncAsync();

        Assert.Equal(SyncState.Succeeded, status.State);
        await using var db = harness.Database.CreateContext();
        var carol = await db.Customers.SingleAsync(c => c.SourceId == harness.SourceId && c.ExternalId == "cus_C");
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(Mar20), carol.DeletedAt);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(StripeScenario.Feb1), carol.CreatedAt);
        var subscription = await db.Subscriptions.SingleAsync(s => s.SourceId == harness.SourceId && s.ExternalId == "sub_C");
        Assert.Equal(carol.Id, subscription.CustomerId);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(Mar20), subscription.DeletedAt);
        Assert.Equal("2024-02-01 00:00 price_basic x1 -0 Active", (await harness.StatesAsync("sub_C"))[0]);
        Assert.Equal(["ch_C1", "ch_C2"], await db.Charges.Where(c => c.CustomerId == carol.Id).Select(c => c.ExternalId).OrderBy(id => id).ToListAsync());
        Assert.False(await db.SyncErrors.AnyAsync(e => e.SourceId == harness.SourceId && e.ExternalId.EndsWith("_C")));

        // Everyone else is exactly as the import before the deletion stored them.
        Assert.Equal(WithoutCarol(before), WithoutCarol(await harness.SnapshotAsync()));
    }

    /// <summary>The snapshot without Carol's rows (a subscription's state lines go with it).</summary>
    private static List<string> WithoutCarol(string snapshot)
    {
        var kept = new List<string>();
        var skipping = false;
        foreach (var line in snapshot.Split('\n'))
        {
            if (!line.StartsWith("  ", StringComparison.Ordinal))
            {
                skipping = line.Contains("cus_C", StringComparison.Ordinal) || line.Contains("sub_C", StringComparison.Ordinal);
            }

            if (!skipping)
            {
                kept.Add(line);
            }
        }

        return kept;
    }

    private static string[] WithoutCarolsLine(string snapshot) =>
        snapshot.Split('\n').Where(l => !l.StartsWith("customer cus_C ", StringComparison.Ordinal)).ToArray();

    /// <summary>
    /// Carol is deleted on 20 March: Stripe cancels her subscription at once, drops her from the customers list and
    /// records a customer.deleted event.
    /// </summary>
    private void CancelAndDeleteCarol()
    {
        stripe.Put("events", Event("evt_carol_deleted", "customer.deleted", Mar20, stripe.Get("cus_C")));
        var subscription = stripe.Get("sub_C").DeepClone().AsObject();
        subscription["status"] = "canceled";
        subscription["canceled_at"] = Mar20;
        subscription["ended_at"] = Mar20;
        stripe.Put("subscriptions", subscription);
        stripe.DeleteCustomer("cus_C");
    }
}
