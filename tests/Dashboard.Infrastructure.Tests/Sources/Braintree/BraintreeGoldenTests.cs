using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Sources.Braintree.Sync;
using Dashboard.Infrastructure.Sync;
using Dashboard.Testing.Fakes.Braintree;
using Microsoft.Extensions.DependencyInjection;
using static Dashboard.Testing.Fakes.Braintree.BraintreeScenario;

namespace Dashboard.Infrastructure.Tests.Sources.Braintree;

/// <summary>
/// The golden merchant (BraintreeScenario), worked out by hand, month ends January to April 2024:
/// <list type="bullet">
/// <item>Alice (sub_a): Basic $20 from Jan 1, Pro $50 from Feb 15 (expansion +$30).</item>
/// <item>Bob (sub_b): Basic at an overridden $30 + 2 seats at $5 - a $10 launch discount for 2 cycles; 14-day trial
/// to Jan 24, so $30 from Jan 24; the discount ends after 2 cycles on Mar 24: $40 (expansion +$10); past due from
/// Mar 24 (still counted), canceled Apr 10 (churn -$40).</item>
/// <item>Carol (sub_c): Annual $240 every 12 months from Feb 1 = $20 MRR (new).</item>
/// <item>Eve (sub_e): Basic $20 from Feb 10 for one cycle, Expired Mar 10 (new +$20, churn -$20).</item>
/// <item>Dave (sub_d): Pro $50 created Mar 5 as Pending, first billed Apr 1 (new +$50 in April); sub_f was
/// canceled while pending, so it never counts.</item>
/// </list>
/// MRR: Jan 20+30 = $50; Feb 50+30+20+20 = $120; Mar 50+40+20 = $110; Apr 50+20+50 = $120.
/// Cash by charge day: Jan t_a1 20 + t_b1 30 = $50 (fee $0.59 on t_a1); Feb t_a2 20 + t_a3 30 + t_b2 30 + t_c1 240
/// + t_e1 20 = $340 (fee $2.40 on t_c1), refund t_e1r $20 on Feb 20; Mar t_a4 50 + one-time t_x1 15 = $65, its
/// chargeback lost ($15 on Mar 28), t_b3 $40 declined; Apr t_a5 50 + t_d1 50 = $100, t_d0 $50 declined. The voided
/// t_x2 and the merely authorized t_x3 are no money.
/// </summary>
public sealed class BraintreeGoldenTests : IAsyncLifetime
{
    private const string ExpectedStore = """
        plan annual Annual USD 24000 Monthx12 trial=
        plan basic Basic USD 2000 Monthx1 trial=
        plan basic:USD:3000 Basic (USD 30.00) USD 3000 Monthx1 trial=
        plan pro Pro USD 5000 Monthx1 trial=
        customer cus_a Alice Archer alice@example.com US 2024-01-01 00:00 crm_owner=dana
        customer cus_b Bob Baker bob@example.de DE 2024-01-10 00:00 
        customer cus_c Carol Chen carol@example.co.uk GB 2024-02-01 00:00 
        customer cus_d Dave Dunn dave@example.com US 2024-03-05 00:00 
        customer cus_e Eve Evans eve@example.fr FR 2024-02-10 00:00 
        subscription sub_a cus_a start=2024-01-01 00:00 trial_end= canceled= requested=
          2024-01-01 00:00 basic x1 -0 Active
          2024-02-15 00:00 pro x1 -0 Active
        subscription sub_b cus_b start=2024-01-10 00:00 trial_end=2024-01-24 canceled=2024-04-10 00:00 requested=2024-04-10
          2024-01-10 00:00 basic:USD:3000 x1 -1000 Active +seats:500x2
          2024-03-24 00:00 basic:USD:3000 x1 -0 Active +seats:500x2
          2024-03-24 06:00 basic:USD:3000 x1 -0 PastDue +seats:500x2
        subscription sub_c cus_c start=2024-02-01 00:00 trial_end= canceled= requested=
          2024-02-01 00:00 annual x1 -0 Active
        subscription sub_d cus_d start=2024-04-01 00:00 trial_end= canceled= requested=
          2024-04-01 00:00 pro x1 -0 Active
        subscription sub_e cus_e start=2024-02-10 00:00 trial_end= canceled=2024-03-10 00:00 requested=
          2024-02-10 00:00 basic x1 -0 Active
        charge t_a1 cus_a sub_a 2000 fee=59 USD 2024-01-01 00:00 Paid Recurring
        charge t_a2 cus_a sub_a 2000 fee=0 USD 2024-02-01 00:00 Paid Recurring
        charge t_a3 cus_a sub_a 3000 fee=0 USD 2024-02-15 00:00 Paid Recurring
        charge t_a4 cus_a sub_a 5000 fee=0 USD 2024-03-01 00:00 Paid Recurring
        charge t_a5 cus_a sub_a 5000 fee=0 USD 2024-04-01 00:00 Paid Recurring
        charge t_b1 cus_b sub_b 3000 fee=0 USD 2024-01-24 00:00 Paid Recurring
        charge t_b2 cus_b sub_b 3000 fee=0 USD 2024-02-24 00:00 Paid Recurring
        charge t_b3 cus_b sub_b 4000 fee=0 USD 2024-03-24 05:00 Failed Recurring
        charge t_c1 cus_c sub_c 24000 fee=240 USD 2024-02-01 00:00 Paid Recurring
        charge t_d0 cus_d sub_d 5000 fee=0 USD 2024-04-01 00:00 Failed Recurring
        charge t_d1 cus_d sub_d 5000 fee=0 USD 2024-04-01 06:00 Paid Recurring
        charge t_e1 cus_e sub_e 2000 fee=0 USD 2024-02-10 00:00 Paid Recurring
        charge t_x1 cus_a - 1500 fee=0 USD 2024-03-15 00:00 Paid OneTime
        refund dp_x1 t_x1 1500 USD 2024-03-28 00:00
        refund t_e1r t_e1 2000 USD 2024-02-20 00:00

        """;

    private FakeBraintreeServer braintree = null!;

    public async Task InitializeAsync() => braintree = await FakeBraintreeServer.StartAsync(Create());

    public async Task DisposeAsync() => await braintree.DisposeAsync();

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_full_sync_gives_the_hand_computed_store_and_metrics(DatabaseProvider provider)
    {
        await using var harness = await BraintreeSyncHarness.CreateAsync(provider, braintree.BaseUri);

        var status = await harness.SyncAsync();

        Assert.Equal(SyncState.Succeeded, status.State);
        Assert.Equal(0, status.Errors);
        Assert.Equal(ExpectedStore.ReplaceLineEndings(), await harness.SnapshotAsync());
        await AssertGoldenMetricsAsync(harness);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(7)]
    [InlineData(12)]
    [InlineData(18)]
    [InlineData(25)]
    public async Task A_sync_killed_part_way_resumes_to_the_same_store_and_metrics(int progressUnits)
    {
        await using var harness = await BraintreeSyncHarness.CreateAsync(DatabaseProvider.Sqlite, braintree.BaseUri, o =>
        {
            o.SearchPageSize = 2;
            o.WriteBatchSize = 2;
            o.FetchConcurrency = 1;
        });
        using var kill = new CancellationTokenSource();
        var statuses = harness.Services.GetRequiredService<SyncStatusService>();
        var seen = 0;
        using (statuses.Subscribe(new StatusObserver(s =>
        {
            if (s.State == SyncState.Running && s.Kinds.Sum(k => k.Done) >= progressUnits && Interlocked.Increment(ref seen) == 1)
            {
                kill.Cancel();
            }
        })))
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => harness.SyncAsync(kill.Token));
        }

        var resumed = await harness.SyncAsync();

        Assert.NotEqual(SyncMode.Incremental, resumed.Mode);
        Assert.Equal(SyncState.Succeeded, resumed.State);
        Assert.Equal(ExpectedStore.ReplaceLineEndings(), await harness.SnapshotAsync());
        await AssertGoldenMetricsAsync(harness);
    }

    /// <summary>
    /// The merchant as it stood on 1 March at noon is synced; everything after arrives only as webhook notifications
    /// (each re-fetches its object), and the store ends exactly as after a full sync of April's account.
    /// </summary>
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Notifications_after_an_early_sync_bring_the_store_to_the_same_numbers(DatabaseProvider provider)
    {
        braintree.Data = Create(asOf: At(3, 1, 12));
        await using var harness = await BraintreeSyncHarness.CreateAsync(provider, braintree.BaseUri);
        await harness.SyncAsync();
        Assert.Equal([5000m, 12000m, 13000m, 13000m], await harness.MonthlyAsync("mrr"));

        braintree.Data = Create();
        var notifications = new (string Kind, string Id, DateTimeOffset At)[]
        {
            ("subscription_expired", "sub_e", At(3, 10)),
            ("dispute_lost", "t_x1", At(3, 28)),
            ("subscription_canceled", "sub_f", At(3, 20)),
            ("subscription_charged_unsuccessfully", "sub_b", At(3, 24, 5)),
            ("subscription_went_past_due", "sub_b", At(3, 24, 6)),
            ("subscription_went_active", "sub_d", At(4, 1, 6)),
            ("subscription_charged_successfully", "sub_a", At(4, 1)),
            ("subscription_canceled", "sub_b", At(4, 10)),
        };
        foreach (var (kind, id, at) in notifications)
        {
            Assert.Equal(BraintreeNotificationOutcome.Applied, await harness.Notifications.ApplyAsync(harness.SourceId, kind, id, at, default));
        }

        // Braintree retries deliveries: the same notification again, or an older one for the same object, changes nothing.
        var requests = braintree.TotalRequests;
        Assert.Equal(BraintreeNotificationOutcome.Duplicate, await harness.Notifications.ApplyAsync(harness.SourceId, "subscription_canceled", "sub_b", At(4, 10), default));
        Assert.Equal(BraintreeNotificationOutcome.Duplicate, await harness.Notifications.ApplyAsync(harness.SourceId, "subscription_went_past_due", "sub_b", At(3, 24, 6), default));
        Assert.Equal(BraintreeNotificationOutcome.Ignored, await harness.Notifications.ApplyAsync(harness.SourceId, "check", "", At(4, 10), default));
        Assert.Equal(requests, braintree.TotalRequests);

        Assert.Equal(ExpectedStore.ReplaceLineEndings(), await harness.SnapshotAsync());
        await AssertGoldenMetricsAsync(harness);
    }

    private static async Task AssertGoldenMetricsAsync(BraintreeSyncHarness harness)
    {
        Assert.Equal([5000m, 12000m, 11000m, 12000m], await harness.MonthlyAsync("mrr"));
        Assert.Equal([5000m, 4000m, 0m, 5000m], await harness.MonthlyAsync("new_mrr"));
        Assert.Equal([0m, 3000m, 1000m, 0m], await harness.MonthlyAsync("expansion_mrr"));
        Assert.Equal([0m, 0m, -2000m, -4000m], await harness.MonthlyAsync("churned_mrr"));
        Assert.Equal([1000m, 1000m, 0m, 0m], await harness.MonthlyAsync("discounts_mrr"));
        Assert.Equal([5000m, 34000m, 6500m, 10000m], await harness.MonthlyAsync("gross_revenue"));
        Assert.Equal([0m, 2000m, 1500m, 0m], await harness.MonthlyAsync("refunds"));
        Assert.Equal([5000m, 32000m, 5000m, 10000m], await harness.MonthlyAsync("net_revenue"));
        Assert.Equal([59m, 240m, 0m, 0m], await harness.MonthlyAsync("fees"));
        Assert.Equal([0m, 0m, 1500m, 0m], await harness.MonthlyAsync("other_revenue"));
        Assert.Equal([0m, 0m, 1m, 1m], await harness.MonthlyAsync("failed_charges"));
        Assert.Equal([0m, 0m, 4000m, 5000m], await harness.MonthlyAsync("failed_charge_amount"));
    }
}

internal sealed class StatusObserver(Action<SyncStatus> next) : IObserver<SyncStatus>
{
    public void OnCompleted()
    {
    }

    public void OnError(Exception error)
    {
    }

    public void OnNext(SyncStatus value) => next(value);
}
