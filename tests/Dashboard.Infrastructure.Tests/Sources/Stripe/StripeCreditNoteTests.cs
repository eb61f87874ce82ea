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
/// Credit notes on the scenario's March invoices: Alice's $50 invoice gets $10 back outside Stripe (a cash refund only
/// the note tells of); Carol's $20 invoice gets a note of $8 split into a $5 Stripe refund (listed as a refund too) and
/// $3 of balance credit (a smaller later charge, not cash now); Bob's last invoice a pre-payment note (it lowered the
/// amount charged); and a voided note with an out-of-band amount.
/// </summary>
public sealed class StripeCreditNoteTests : IAsyncLifetime
{
    private static readonly long Mar5 = T("2024-03-05"), Mar6 = T("2024-03-06"), Mar20 = T("2024-03-20");

    private FakeStripeServer stripe = null!;

    public async Task InitializeAsync()
    {
        stripe = await FakeStripeServer.StartAsync();
        Load(stripe);
        stripe.Put("refunds", Refund("re_C2", "ch_C2", 500, Mar6));
        stripe.Put("credit_notes",
            CreditNote("cn_A4", "cus_A", "in_A4", 1000, Mar5, outOfBand: 1000),
            CreditNote("cn_C2", "cus_C", "in_C2", 800, Mar6, refund: "re_C2", refunded: 500),
            CreditNote("cn_B2", "cus_B", "in_B2", 500, Feb24, type: "pre_payment"),
            CreditNote("cn_V", "cus_C", "in_C2", 700, Mar6, outOfBand: 700, status: "void"));
    }

    public async Task DisposeAsync() => await stripe.DisposeAsync();

    [Fact]
    public async Task Only_the_out_of_band_part_of_a_credit_note_becomes_a_refund_of_the_invoices_charge()
    {
        await using var harness = await StripeSyncHarness.CreateAsync(DatabaseProvider.Sqlite, stripe.BaseUri, pageSize: 2);

        var status = await harness.SyncAsync();

        Assert.Equal(SyncState.Succeeded, status.State);
        Assert.Equal(4, status.Kinds.Single(k => k.Kind == "credit_notes").Done);
        await using var db = harness.Database.CreateContext();
        var refunds = await db.Refunds.Where(r => r.SourceId == harness.SourceId)
            .Join(db.Charges, r => r.ChargeId, c => c.Id, (r, c) => r.ExternalId + " " + c.ExternalId + " " + r.AmountMinor + " " + r.CreatedAt.ToString("yyyy-MM-dd"))
            .ToListAsync();
        Assert.Equal(["cn_A4 ch_A4 1000 2024-03-05", "re_A3 ch_A3 500 2024-02-20", "re_C2 ch_C2 500 2024-03-06"], refunds.Order(StringComparer.Ordinal));
    }

    /// <summary>March: Alice's $50 and Carol's $20 were charged; $10 went back outside Stripe and $5 as a Stripe refund.</summary>
    [Fact]
    public async Task Cash_metrics_count_the_credit_notes_refunds_once()
    {
        await using var harness = await StripeSyncHarness.CreateAsync(DatabaseProvider.Sqlite, stripe.BaseUri);
        await harness.SyncAsync();
        await harness.SyncAsync();

        var engine = MetricsEngine.Create(await harness.BillingSnapshotAsync(new FxRate { Date = new DateOnly(2024, 2, 1), Currency = "EUR", Rate = 1.1m }));
        decimal? March(string metric) => engine
            .Query(new MetricQuery(metric, new DateOnly(2024, 3, 1), new DateOnly(2024, 3, 31), Interval.Month))
            .Points.Single().Value;

        Assert.Equal(7000m, March("gross_revenue"));
        Assert.Equal(1500m, March("refunds"));
        Assert.Equal(5500m, March("net_revenue"));
    }

    [Fact]
    public async Task A_credit_note_voided_later_removes_its_refund_through_its_event()
    {
        // Synced on 21 March, the day after the void: its event is within the 30 days Stripe keeps events.
        await using var harness = await StripeSyncHarness.CreateOnClockAsync(DatabaseProvider.Sqlite, stripe, new FixedTimeProvider(DateTimeOffset.FromUnixTimeSeconds(Mar20 + 86_400)));
        await harness.SyncAsync();

        var voided = CreditNote("cn_A4", "cus_A", "in_A4", 1000, Mar5, outOfBand: 1000, status: "void");
        stripe.Put("credit_notes", voided);
        stripe.Put("events", Event("evt_void", "credit_note.voided", Mar20, voided));
        await harness.SyncAsync();

        await using var db = harness.Database.CreateContext();
        Assert.False(await db.Refunds.AnyAsync(r => r.ExternalId == "cn_A4"));
        Assert.True(await db.Refunds.AnyAsync(r => r.ExternalId == "re_C2"));
    }

    [Fact]
    public async Task An_out_of_band_credit_on_an_invoice_without_a_charge_is_recorded_as_a_sync_error()
    {
        stripe.Put("credit_notes", CreditNote("cn_B0", "cus_B", "in_B0", 100, Mar20, outOfBand: 100));
        await using var harness = await StripeSyncHarness.CreateAsync(DatabaseProvider.Sqlite, stripe.BaseUri);

        await harness.SyncAsync();

        await using var db = harness.Database.CreateContext();
        var error = await db.SyncErrors.SingleAsync(e => e.SourceId == harness.SourceId && e.Kind == "credit_notes");
        Assert.Equal("cn_B0", error.ExternalId);
        Assert.Contains("in_B0", error.Message, StringComparison.Ordinal);
    }
}
