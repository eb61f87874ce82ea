using System.Xml.Linq;
using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Sync;
using Dashboard.Testing;
using Dashboard.Testing.Fakes.Braintree;
using Microsoft.EntityFrameworkCore;
using static Dashboard.Testing.Fakes.Braintree.BraintreeScenario;
using static Dashboard.Testing.Fakes.Braintree.BraintreeXmlBuilder;

namespace Dashboard.Infrastructure.Tests.Sources.Braintree;

public sealed class BraintreeSyncTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Syncing_again_or_from_scratch_leaves_the_same_store(DatabaseProvider provider)
    {
        await using var braintree = await FakeBraintreeServer.StartAsync(Create());
        await using var harness = await BraintreeSyncHarness.CreateAsync(provider, braintree.BaseUri);

        var first = await harness.SyncAsync();
        var stored = await harness.SnapshotAsync();
        var second = await harness.SyncAsync();
        Assert.Equal((SyncMode.Full, SyncMode.Incremental), (first.Mode, second.Mode));
        Assert.Equal(stored, await harness.SnapshotAsync());

        await using (var db = harness.Database.CreateContext())
        {
            await db.SyncCheckpoints.Where(c => c.SourceId == harness.SourceId).ExecuteDeleteAsync();
        }

        var again = await harness.SyncAsync();
        Assert.Equal(SyncMode.Full, again.Mode);
        Assert.Equal(stored, await harness.SnapshotAsync());
        await using var check = harness.Database.CreateContext();
        Assert.Equal(3, await check.SubscriptionStates.CountAsync(s => check.Subscriptions.Any(x => x.Id == s.SubscriptionId && x.ExternalId == "sub_b")));
    }

    /// <summary>
    /// Synced on 6 March, synced again on 1 May: new objects come from the created_at windows after the checkpoint,
    /// and Bob's cancellation, Eve's expiry and Dave's sub_f, canceled while still pending (so removed), from
    /// re-fetching open subscriptions.
    /// </summary>
    [Fact]
    public async Task An_incremental_sync_sees_new_objects_and_changes_to_open_subscriptions()
    {
        var clock = new FixedTimeProvider(At(3, 6));
        await using var braintree = await FakeBraintreeServer.StartAsync(Create(asOf: clock.Now));
        await using var harness = await BraintreeSyncHarness.CreateAsync(DatabaseProvider.Sqlite, braintree.BaseUri, time: clock);
        await harness.SyncAsync();
        var early = await harness.SnapshotAsync();

        clock.Now = At(5, 1);
        braintree.Data = Create();
        var later = await harness.SyncAsync();

        Assert.Equal(SyncMode.Incremental, later.Mode);
        Assert.Contains("subscription sub_b cus_b start=2024-01-10 00:00 trial_end=2024-01-24 canceled= requested=", early, StringComparison.Ordinal);
        Assert.Contains("subscription sub_f cus_d start=2024-05-01 00:00 trial_end= canceled= requested=", early, StringComparison.Ordinal);
        Assert.DoesNotContain("sub_f", await harness.SnapshotAsync(), StringComparison.Ordinal);
        await using var full = await BraintreeSyncHarness.CreateAsync(DatabaseProvider.Sqlite, braintree.BaseUri, time: clock);
        await full.SyncAsync();
        Assert.Equal(await full.SnapshotAsync(), await harness.SnapshotAsync());
        Assert.Equal([5000m, 12000m, 11000m, 12000m], await harness.MonthlyAsync("mrr"));
    }

    [Fact]
    public async Task Searches_with_more_than_fifty_results_are_fetched_fifty_ids_at_a_time()
    {
        var data = Create();
        for (var i = 0; i < 120; i++)
        {
            data.Put("customers", Customer($"bulk_{i:000}", "Bulk", i.ToString("000", System.Globalization.CultureInfo.InvariantCulture), null, At(1, 5).AddMinutes(i)));
        }

        await using var braintree = await FakeBraintreeServer.StartAsync(data);
        await using var harness = await BraintreeSyncHarness.CreateAsync(DatabaseProvider.Sqlite, braintree.BaseUri, o =>
        {
            o.WriteBatchSize = 100;
            o.MaxIdsPerWindow = 5000;
        });

        var status = await harness.SyncAsync();

        Assert.Equal(SyncState.Succeeded, status.State);
        await using var db = harness.Database.CreateContext();
        Assert.Equal(125, await db.Customers.CountAsync());
        Assert.Equal(FakeBraintreeServer.SearchPageLimit, braintree.LargestSearchPage);
        Assert.Equal(125, status.Kinds.Single(k => k.Kind == "customers").Done);
    }

    [Fact]
    public async Task A_429_and_a_503_during_a_sync_change_nothing()
    {
        await using var braintree = await FakeBraintreeServer.StartAsync(Create());
        await using var clean = await BraintreeSyncHarness.CreateAsync(DatabaseProvider.Sqlite, braintree.BaseUri);
        await clean.SyncAsync();
        var reference = await clean.SnapshotAsync();
        var cleanRequests = braintree.TotalRequests;
        await using var harness = await BraintreeSyncHarness.CreateAsync(DatabaseProvider.Sqlite, braintree.BaseUri);
        braintree.Inject(new FakeBraintreeFault("customers/advanced_search_ids", FakeBraintreeFaultKind.TooManyRequests, Skip: 1, RetryAfterSeconds: 1));
        braintree.Inject(new FakeBraintreeFault("transactions/advanced_search", FakeBraintreeFaultKind.ServiceUnavailable, Skip: 1, Times: 2));

        var status = await harness.SyncAsync();

        Assert.Equal(SyncState.Succeeded, status.State);
        Assert.Equal(reference, await harness.SnapshotAsync());
        Assert.Equal(cleanRequests + 3, braintree.TotalRequests - cleanRequests);
    }

    [Fact]
    public async Task A_malformed_page_stops_the_sync_naming_the_element_and_the_next_sync_resumes()
    {
        await using var braintree = await FakeBraintreeServer.StartAsync(Create());
        await using var harness = await BraintreeSyncHarness.CreateAsync(DatabaseProvider.Sqlite, braintree.BaseUri);
        braintree.Inject(new FakeBraintreeFault("subscriptions/advanced_search", FakeBraintreeFaultKind.MalformedXml, Skip: 1));

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => harness.SyncAsync());
        Assert.Contains("first-name", failure.Message, StringComparison.Ordinal);
        var resumed = await harness.SyncAsync();

        Assert.Equal(SyncMode.Resume, resumed.Mode);
        Assert.Equal(SyncState.Succeeded, resumed.State);
        await using var db = harness.Database.CreateContext();
        Assert.Equal(5, await db.Subscriptions.CountAsync());
    }

    [Fact]
    public async Task An_object_with_a_bad_value_is_recorded_naming_the_element_and_the_rest_is_imported()
    {
        var data = Create();
        var broken = Customer("cus_bad", "Bad", "Date", null, At(1, 3));
        data.Put("customers", broken);
        broken.Element("created-at")!.Value = "not a date";
        await using var braintree = await FakeBraintreeServer.StartAsync(data);
        await using var harness = await BraintreeSyncHarness.CreateAsync(DatabaseProvider.Sqlite, braintree.BaseUri);

        var status = await harness.SyncAsync();

        Assert.Equal(SyncState.Succeeded, status.State);
        Assert.Equal(1, status.Errors);
        await using var db = harness.Database.CreateContext();
        var error = await db.SyncErrors.SingleAsync();
        Assert.Equal(("customers", "cus_bad", "Element 'customers/customer/created-at' holds 'not a date', which is not a valid datetime."), (error.Kind, error.ExternalId, error.Message));
        Assert.Equal(5, await db.Customers.CountAsync());
    }

    /// <summary>
    /// A merchant billing in USD and EUR: a subscription on the EUR merchant account of a USD plan gets an EUR variant
    /// of the plan at its own price; its transactions are in EUR, also one that states no currency (its account's).
    /// </summary>
    [Fact]
    public async Task A_multi_currency_merchant_stores_each_object_in_its_merchant_accounts_currency()
    {
        var data = Create();
        data.Put("customers", Customer("cus_m", "Marie", "Martin", "marie@example.fr", At(1, 2), "FR", token: "tok_m"));
        var sale = Transaction("t_m1", "sale", "settled", 18.00m, "EUR", "acme_eur", "cus_m", "sub_m", At(1, 2), serviceFee: 0.36m);
        var oneTime = Transaction("t_m2", "sale", "settled", 1234.56m, "EUR", "acme_eur", "cus_m", null, At(1, 3));
        oneTime.Element("currency-iso-code")!.Remove();
        data.Put("transactions", sale);
        data.Put("transactions", oneTime);
        data.Put("subscriptions", new XElement("subscription",
            Text("id", "sub_m"), Money("balance", 0m), Date("first-billing-date", new DateOnly(2024, 1, 2)), Text("merchant-account-id", "acme_eur"),
            Boolean("never-expires", true), Integer("number-of-billing-cycles", null), Text("payment-method-token", "tok_m"), Text("plan-id", "basic"),
            Money("price", 18.00m), Text("status", "Active"), Boolean("trial-period", false), DateTime("created-at", At(1, 2)),
            Array("add-ons", [Modification("add-on", "seats", "Extra seats", 4.50m, quantity: 1)]), Array("discounts", []),
            Array("status-history", [StatusEvent(At(1, 2), "Active", 18.00m, 0m, "basic", "EUR")]),
            Array("transactions", [new XElement(sale)])));
        await using var braintree = await FakeBraintreeServer.StartAsync(data);
        await using var harness = await BraintreeSyncHarness.CreateAsync(DatabaseProvider.Sqlite, braintree.BaseUri);

        var status = await harness.SyncAsync();

        Assert.Equal(0, status.Errors);
        var snapshot = await harness.SnapshotAsync();
        Assert.Contains("plan basic:EUR:1800 Basic (EUR 18.00) EUR 1800 Monthx1 trial=", snapshot, StringComparison.Ordinal);
        Assert.Contains("subscription sub_m cus_m start=2024-01-02 00:00", snapshot, StringComparison.Ordinal);
        Assert.Contains("  2024-01-02 00:00 basic:EUR:1800 x1 -0 Active +seats:450x1", snapshot, StringComparison.Ordinal);
        Assert.Contains("charge t_m1 cus_m sub_m 1800 fee=36 EUR 2024-01-02 00:00 Paid Recurring", snapshot, StringComparison.Ordinal);
        Assert.Contains("charge t_m2 cus_m - 123456 fee=0 EUR 2024-01-03 00:00 Paid OneTime", snapshot, StringComparison.Ordinal);
        Assert.Contains("plan basic Basic USD 2000 Monthx1 trial=", snapshot, StringComparison.Ordinal);
    }
}
