using Dashboard.Core.Billing;
using Dashboard.Core.Metrics;
using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Sync;
using Dashboard.Testing;
using Dashboard.Testing.Fakes;
using Microsoft.EntityFrameworkCore;
using static Dashboard.Testing.Fakes.StripeFixtures;
using static Dashboard.Testing.Fakes.StripeScenario;

namespace Dashboard.Infrastructure.Tests.Sources.Stripe;

/// <summary>
/// Disputes on the scenario's March charges (Alice's $50 ch_A4 and Carol's $20 ch_C2, both on Mar 1): a lost dispute
/// is a dispute of its charge dated the day it was lost (its charge.dispute.closed event; when only a full import saw
/// it, when its funds left the account); a won or open one is not stored.
/// </summary>
public sealed class StripeDisputeTests : IAsyncLifetime
{
    private static readonly long Mar5 = T("2024-03-05"), Mar6 = T("2024-03-06"), Mar12 = T("2024-03-12"), Mar20 = T("2024-03-20");
    private static readonly long Apr10 = T("2024-04-10"), Apr11 = T("2024-04-11");

    private FakeStripeServer stripe = null!;

    public async Task InitializeAsync()
    {
        stripe = await FakeStripeServer.StartAsync();
        Load(stripe);
    }

    public async Task DisposeAsync() => await stripe.DisposeAsync();

    /// <summary>
    /// Alice's dispute was opened on Mar 5 (an inquiry, no funds moved), its $50 withdrawn on Mar 12, and lost; Carol's
    /// $20 was withdrawn on Mar 6 and reinstated on Mar 20 (won); a third dispute still needs a response. By hand:
    /// March gross $70, refunds $0, disputes $50 (all on Mar 12), net $20; Mar 6 and Mar 20 move nothing.
    /// </summary>
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_lost_dispute_lowers_net_revenue_by_its_amount_on_the_day_its_funds_left_and_a_won_one_does_not(DatabaseProvider provider)
    {
        stripe.Put("disputes",
            Dispute("dp_lost", "ch_A4", 5000, Mar5, "lost", (Mar12, -5000)),
            Dispute("dp_won", "ch_C2", 2000, Mar6, "won", (Mar6, -2000), (Mar20, 2000)),
            Dispute("dp_open", "ch_C2", 2000, Mar20, "needs_response", (Mar20, -2000)));
        await using var harness = await StripeSyncHarness.CreateAsync(provider, stripe.BaseUri, pageSize: 1);

        var status = await harness.SyncAsync();

        Assert.Equal(SyncState.Succeeded, status.State);
        Assert.Equal(3, status.Kinds.Single(k => k.Kind == "disputes").Done);
        Assert.Empty(stripe.Refusals);
        Assert.True(stripe.RequestCount("/v1/disputes") >= 3);
        await using (var db = harness.Database.CreateContext())
        {
            var disputes = await db.Refunds.Where(r => r.SourceId == harness.SourceId && r.Kind == RefundKind.Dispute)
                .Join(db.Charges, r => r.ChargeId, c => c.Id, (r, c) => new { r.ExternalId, Charge = c.ExternalId, r.AmountMinor, r.Currency, r.CreatedAt })
                .ToListAsync();
            var lost = Assert.Single(disputes);
            Assert.Equal(("dp_lost", "ch_A4", 5000L, "USD", new DateOnly(2024, 3, 12)),
                (lost.ExternalId, lost.Charge, lost.AmountMinor, lost.Currency, DateOnly.FromDateTime(lost.CreatedAt.UtcDateTime)));
        }

        var engine = MetricsEngine.Create(await harness.BillingSnapshotAsync(new FxRate { Date = new DateOnly(2024, 2, 1), Currency = "EUR", Rate = 1.1m }));
        decimal? Value(string metric, DateOnly from, DateOnly to, Interval interval) =>
            engine.Query(new MetricQuery(metric, from, to, interval)).Points.Single().Value;
        decimal? March(string metric) => Value(metric, new DateOnly(2024, 3, 1), new DateOnly(2024, 3, 31), Interval.Month);
        decimal? Day(string metric, int day) => Value(metric, new DateOnly(2024, 3, day), new DateOnly(2024, 3, day), Interval.Day);

        Assert.Equal(7000m, March("gross_revenue"));
        Assert.Equal(0m, March("refunds"));
        Assert.Equal(5000m, March("disputes"));
        Assert.Equal(2000m, March("net_revenue"));
        Assert.Equal(5000m, Day("disputes", 12));
        Assert.Equal(-5000m, Day("net_revenue", 12));
        Assert.Equal(0m, Day("disputes", 6));
        Assert.Equal(0m, Day("disputes", 20));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_dispute_lost_through_its_event_is_stored_and_removed_again_when_its_funds_are_reinstated(DatabaseProvider provider)
    {
        var open = Dispute("dp_A4", "ch_A4", 5000, Mar5, "needs_response", (Mar5, -5000));
        stripe.Put("disputes", open);
        // Synced on 12 April, the day after the last event: all of them are within the 30 days Stripe keeps events.
        await using var harness = await StripeSyncHarness.CreateOnClockAsync(provider, stripe, new FixedTimeProvider(DateTimeOffset.FromUnixTimeSeconds(Apr11 + 86_400)));
        await harness.SyncAsync();
        Assert.Empty(await DisputesAsync(harness));

        // The event carries the dispute as it was (still open); the handler reads it again and finds it lost.
        stripe.Put("events", Event("evt_dp_closed", "charge.dispute.closed", Apr10, open));
        stripe.Put("disputes", Dispute("dp_A4", "ch_A4", 5000, Mar5, "lost", (Mar5, -5000)));
        await harness.SyncAsync();
        // Lost on the day of its closed event (Apr 10), not when its funds were withdrawn (Mar 5).
        Assert.Equal(["dp_A4 5000 2024-04-10"], await DisputesAsync(harness));

        // A later event of the lost dispute reads it again without a closing time: the day it was lost stays.
        stripe.Put("events", Event("evt_dp_updated", "charge.dispute.updated", Apr10 + 3600, open));
        await harness.SyncAsync();
        Assert.Equal(["dp_A4 5000 2024-04-10"], await DisputesAsync(harness));

        stripe.Put("events", Event("evt_dp_reinstated", "charge.dispute.funds_reinstated", Apr11, open));
        stripe.Put("disputes", Dispute("dp_A4", "ch_A4", 5000, Mar5, "won", (Mar5, -5000), (Apr11, 5000)));
        var last = await harness.SyncAsync();

        Assert.Equal(SyncState.Succeeded, last.State);
        Assert.Empty(await DisputesAsync(harness));
        Assert.Empty(stripe.Refusals);
        Assert.Equal(3, stripe.RequestCount("/v1/disputes/dp_A4"));
    }

    /// <summary>The dispute list takes charge, payment_intent, created and paging; a status filter or a path that is not expandable is refused.</summary>
    [Fact]
    public async Task The_fake_serves_disputes_as_strictly_as_Stripe()
    {
        stripe.Put("disputes", Dispute("dp_A4", "ch_A4", 5000, Mar5, "lost", (Mar5, -5000)), Dispute("dp_C2", "ch_C2", 2000, Mar6, "won"));
        using var http = new HttpClient { BaseAddress = stripe.BaseUri };
        http.DefaultRequestHeaders.Authorization = new("Bearer", FakeStripeServer.ApiKey);

        var byCharge = await http.GetAsync("v1/disputes?charge=ch_A4&limit=1&expand[]=data.charge");
        var one = await http.GetAsync("v1/disputes/dp_A4?expand[]=charge");
        var byStatus = await http.GetAsync("v1/disputes?status=lost");
        var notExpandable = await http.GetAsync("v1/disputes?expand[]=data.balance_transactions");

        Assert.Equal(System.Net.HttpStatusCode.OK, byCharge.StatusCode);
        var listed = await byCharge.Content.ReadAsStringAsync();
        Assert.Contains("\"id\":\"ch_A4\"", listed, StringComparison.Ordinal);
        Assert.DoesNotContain("dp_C2", listed, StringComparison.Ordinal);
        Assert.Equal(System.Net.HttpStatusCode.OK, one.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, byStatus.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, notExpandable.StatusCode);
        Assert.Equal(2, stripe.Refusals.Count);
    }

    private static async Task<List<string>> DisputesAsync(StripeSyncHarness harness)
    {
        await using var db = harness.Database.CreateContext();
        var rows = await db.Refunds.Where(r => r.SourceId == harness.SourceId && r.Kind == RefundKind.Dispute).ToListAsync();
        return rows.Select(r => $"{r.ExternalId} {r.AmountMinor} {r.CreatedAt.UtcDateTime:yyyy-MM-dd}").ToList();
    }
}
