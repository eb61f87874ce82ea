using Dashboard.Infrastructure.Tests.Sources.Braintree;
using Dashboard.Core.Billing;
using Dashboard.Core.Metrics;
using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Metrics;
using Dashboard.Infrastructure.Sources.Stripe.Webhooks;
using Dashboard.Infrastructure.Sync;
using Dashboard.Testing;
using Dashboard.Testing.Fakes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Sdk = Stripe;

namespace Dashboard.Infrastructure.Tests.Sources.Stripe;

/// <summary>
/// The golden Stripe account (StripeGoldenAccount), its numbers worked out by hand, in US cents (USD is the reporting
/// currency; the one euro customer is converted at the 1.10 rate the tests store for every day, as metrics.md says: MRR
/// at the rate of the day its state took effect, cash at the charge's day), at the end of each month January to June
/// 2024. MRR per customer (a dash: no MRR):
/// <code>
///                  Jan    Feb    Mar    Apr    May    Jun
/// cus_up          2000   2000   5000   5000   5000   5000   Basic, Pro from 15 Mar (expansion +3000)
/// cus_down        5000   5000   5000   2000   2000   2000   Pro, Basic from 1 Apr (contraction -3000)
/// cus_seats          -   3000   3000   5000   5000   4000   3 seats, 5 from 16 Apr (+2000), 4 from 1 Jun (-1000)
/// cus_once           -      -   2500   5000   5000   5000   50 % off once (new 2500, expansion +2500)
/// cus_rep         1500   1500   1500   2000   2000   2000   $5 off 3 months (expansion +500 in Apr)
/// cus_forever        -   4500   4500   4500   4500   4500   10 % off for ever
/// cus_free           -      -      -      -      -      -   100 % off: never MRR
/// cus_annual         -  10000  10000  10000  10000  10000   $1,200 / year
/// cus_weekly      6500   6500   6500   6500   6500   6500   $15 / week x 52 / 12
/// cus_meter       2000   2000   2000   2000   2000   2000   licensed only, usage is cash
/// cus_refund         -      -   2000   2000   2000   2000
/// cus_credit      5000   5000   5000   5000   5000   5000
/// cus_dunning     5000   5000   5000   5000   5000   5000   churn 1 May 10:00 (-5000), reactivation 10 May (+5000)
/// cus_pastdue     2000   2000   2000   2000      -      -   churn 1 May 10:00 (-2000)
/// cus_trial          -   5000   5000   5000   5000   5000   trial 1-15 Feb, new at 15 Feb
/// cus_gift        2000   2000   2000      -   2000   2000   free April: churn -2000 in Apr, reactivation +2000 in May
/// cus_gone        2000   2000   2000      -      -      -   deleted 15 Apr (churn -2000)
/// cus_noinv      10000  10000  10000  10000  10000  20000   second seat 10 Jun, no invoice (expansion +10000)
/// cus_undo        2000   2000   2000   2000   2000   2000   cancellation withdrawn
/// cus_pause       5000   5000   5000   5000   5000      -   collection paused in June (churn -5000)
/// cus_flex           -   4000   4000   4000   4000   4000   2000 monthly + 24000 yearly
/// cus_dispute        -      -   5000   5000   5000   5000
/// cus_refail      2000   2000   2000   2000   2000   2000
/// cus_prorate        -      -      -   4000   4000   4000   Pro at 20 % off from 16 Apr
/// cus_churn       2000   2000      -      -      -      -   canceled 15 Mar (churn -2000)
/// cus_grad           -   6000   6000   8600   8600   8600   graduated: 2000 flat + 4 x 1000; 7 seats from 16 Apr:
///                                                           2000 + 5 x 1000 + 2 x 800 = 8600 (expansion +2600)
/// cus_volume         -      -   7200   7200  10500  10500   volume: 8 x 900; 15 seats from 1 May: 15 x 700 (+3300)
/// cus_euro        3960   3960   3960   7920   7920   7920   EUR 36.00 (currency_options) x 1.10; 2 seats from 16 Apr:
///                                                           EUR 72.00 x 1.10 = 7920 (expansion +3960)
/// cus_vat            -      -   4500   4500   4500   4500   6000 incl. 20 % VAT - 600 (10 %) = 5400 - 900 VAT = 4500
/// cus_decimal        -  10000  10000  15000  15000  15000   300 x 33.3333 = 9999.99 -> 10000; 450 from 16 Apr:
///                                                           14999.985 -> 15000 (expansion +5000; per unit 33 x 450 = 14850)
/// cus_draft          -      -   5000   5000   5000  12000   graduated 2000 + 3 x 1000; 28 Jun not invoiced yet, 12 seats
///                                                           from the tiers: 2000 + 5000 + 4000 + 2 x 500 = 12000 (+7000)
/// total          57960 100460 127660 141220 144520 155520
/// </code>
/// Movements: January all new (16 customers, 54000 + euro 3960 = 57960); February new 42500 (seats 3000 + forever 4500 +
/// annual 10000 + trial 5000 + flex 4000 + grad 6000 + decimal 10000); March new 26200 (once 2500 + refund 2000 +
/// dispute 5000 + volume 7200 + vat 4500 + draft 5000), expansion 3000, churn -2000; April new 4000, expansion 16560
/// (2000 + 2500 + 500 + grad 2600 + euro 3960 + decimal 5000), contraction -3000, churn -4000 (gift, gone); May
/// expansion 3300 (volume), churn -7000 (dunning, pastdue) and reactivation 7000 (dunning, gift); June expansion 17000
/// (noinv 10000 + draft 7000), contraction -1000, churn -5000.
/// <para>
/// Cash by charge day, per customer (Jan..Jun): up 2000, 2000, 3645 (2000 + the 1645 proration), 5000 x3; down 5000 x3,
/// 2000 x3; seats -, 3000, 3000, 4000 (3000 + 1000 proration), 5000, 4000; once -, -, 2500, 5000 x3; rep 1500 x3, 2000
/// x3; forever -, 4500 x5; annual -, 120000; weekly 7500, 6000, 6000, 7500, 6000, 6000; meter 2000, 2300, 2500, 2200,
/// 2400, 2100; refund -, -, 2000 x4; credit 5000 x6; dunning 5000 x3, -, 10000, 5000; pastdue 2000 x3; trial -, 5000 x5;
/// gift 2000 x3, -, 2000, 2000; gone 2000 x4; noinv 120000; undo 2000 x6; pause 5000 x6; flex -, 26000, 2000 x4;
/// dispute -, -, 5000 x4; refail 2000 x6; prorate -, -, -, 2000, 4000, 4000; churn 2000 x3; grad -, 6000, 6000, 7300
/// (6000 + 4300 - 3000 proration), 8600, 8600; volume -, -, 7200, 7200, 10500, 10500; euro 3960 x3 (EUR 36 x 1.10), 5940
/// (3960 + EUR 18 proration = 1980), 7920, 7920; vat -, -, 5400 x4 (the VAT is in the charge); decimal -, 10000, 10000,
/// 12500 (10000 + 7500 - 5000), 15000, 15000; draft -, -, 5000 x3, - (June's invoice is a draft).
/// Gross: Jan 168960 (165000 + 3960), Feb 222260 (202300 + 19960), Mar 107205 (69645 + 37560), Apr 107540 (64200 +
/// 43340), May 128320 (75900 + 52420), Jun 117020 (69600 + 47420). Refunds: Feb 1000 (credit note paid out of
/// band), Mar 700 (credit note refunded through Stripe, counted once), Apr 500 (partial refund); the refund that failed
/// counts nothing. Disputes: Jun 5000 (withdrawn 20 May, lost 10 Jun: the day it was lost, within the 30 days of events Stripe keeps, so a full import dates it as the webhooks do). Failed charges: Apr 2 (dunning, pastdue: 7000), May 2
/// (7000), Jun 1 (pastdue: 2000).
/// </para>
/// </summary>
public sealed class StripeGoldenTests : IAsyncLifetime
{
    private static readonly (string Metric, decimal[] Values)[] Expected =
    [
        ("mrr", [57960, 100460, 127660, 141220, 144520, 155520]),
        ("new_mrr", [57960, 42500, 26200, 4000, 0, 0]),
        ("expansion_mrr", [0, 0, 3000, 16560, 3300, 17000]),
        ("contraction_mrr", [0, 0, 0, -3000, 0, -1000]),
        ("churned_mrr", [0, 0, -2000, -4000, -7000, -5000]),
        ("reactivation_mrr", [0, 0, 0, 0, 7000, 0]),
        ("active_customers", [16, 23, 28, 27, 27, 26]),
        ("gross_revenue", [168960, 222260, 107205, 107540, 128320, 117020]),
        ("refunds", [0, 1000, 700, 500, 0, 0]),
        ("disputes", [0, 0, 0, 0, 0, 5000]),
        ("net_revenue", [168960, 221260, 106505, 107040, 128320, 112020]),
        ("failed_charges", [0, 0, 0, 2, 2, 1]),
        ("failed_charge_amount", [0, 0, 0, 7000, 7000, 2000]),
    ];

    private FakeStripeServer stripe = null!;
    private StripeGoldenAccount account = null!;

    public async Task InitializeAsync()
    {
        stripe = await FakeStripeServer.StartAsync();
        account = StripeGoldenAccount.Load(stripe);
    }

    public async Task DisposeAsync() => await stripe.DisposeAsync();

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_full_sync_and_every_re_sync_give_the_hand_computed_numbers(DatabaseProvider provider)
    {
        await using var harness = await CreateAsync(provider, pageSize: 7);

        var status = await harness.SyncAsync();

        Assert.Empty(await ErrorsAsync(harness));
        Assert.Equal((SyncState.Succeeded, 0), (status.State, status.Errors));
        Assert.Empty(stripe.Refusals);
        await AssertGoldenAsync(harness);
        // With no event to date it, the change made without an invoice takes effect when the sync saw it, not on 15 January.
        Assert.Equal(["2024-01-15 00:00 price_annual x1 -0 Active", "2024-06-28 12:00 price_annual x2 -0 Active"], await harness.StatesAsync("sub_noinv"));
        var store = await harness.SnapshotAsync();

        var again = await harness.SyncAsync();
        Assert.Equal(SyncMode.Incremental, again.Mode);
        Assert.Equal(store, await harness.SnapshotAsync());

        await using (var db = harness.Database.CreateContext())
        {
            await db.SyncCheckpoints.Where(c => c.SourceId == harness.SourceId).ExecuteDeleteAsync();
        }

        var reimport = await harness.SyncAsync();
        Assert.Equal((SyncMode.Full, SyncState.Succeeded), (reimport.Mode, reimport.State));
        Assert.Equal(store, await harness.SnapshotAsync());
        await AssertGoldenAsync(harness);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(9)]
    [InlineData(30)]
    [InlineData(60)]
    [InlineData(120)]
    [InlineData(200)]
    public async Task A_sync_killed_part_way_resumes_to_the_same_numbers(int objectsDone)
    {
        await using var harness = await CreateAsync(DatabaseProvider.Sqlite, pageSize: 3);
        using var kill = new CancellationTokenSource();
        var statuses = harness.Services.GetRequiredService<SyncStatusService>();
        var seen = 0;
        using (statuses.Subscribe(new StatusObserver(s =>
        {
            if (s.State == SyncState.Running && s.Kinds.Sum(k => k.Done) >= objectsDone && Interlocked.Increment(ref seen) == 1)
            {
                kill.Cancel();
            }
        })))
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => harness.SyncAsync(kill.Token));
        }

        var resumed = await harness.SyncAsync();

        Assert.Equal((SyncMode.Resume, SyncState.Succeeded), (resumed.Mode, resumed.State));
        Assert.Empty(await ErrorsAsync(harness));
        await AssertGoldenAsync(harness);
    }

    [Theory]
    [InlineData("v1/customers", 2)]
    [InlineData("v1/subscriptions", 3)]
    [InlineData("v1/charges", 10)]
    [InlineData("v1/disputes", 0)]
    public async Task A_sync_failing_mid_list_resumes_to_the_same_numbers(string list, int goodPages)
    {
        await using var harness = await CreateAsync(DatabaseProvider.Sqlite, pageSize: 4, maxRetries: 1);
        stripe.Inject(new FakeStripeFault(list, FakeStripeFaultKind.ServerError, Skip: goodPages, Times: 1000));

        await Assert.ThrowsAnyAsync<Exception>(() => harness.SyncAsync());
        stripe.ClearFaults();
        var resumed = await harness.SyncAsync();

        Assert.Equal((SyncMode.Resume, SyncState.Succeeded), (resumed.Mode, resumed.State));
        await AssertGoldenAsync(harness);
    }

    /// <summary>
    /// No sync at all: the whole history arrives as signed webhooks, shuffled, a third of them delivered twice. Each is
    /// verified and recorded, then applied by the webhook job; one that fails is retried after the others, as Hangfire
    /// retries a failed job.
    /// </summary>
    [Theory]
    [InlineData(DatabaseProvider.Sqlite, 1)]
    [InlineData(DatabaseProvider.Sqlite, 20240628)]
    [InlineData(DatabaseProvider.Sqlite, 77)]
    [InlineData(DatabaseProvider.PostgreSql, 5)]
    public async Task The_history_delivered_only_as_shuffled_duplicated_webhooks_gives_the_same_numbers(DatabaseProvider provider, int seed)
    {
        await using var harness = await CreateAsync(provider);
        var random = new Random(seed);
        var deliveries = account.Events.Concat(account.Events.Where((_, i) => i % 3 == 0))
            .Select(e => stripe.WebhookPayload(e).ToJsonString())
            .OrderBy(_ => random.Next())
            .ToList();
        var receiver = harness.Services.GetRequiredService<StripeWebhookReceiver>();
        var job = harness.Services.GetRequiredService<StripeWebhookJob>();

        var failed = new List<string>();
        foreach (var payload in deliveries)
        {
            Assert.Equal(StripeWebhookOutcome.Verified, await receiver.VerifyAsync(harness.SourceId, payload, Sign(payload), default));
            await RunJobAsync(job, harness.SourceId, payload, failed);
        }

        for (var retry = 0; retry < 5 && failed.Count > 0; retry++)
        {
            var again = failed.ToList();
            failed.Clear();
            foreach (var payload in again)
            {
                await RunJobAsync(job, harness.SourceId, payload, failed);
            }
        }

        Assert.Empty(failed);
        Assert.Empty(stripe.Refusals);
        Assert.Empty(await ErrorsAsync(harness));
        // The change made without an invoice is dated by its customer.subscription.updated event, whatever the order.
        var noInvoice = await harness.StatesAsync("sub_noinv");
        Assert.Equal("2024-01-15 00:00 price_annual x1 -0 Active", noInvoice[0]);
        Assert.Equal("2024-06-10 00:00 price_annual x2 -0 Active", noInvoice[1]);
        await AssertGoldenAsync(harness);
    }

    private static async Task RunJobAsync(StripeWebhookJob job, long sourceId, string payload, List<string> failed)
    {
        try
        {
            await job.ApplyAsync(sourceId, payload, default);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            failed.Add(payload);
        }
    }

    /// <summary>A harness at <see cref="StripeGoldenAccount.Now"/>, with the euro's rate stored for every day of the history.</summary>
    private async Task<StripeSyncHarness> CreateAsync(DatabaseProvider provider, int pageSize = 100, int maxRetries = 3)
    {
        var harness = await StripeSyncHarness.CreateOnClockAsync(provider, stripe, new FixedTimeProvider(StripeGoldenAccount.Now), pageSize, maxRetries);
        await using var db = harness.Database.CreateContext();
        for (var day = new DateOnly(2024, 1, 1); day <= new DateOnly(2024, 6, 30); day = day.AddDays(1))
        {
            db.FxRates.Add(new FxRate { Date = day, Currency = "EUR", Rate = StripeGoldenAccount.EurRate });
        }

        await db.SaveChangesAsync();
        return harness;
    }

    /// <summary>Every expected series, read through the engine host the API and pages query, built afresh from the store.</summary>
    private static async Task AssertGoldenAsync(StripeSyncHarness harness)
    {
        var host = new MetricsEngineHost(harness.Database.CreateFactory(), new MetricSettingsReader(new ConfigurationBuilder().Build()),
            NullLogger<MetricsEngineHost>.Instance, new FixedTimeProvider(StripeGoldenAccount.Now));
        var engine = await host.GetEngineAsync();
        var mismatches = new List<string>();
        foreach (var (metric, values) in Expected)
        {
            var got = engine.Query(new MetricQuery(metric, new DateOnly(2024, 1, 1), new DateOnly(2024, 6, 30), Interval.Month))
                .Points.Select(p => p.Value ?? 0m).ToArray();
            if (!got.SequenceEqual(values))
            {
                mismatches.Add($"{metric}: expected [{string.Join(", ", values)}], got [{string.Join(", ", got)}]");
            }
        }

        Assert.True(mismatches.Count == 0, string.Join(Environment.NewLine, mismatches));
    }

    /// <summary>Every object the store could not take, as "kind id: message".</summary>
    private static async Task<List<string>> ErrorsAsync(StripeSyncHarness harness)
    {
        await using var db = harness.Database.CreateContext();
        return await db.SyncErrors.Where(e => e.SourceId == harness.SourceId).OrderBy(e => e.Id)
            .Select(e => e.Kind + " " + e.ExternalId + ": " + e.Message).ToListAsync();
    }

    private static string Sign(string payload) =>
        Sdk.EventUtility.GenerateSignatureHeader(payload, StripeSyncHarness.WebhookSecret, StripeGoldenAccount.Now.ToUnixTimeSeconds());
}
