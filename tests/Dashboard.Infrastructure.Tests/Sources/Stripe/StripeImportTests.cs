using Dashboard.Core.Billing;
using Dashboard.Core.Metrics;
using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Sync;
using Dashboard.Testing.Fakes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Infrastructure.Tests.Sources.Stripe;

public sealed class StripeImportTests : IAsyncLifetime
{
    private FakeStripeServer stripe = null!;

    public async Task InitializeAsync()
    {
        stripe = await FakeStripeServer.StartAsync();
        StripeScenario.Load(stripe);
    }

    public async Task DisposeAsync() => await stripe.DisposeAsync();

    [Fact]
    public async Task A_full_import_stores_the_account_as_computed_by_hand()
    {
        await using var harness = await StripeSyncHarness.CreateAsync(DatabaseProvider.Sqlite, stripe.BaseUri, pageSize: 2);

        var status = await harness.SyncAsync();

        Assert.Equal(SyncState.Succeeded, status.State);
        Assert.Equal(1, status.Errors);
        var expected = """
            plan price_api API calls USD 10 Monthx1 metered=True
            plan price_basic Basic USD 2000 Monthx1 metered=False
            plan price_pro Pro USD 5000 Monthx1 metered=False
            customer cus_A Alice alice@example.com US USD 2024-01-01T00:00:00.0000000+00:00 crm_owner=dana,utm_source=ads
            customer cus_B Bob bob@example.de DE USD 2024-01-10T00:00:00.0000000+00:00 
            customer cus_C Carol carol@example.co.uk GB USD 2024-02-01T00:00:00.0000000+00:00 
            subscription sub_A cus_A start=2024-01-01T00:00:00.0000000+00:00 trial_end= canceled= requested=
              2024-01-01 00:00 price_basic x1 -0 Active
              2024-02-15 00:00 price_pro x1 -0 Active
            subscription sub_B cus_B start=2024-01-10T00:00:00.0000000+00:00 trial_end=2024-01-24T00:00:00.0000000+00:00 canceled=2024-03-24T00:00:00.0000000+00:00 requested=2024-03-01T00:00:00.0000000+00:00
              2024-01-10 00:00 price_basic x2 -0 Trialing
              2024-01-24 00:00 price_basic x2 -1000 Active
            subscription sub_C cus_C start=2024-02-01T00:00:00.0000000+00:00 trial_end= canceled= requested=
              2024-02-01 00:00 price_basic x1 -0 Active
            charge ch_A1 cus_A sub_A 2000 fee=88 USD 2024-01-01T00:00:00.0000000+00:00 Paid Recurring
            charge ch_A2 cus_A sub_A 2000 fee=88 USD 2024-02-01T00:00:00.0000000+00:00 Paid Recurring
            charge ch_A3 cus_A sub_A 1448 fee=72 USD 2024-02-15T00:00:00.0000000+00:00 Paid Recurring
            charge ch_A4 cus_A sub_A 5000 fee=175 USD 2024-03-01T00:00:00.0000000+00:00 Paid Recurring
            charge ch_B1 cus_B sub_B 3000 fee=117 USD 2024-01-24T00:00:00.0000000+00:00 Paid Recurring
            charge ch_B2 cus_B sub_B 3000 fee=0 USD 2024-02-24T00:00:00.0000000+00:00 Failed Recurring
            charge ch_B3 cus_B sub_B 3000 fee=117 USD 2024-02-25T00:00:00.0000000+00:00 Paid Recurring
            charge ch_C1 cus_C sub_C 2000 fee=88 USD 2024-02-01T00:00:00.0000000+00:00 Paid Recurring
            charge ch_C2 cus_C sub_C 2000 fee=88 USD 2024-03-01T00:00:00.0000000+00:00 Paid Recurring
            charge ch_X1 cus_A - 1500 fee=74 USD 2024-02-01T00:08:20.0000000+00:00 Paid OneTime
            charge ch_X2 cus_B - 1000 fee=56 EUR 2024-02-01T00:10:00.0000000+00:00 Paid OneTime
            refund re_A3 ch_A3 500 USD 2024-02-20T00:00:00.0000000+00:00
            error charges ch_G

            """;
        Assert.Equal(expected.ReplaceLineEndings(), await harness.SnapshotAsync());
    }

    /// <summary>
    /// End of January: Alice Basic $20 + Bob Basic × 2 less 25 % = $30 (his trial ended on the 24th) = $50.
    /// End of February: Alice Pro $50 (since the 15th) + Bob $30 + Carol $20 = $100.
    /// End of March and April: Bob ended on 24 March, so Alice $50 + Carol $20 = $70.
    /// New business in February: Carol $20 new, Alice +$30 expansion; churn in March: Bob -$30.
    /// </summary>
    [Fact]
    public async Task The_imported_history_gives_each_past_months_mrr()
    {
        await using var harness = await StripeSyncHarness.CreateAsync(DatabaseProvider.Sqlite, stripe.BaseUri);
        await harness.SyncAsync();

        // The one euro charge (cash, not MRR) needs its day's rate.
        var engine = MetricsEngine.Create(await harness.BillingSnapshotAsync(new FxRate { Date = new DateOnly(2024, 2, 1), Currency = "EUR", Rate = 1.1m }));
        decimal?[] Monthly(string metric) => engine
            .Query(new MetricQuery(metric, new DateOnly(2024, 1, 1), new DateOnly(2024, 4, 30), Interval.Month))
            .Points.Select(p => p.Value).ToArray();

        Assert.Equal([5000m, 10000m, 7000m, 7000m], Monthly("mrr"));
        Assert.Equal([5000m, 2000m, 0m, 0m], Monthly("new_mrr"));
        Assert.Equal([0m, 3000m, 0m, 0m], Monthly("expansion_mrr"));
        Assert.Equal([0m, 0m, -3000m, 0m], Monthly("churned_mrr"));
        Assert.Equal([1000m, 1000m, 0m, 0m], Monthly("discounts_mrr"));
    }

    [Fact]
    public async Task Progress_counts_every_kind_and_checkpoints_end_completed()
    {
        await using var harness = await StripeSyncHarness.CreateAsync(DatabaseProvider.Sqlite, stripe.BaseUri, pageSize: 2);

        var status = await harness.SyncAsync();

        var kinds = status.Kinds.ToDictionary(k => k.Kind);
        Assert.Equal(3, kinds["prices"].Done);
        Assert.Equal(3, kinds["customers"].Done);
        Assert.Equal(3, kinds["subscriptions"].Done);
        Assert.Equal(12, kinds["charges"].Done);
        Assert.All(status.Kinds, k => Assert.True(k.Completed));
        Assert.Equal(status, harness.Services.GetRequiredService<SyncStatusService>().Get(harness.SourceId));
        await using var db = harness.Database.CreateContext();
        var checkpoints = await db.SyncCheckpoints.Where(c => c.SourceId == harness.SourceId).ToListAsync();
        Assert.All(checkpoints, c => Assert.True(c.Completed));
        Assert.All(checkpoints.Where(c => c.Kind != "events"), c => Assert.Null(c.Cursor));
        Assert.NotNull((await db.Sources.SingleAsync(s => s.Id == harness.SourceId)).LastSyncedAt);
    }

    [Fact]
    public async Task Cancellation_details_become_the_customers_cancellation_event_once_however_often_it_syncs()
    {
        await using var harness = await StripeSyncHarness.CreateAsync(DatabaseProvider.Sqlite, stripe.BaseUri, pageSize: 2);

        await harness.SyncAsync();
        await harness.SyncAsync();
        await harness.Services.GetRequiredService<Dashboard.Infrastructure.Sync.SyncCheckpointStore>()
            .ResetAsync(harness.SourceId, Dashboard.Infrastructure.Sources.Stripe.Sync.StripeSynchronizer.FullKinds, default);
        await harness.SyncAsync();

        await using var db = harness.Database.CreateContext();
        var events = await db.CancellationEvents
            .Join(db.Customers, e => e.CustomerId, c => c.Id, (e, c) => new { e, Customer = c.ExternalId })
            .Join(db.CancellationReasons, x => x.e.ReasonId, r => r.Id, (x, r) => new { x.e, x.Customer, r.Text })
            .ToListAsync();
        var only = Assert.Single(events);
        Assert.Equal(("cus_B", "sub_B", "Too expensive", "Too pricey for us", new DateTimeOffset(2024, 3, 1, 0, 0, 0, TimeSpan.Zero)),
            (only.Customer, only.e.SubscriptionExternalIds, only.Text, only.e.Comment, only.e.OccurredAt));
        Assert.Equal(1, await db.CancellationReasons.CountAsync());
    }

    [Fact]
    public async Task The_api_key_is_stored_encrypted()
    {
        await using var harness = await StripeSyncHarness.CreateAsync(DatabaseProvider.Sqlite, stripe.BaseUri);

        await using var db = harness.Database.CreateContext();
        var source = await db.Sources.SingleAsync(s => s.Id == harness.SourceId);
        Assert.Equal(SourceProvider.Stripe, source.Provider);
        Assert.DoesNotContain(FakeStripeServer.ApiKey, source.ProtectedCredentials, StringComparison.Ordinal);
        Assert.DoesNotContain(StripeSyncHarness.WebhookSecret, source.ProtectedCredentials, StringComparison.Ordinal);
    }
}
