using System.Text.Json.Nodes;
using static Dashboard.Testing.Fakes.StripeFixtures;

namespace Dashboard.Testing.Fakes;

/// <summary>
/// A small account with a history, values chosen to be checked by hand:
/// Alice (US) starts on Basic ($20/month) on 2024-01-01 and upgrades to Pro ($50/month) with proration on 2024-02-15;
/// Bob (DE) trials Basic × 2 from 2024-01-10 to 2024-01-24 with 25 % off for ever, asks to cancel on 2024-03-01 and
/// ends on 2024-03-24; Carol (GB) is on Basic from 2024-02-01. Charges carry fees; one is refunded, one failed, one is
/// a one-time purchase, one is in euros settled in dollars, one has no customer (a recorded sync error).
/// </summary>
public static class StripeScenario
{
    public static readonly long Jan1 = T("2024-01-01"), Jan10 = T("2024-01-10"), Jan24 = T("2024-01-24");
    public static readonly long Feb1 = T("2024-02-01"), Feb15 = T("2024-02-15"), Feb24 = T("2024-02-24"), Feb25 = T("2024-02-25");
    public static readonly long Mar1 = T("2024-03-01"), Mar24 = T("2024-03-24"), Apr1 = T("2024-04-01");

    public static void Load(FakeStripeServer stripe)
    {
        stripe.Put("products", Product("prod_basic", "Basic", Jan1 - 100), Product("prod_pro", "Pro", Jan1 - 90));
        var basic = Price("price_basic", "prod_basic", 2000, Jan1 - 80);
        var pro = Price("price_pro", "prod_pro", 5000, Jan1 - 70);
        stripe.Put("prices", basic, pro, Price("price_api", "prod_pro", 10, Jan1 - 60, usageType: "metered", nickname: "API calls"));
        stripe.Put("coupons", Coupon("co_25", 25m, null, "forever", Jan1 - 50));
        stripe.Put("discounts", Discount("di_B", "co_25", "cus_B", "sub_B", Jan10));

        stripe.Put("customers",
            Customer("cus_A", "alice@example.com", "Alice", "us", Jan1, ("utm_source", "ads"), ("crm_owner", "dana")),
            Customer("cus_B", "bob@example.de", "Bob", "DE", Jan10),
            Customer("cus_C", "carol@example.co.uk", "Carol", "GB", Feb1));

        // Alice: Basic, then Pro from the 15 February proration; the item keeps its id across the price change.
        stripe.Put("subscriptions", Subscription("sub_A", "cus_A", "active", Jan1,
            [Item("si_A1", "sub_A", pro, 1, Mar1, Apr1, Jan1)]));
        PutPaidInvoice(stripe, "in_A1", "cus_A", "sub_A", Jan1, "pi_A1", "ch_A1", fee: 88,
            Line("il_A1", "in_A1", "sub_A", "si_A1", "price_basic", 2000, 1, Jan1, Feb1));
        PutPaidInvoice(stripe, "in_A2", "cus_A", "sub_A", Feb1, "pi_A2", "ch_A2", fee: 88,
            Line("il_A2", "in_A2", "sub_A", "si_A1", "price_basic", 2000, 1, Feb1, Mar1));
        PutPaidInvoice(stripe, "in_A3", "cus_A", "sub_A", Feb15, "pi_A3", "ch_A3", fee: 72,
            Line("il_A3a", "in_A3", "sub_A", "si_A1", "price_basic", -966, 1, Feb15, Mar1, proration: true),
            Line("il_A3b", "in_A3", "sub_A", "si_A1", "price_pro", 2414, 1, Feb15, Mar1, proration: true));
        PutPaidInvoice(stripe, "in_A4", "cus_A", "sub_A", Mar1, "pi_A4", "ch_A4", fee: 175,
            Line("il_A4", "in_A4", "sub_A", "si_A1", "price_pro", 5000, 1, Mar1, Apr1));
        stripe.Put("refunds", Refund("re_A3", "ch_A3", 500, T("2024-02-20")));

        // Bob: a $0 trial invoice, then $40 - $10 discount a month; a failed first attempt on 24 February.
        stripe.Put("subscriptions", Subscription("sub_B", "cus_B", "canceled", Jan10,
            [Item("si_B1", "sub_B", basic, 2, Feb24, Mar24, Jan10)],
            trialStart: Jan10, trialEnd: Jan24, cancelAtPeriodEnd: true, canceledAt: Mar1, endedAt: Mar24,
            discounts: ["di_B"], feedback: "too_expensive", reason: "cancellation_requested", comment: "Too pricey for us"));
        stripe.Put("invoices", Invoice("in_B0", "cus_B", "sub_B", "paid", Jan10, Jan10, Jan10,
            Line("il_B0", "in_B0", "sub_B", "si_B1", "price_basic", 0, 2, Jan10, Jan24)));
        PutPaidInvoice(stripe, "in_B1", "cus_B", "sub_B", Jan24, "pi_B1", "ch_B1", fee: 117,
            Line("il_B1", "in_B1", "sub_B", "si_B1", "price_basic", 4000, 2, Jan24, Feb24, discount: 1000, discountId: "di_B"));
        PutPaidInvoice(stripe, "in_B2", "cus_B", "sub_B", Feb24, "pi_B2", "ch_B3", fee: 117,
            Line("il_B2", "in_B2", "sub_B", "si_B1", "price_basic", 4000, 2, Feb24, Mar24, discount: 1000, discountId: "di_B"),
            chargeCreated: Feb25);
        stripe.Put("charges", Charge("ch_B2", "cus_B", 3000, Feb24, paid: false, null, "pi_B2"));

        // Carol: Basic from 1 February.
        stripe.Put("subscriptions", Subscription("sub_C", "cus_C", "active", Feb1,
            [Item("si_C1", "sub_C", basic, 1, Mar1, Apr1, Feb1)]));
        PutPaidInvoice(stripe, "in_C1", "cus_C", "sub_C", Feb1, "pi_C1", "ch_C1", fee: 88,
            Line("il_C1", "in_C1", "sub_C", "si_C1", "price_basic", 2000, 1, Feb1, Mar1));
        PutPaidInvoice(stripe, "in_C2", "cus_C", "sub_C", Mar1, "pi_C2", "ch_C2", fee: 88,
            Line("il_C2", "in_C2", "sub_C", "si_C1", "price_basic", 2000, 1, Mar1, Apr1));

        // A one-time purchase, a charge in euros settled in dollars, and a guest charge that cannot be attributed.
        stripe.Put("balance_transactions", BalanceTransaction("txn_X1", "ch_X1", 1500, 74, Feb1 + 500));
        stripe.Put("charges", Charge("ch_X1", "cus_A", 1500, Feb1 + 500, paid: true, "txn_X1", "pi_X1"));
        stripe.Put("balance_transactions", BalanceTransaction("txn_X2", "ch_X2", 1100, 62, Feb1 + 600, exchangeRate: 1.1m));
        stripe.Put("charges", Charge("ch_X2", "cus_B", 1000, Feb1 + 600, paid: true, "txn_X2", null, currency: "eur"));
        stripe.Put("balance_transactions", BalanceTransaction("txn_G", "ch_G", 900, 56, Feb1 + 700));
        stripe.Put("charges", Charge("ch_G", null, 900, Feb1 + 700, paid: true, "txn_G", null));
    }

    private static void PutPaidInvoice(FakeStripeServer stripe, string id, string customer, string subscription, long created,
        string paymentIntent, string charge, long fee, params JsonObject[] lines) =>
        PutPaidInvoice(stripe, id, customer, subscription, created, paymentIntent, charge, fee, lines[0], lines.Skip(1).ToArray(), created);

    private static void PutPaidInvoice(FakeStripeServer stripe, string id, string customer, string subscription, long created,
        string paymentIntent, string charge, long fee, JsonObject line, long chargeCreated) =>
        PutPaidInvoice(stripe, id, customer, subscription, created, paymentIntent, charge, fee, line, [], chargeCreated);

    private static void PutPaidInvoice(FakeStripeServer stripe, string id, string customer, string subscription, long created,
        string paymentIntent, string charge, long fee, JsonObject first, JsonObject[] rest, long chargeCreated)
    {
        var invoice = Invoice(id, customer, subscription, "paid", created, created, created, [first, .. rest]);
        var total = (long)invoice["total"]!;
        stripe.Put("invoices", invoice);
        stripe.Put("invoice_payments", InvoicePayment("inpay_" + id, id, paymentIntent, total, chargeCreated));
        stripe.Put("payment_intents", PaymentIntent(paymentIntent, charge, total, chargeCreated));
        stripe.Put("balance_transactions", BalanceTransaction("txn_" + charge, charge, total, fee, chargeCreated));
        stripe.Put("charges", Charge(charge, customer, total, chargeCreated, paid: true, "txn_" + charge, paymentIntent));
    }
}
