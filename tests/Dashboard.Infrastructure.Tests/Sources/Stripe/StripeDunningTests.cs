using Dashboard.Infrastructure.Data;
using Dashboard.Testing.Fakes;
using static Dashboard.Testing.Fakes.StripeFixtures;
using static Dashboard.Testing.Fakes.StripeScenario;

namespace Dashboard.Infrastructure.Tests.Sources.Stripe;

/// <summary>
/// A recovered dunning episode that <c>attempt_count</c> does not show: the first automatic attempt failed and the
/// customer then paid by hand, which Stripe does not count as an attempt. The invoice's payment intent's failed charge
/// tells, and the episode runs from the invoice's finalization to its payment.
/// </summary>
public sealed class StripeDunningTests : IAsyncLifetime
{
    private static readonly long Feb20 = T("2024-02-20");

    private FakeStripeServer stripe = null!;

    public async Task InitializeAsync()
    {
        stripe = await FakeStripeServer.StartAsync();
        Load(stripe);
        var pro = stripe.Get("price_pro");
        stripe.Put("customers", Customer("cus_D", "dana@example.com", "Dana", "US", Jan1));
        stripe.Put("subscriptions", Subscription("sub_D", "cus_D", "active", Jan1, [Item("si_D1", "sub_D", pro, 1, Mar1, Apr1, Jan1)]));
        stripe.Put("invoices", Invoice("in_D1", "cus_D", "sub_D", "paid", Jan1, Jan1, Feb1, Line("il_D1", "in_D1", "sub_D", "si_D1", "price_pro", 5000, 1, Jan1, Feb1)));
        stripe.Put("invoices", Invoice("in_D3", "cus_D", "sub_D", "paid", Mar1, Mar1, Apr1, Line("il_D3", "in_D3", "sub_D", "si_D1", "price_pro", 5000, 1, Mar1, Apr1)));
    }

    public async Task DisposeAsync() => await stripe.DisposeAsync();

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_first_attempt_that_failed_before_a_manual_payment_is_a_recovered_past_due_episode(DatabaseProvider provider)
    {
        PutFebruaryInvoice(firstAttemptFailed: true);
        await using var harness = await StripeSyncHarness.CreateAsync(provider, stripe.BaseUri);

        await harness.SyncAsync();

        Assert.Equal(
            ["2024-01-01 00:00 price_pro x1 -0 Active", "2024-02-01 00:00 price_pro x1 -0 PastDue", "2024-02-20 00:00 price_pro x1 -0 Active"],
            await harness.StatesAsync("sub_D"));
        Assert.Empty(stripe.Refusals);
    }

    [Fact]
    public async Task An_invoice_paid_late_without_a_failed_attempt_is_no_episode()
    {
        PutFebruaryInvoice(firstAttemptFailed: false);
        await using var harness = await StripeSyncHarness.CreateAsync(DatabaseProvider.Sqlite, stripe.BaseUri);

        await harness.SyncAsync();

        Assert.Equal(["2024-01-01 00:00 price_pro x1 -0 Active"], await harness.StatesAsync("sub_D"));
        Assert.Empty(stripe.Refusals);
    }

    /// <summary>February's invoice: finalized Feb 1, attempt_count 1, paid Feb 20 (a bank debit takes that long, or the
    /// customer paid by hand after a declined first attempt).</summary>
    private void PutFebruaryInvoice(bool firstAttemptFailed)
    {
        var invoice = Invoice("in_D2", "cus_D", "sub_D", "paid", Feb1, Feb1, Mar1, Line("il_D2", "in_D2", "sub_D", "si_D1", "price_pro", 5000, 1, Feb1, Mar1));
        invoice["attempt_count"] = 1;
        invoice["status_transitions"]!["paid_at"] = Feb20;
        stripe.Put("invoices", invoice);
        stripe.Put("invoice_payments", InvoicePayment("inpay_D2", "in_D2", "pi_D2", 5000, Feb20));
        stripe.Put("payment_intents", PaymentIntent("pi_D2", "ch_D2", 5000, Feb1));
        stripe.Put("balance_transactions", BalanceTransaction("txn_ch_D2", "ch_D2", 5000, 175, Feb20));
        stripe.Put("charges", Charge("ch_D2", "cus_D", 5000, Feb20, paid: true, "txn_ch_D2", "pi_D2"));
        if (firstAttemptFailed)
        {
            stripe.Put("charges", Charge("ch_D2_declined", "cus_D", 5000, Feb1 + 3600, paid: false, null, "pi_D2"));
        }
    }
}
