using System.Text.Json.Nodes;
using static Dashboard.Testing.Fakes.StripeFixtures;

namespace Dashboard.Testing.Fakes;

/// <summary>
/// The golden Stripe account: one scripted history, January to June 2024, one customer per scenario, served by the
/// fake as Stripe would show it on 28 June 2024 (<see cref="Now"/>), with every event Stripe sent along the way
/// (<see cref="Events"/>). Amounts are in US cents, except the euro customer's (euro cents, <see cref="EurRate"/>
/// dollars to the euro). The first customers' invoice lines bill the price's unit amount times the quantity; the last
/// ones' do not (tiered, currency_options, tax-inclusive and decimal prices), so only the invoice line gives their
/// period amount, and the price, read with its tiers and currency options, prices only what no invoice billed yet. The
/// numbers each scenario must give, month by month, are written out by hand in StripeGoldenTests.
/// </summary>
public sealed class StripeGoldenAccount
{
    /// <summary>When the account is read: every sync and webhook of the golden tests happens at this instant.</summary>
    public static readonly DateTimeOffset Now = new(2024, 6, 28, 12, 0, 0, TimeSpan.Zero);

    /// <summary>US dollars to the euro on every day of the history (the rate the golden tests store for EUR).</summary>
    public const decimal EurRate = 1.10m;

    private readonly FakeStripeServer stripe;
    private readonly List<JsonObject> events = [];
    private readonly Dictionary<string, JsonObject> prices = [];

    private StripeGoldenAccount(FakeStripeServer stripe)
    {
        this.stripe = stripe;
    }

    /// <summary>Every event of the history, oldest first (as created), each naming the object as it is now.</summary>
    public IReadOnlyList<JsonObject> Events => events;

    public static StripeGoldenAccount Load(FakeStripeServer stripe)
    {
        var account = new StripeGoldenAccount(stripe);
        account.Catalog();
        account.Upgrade();
        account.Downgrade();
        account.QuantityChanges();
        account.CouponOnce();
        account.CouponRepeating();
        account.CouponForever();
        account.HundredPercentOff();
        account.AnnualPlan();
        account.WeeklyPlan();
        account.MeteredNextToLicensed();
        account.Refund();
        account.CreditNotes();
        account.FailedThenRecovered();
        account.UnrecoveredPastDue();
        account.TrialThenConversion();
        account.FreeMonthGrantedLater();
        account.DeletedCustomer();
        account.ChangeWithoutInvoice();
        account.CancellationWithdrawn();
        account.PausedCollection();
        account.ItemsOnDifferentIntervals();
        account.LostDispute();
        account.RefundThatLaterFails();
        account.FirstProratedInvoiceWithDiscount();
        account.PlainCancellation();
        account.GraduatedTiers();
        account.VolumeTiers();
        account.EuroOnDollarPrice();
        account.TaxInclusivePrice();
        account.DecimalUnitAmount();
        account.PeriodNotInvoicedYet();
        stripe.Put("events", [.. account.events.OrderBy(e => (long)e["created"]!)]);
        return account;
    }

    private static long D(int month, int day, int hour = 0) => new DateTimeOffset(2024, month, day, hour, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();

    private static long Month(int month) => D(month, 1);

    private void Catalog()
    {
        stripe.Put("products",
            Product("prod_basic", "Basic", D(1, 1) - 900), Product("prod_pro", "Pro", D(1, 1) - 800),
            Product("prod_seat", "Seats", D(1, 1) - 700), Product("prod_annual", "Annual", D(1, 1) - 600),
            Product("prod_weekly", "Weekly", D(1, 1) - 500), Product("prod_api", "API", D(1, 1) - 400),
            Product("prod_support", "Support", D(1, 1) - 300));
        AddPrice(Price("price_basic", "prod_basic", 2000, D(1, 1) - 90));
        AddPrice(Price("price_pro", "prod_pro", 5000, D(1, 1) - 80));
        AddPrice(Price("price_seat", "prod_seat", 1000, D(1, 1) - 70));
        AddPrice(Price("price_annual", "prod_annual", 120000, D(1, 1) - 60, interval: "year"));
        AddPrice(Price("price_weekly", "prod_weekly", 1500, D(1, 1) - 50, interval: "week"));
        AddPrice(Price("price_api", "prod_api", 10, D(1, 1) - 40, usageType: "metered", nickname: "API calls"));
        AddPrice(Price("price_support", "prod_support", 24000, D(1, 1) - 30, interval: "year"));
        stripe.Put("products",
            Product("prod_team", "Team", D(1, 1) - 250), Product("prod_volume", "Volume seats", D(1, 1) - 240),
            Product("prod_intl", "International", D(1, 1) - 230), Product("prod_vat", "VAT included", D(1, 1) - 220),
            Product("prod_units", "Units", D(1, 1) - 210));
        AddPrice(TieredPrice("price_team", "prod_team", D(1, 1) - 29, "graduated", (5, 1000, 2000), (10, 800, 0), (null, 500, 0)));
        AddPrice(TieredPrice("price_volume", "prod_volume", D(1, 1) - 28, "volume", (10, 900, 0), (null, 700, 0)));
        AddPrice(MultiCurrencyPrice("price_intl", "prod_intl", 4000, D(1, 1) - 27, ("usd", 4000), ("eur", 3600)));
        AddPrice(Price("price_vat", "prod_vat", 6000, D(1, 1) - 26, taxBehavior: "inclusive"));
        AddPrice(DecimalPrice("price_units", "prod_units", "33.3333", D(1, 1) - 25));
        stripe.Put("coupons",
            Coupon("co_half_once", 50m, null, "once", D(1, 1) - 20),
            Coupon("co_five_repeating", null, 500, "repeating", D(1, 1) - 19),
            Coupon("co_ten_forever", 10m, null, "forever", D(1, 1) - 18),
            Coupon("co_free_forever", 100m, null, "forever", D(1, 1) - 17),
            Coupon("co_twenty_forever", 20m, null, "forever", D(1, 1) - 16));
    }

    private void AddPrice(JsonObject price)
    {
        prices[(string)price["id"]!] = price;
        stripe.Put("prices", price);
        Emit("price.created", (long)price["created"]!, price);
    }

    /// <summary>Upgrade with proration: Basic $20 from 1 Jan, Pro $50 from 15 Mar (prorated invoice), so expansion +$30 in March.</summary>
    private void Upgrade()
    {
        NewCustomer("cus_up", "Uma Upgrade", D(1, 1));
        var sub = NewSubscription("sub_up", "cus_up", "active", D(1, 1), [Item("si_up", "sub_up", prices["price_pro"], 1, Month(6), Month(7), D(1, 1))]);
        for (var m = 1; m <= 3; m++)
        {
            Paid($"in_up_{m}", "sub_up", Month(m), [Regular("si_up", "price_basic", 2000, 1, Month(m), Month(m + 1))]);
        }

        Paid("in_up_p", "sub_up", D(3, 15), [
            Prorated("si_up", "price_basic", -1097, 1, D(3, 15), Month(4)),
            Prorated("si_up", "price_pro", 2742, 1, D(3, 15), Month(4))]);
        for (var m = 4; m <= 6; m++)
        {
            Paid($"in_up_{m}", "sub_up", Month(m), [Regular("si_up", "price_pro", 5000, 1, Month(m), Month(m + 1))]);
        }

        Emit("customer.subscription.updated", D(3, 15), sub, ItemsChanged());
    }

    /// <summary>Downgrade at the period end (a scheduled change): Pro $50 January to March, Basic $20 from 1 Apr (contraction -$30).</summary>
    private void Downgrade()
    {
        NewCustomer("cus_down", "Dan Downgrade", D(1, 1));
        var sub = NewSubscription("sub_down", "cus_down", "active", D(1, 1), [Item("si_down", "sub_down", prices["price_basic"], 1, Month(6), Month(7), D(1, 1))]);
        for (var m = 1; m <= 6; m++)
        {
            Paid($"in_down_{m}", "sub_down", Month(m), [m <= 3
                ? Regular("si_down", "price_pro", 5000, 1, Month(m), Month(m + 1))
                : Regular("si_down", "price_basic", 2000, 1, Month(m), Month(m + 1))]);
        }

        Emit("customer.subscription.updated", D(4, 1), sub, ItemsChanged());
    }

    /// <summary>
    /// Quantity changes: 3 seats at $10 from 1 Feb (new $30), 5 seats from 16 Apr with proration (expansion +$20),
    /// 4 seats from 1 Jun at the renewal (contraction -$10).
    /// </summary>
    private void QuantityChanges()
    {
        NewCustomer("cus_seats", "Sam Seats", D(2, 1));
        var sub = NewSubscription("sub_seats", "cus_seats", "active", D(2, 1), [Item("si_seats", "sub_seats", prices["price_seat"], 4, Month(6), Month(7), D(2, 1))]);
        Paid("in_seats_2", "sub_seats", Month(2), [Regular("si_seats", "price_seat", 3000, 3, Month(2), Month(3))]);
        Paid("in_seats_3", "sub_seats", Month(3), [Regular("si_seats", "price_seat", 3000, 3, Month(3), Month(4))]);
        Paid("in_seats_4", "sub_seats", Month(4), [Regular("si_seats", "price_seat", 3000, 3, Month(4), Month(5))]);
        // Half of April left: -$15 for the 3 seats, +$25 for the 5.
        Paid("in_seats_p", "sub_seats", D(4, 16), [
            Prorated("si_seats", "price_seat", -1500, 3, D(4, 16), Month(5)),
            Prorated("si_seats", "price_seat", 2500, 5, D(4, 16), Month(5))]);
        Paid("in_seats_5", "sub_seats", Month(5), [Regular("si_seats", "price_seat", 5000, 5, Month(5), Month(6))]);
        Paid("in_seats_6", "sub_seats", Month(6), [Regular("si_seats", "price_seat", 4000, 4, Month(6), Month(7))]);
        Emit("customer.subscription.updated", D(4, 16), sub, ItemsChanged());
        Emit("customer.subscription.updated", Month(6), sub, ItemsChanged());
    }

    /// <summary>A coupon for the first invoice only: Pro at 50 % off in March ($25 new), full price from April (expansion +$25).</summary>
    private void CouponOnce()
    {
        NewCustomer("cus_once", "Olga Once", D(3, 1));
        NewSubscription("sub_once", "cus_once", "active", D(3, 1), [Item("si_once", "sub_once", prices["price_pro"], 1, Month(6), Month(7), D(3, 1))]);
        Paid("in_once_3", "sub_once", Month(3), [Regular("si_once", "price_pro", 5000, 1, Month(3), Month(4), discount: 2500, discountId: "di_once")]);
        for (var m = 4; m <= 6; m++)
        {
            Paid($"in_once_{m}", "sub_once", Month(m), [Regular("si_once", "price_pro", 5000, 1, Month(m), Month(m + 1))]);
        }
    }

    /// <summary>$5 off for 3 months: Basic at $15 January to March (new $15), $20 from April (expansion +$5).</summary>
    private void CouponRepeating()
    {
        NewCustomer("cus_rep", "Rita Repeat", D(1, 1));
        NewSubscription("sub_rep", "cus_rep", "active", D(1, 1), [Item("si_rep", "sub_rep", prices["price_basic"], 1, Month(6), Month(7), D(1, 1))]);
        for (var m = 1; m <= 6; m++)
        {
            Paid($"in_rep_{m}", "sub_rep", Month(m), [m <= 3
                ? Regular("si_rep", "price_basic", 2000, 1, Month(m), Month(m + 1), discount: 500, discountId: "di_rep")
                : Regular("si_rep", "price_basic", 2000, 1, Month(m), Month(m + 1))]);
        }
    }

    /// <summary>10 % off for ever: Pro at $45 from 1 Feb (new $45), the discount still on the subscription.</summary>
    private void CouponForever()
    {
        NewCustomer("cus_forever", "Fay Forever", D(2, 1));
        stripe.Put("discounts", Discount("di_forever", "co_ten_forever", "cus_forever", "sub_forever", D(2, 1)));
        NewSubscription("sub_forever", "cus_forever", "active", D(2, 1),
            [Item("si_forever", "sub_forever", prices["price_pro"], 1, Month(6), Month(7), D(2, 1))], discounts: ["di_forever"]);
        for (var m = 2; m <= 6; m++)
        {
            Paid($"in_forever_{m}", "sub_forever", Month(m), [Regular("si_forever", "price_pro", 5000, 1, Month(m), Month(m + 1), discount: 500, discountId: "di_forever")]);
        }
    }

    /// <summary>100 % off for ever: Basic free from 1 Jan. $0 invoices, no charge; never MRR, never an active customer.</summary>
    private void HundredPercentOff()
    {
        NewCustomer("cus_free", "Fred Free", D(1, 1));
        stripe.Put("discounts", Discount("di_free", "co_free_forever", "cus_free", "sub_free", D(1, 1)));
        NewSubscription("sub_free", "cus_free", "active", D(1, 1),
            [Item("si_free", "sub_free", prices["price_basic"], 1, Month(6), Month(7), D(1, 1))], discounts: ["di_free"]);
        for (var m = 1; m <= 6; m++)
        {
            Unpaid($"in_free_{m}", "sub_free", "paid", Month(m),
                Regular("si_free", "price_basic", 2000, 1, Month(m), Month(m + 1), discount: 2000, discountId: "di_free"));
        }
    }

    /// <summary>Annual plan: $1,200 a year from 1 Feb = $100 MRR (new $100), all of it charged on 1 Feb.</summary>
    private void AnnualPlan()
    {
        NewCustomer("cus_annual", "Ann Annual", D(2, 1));
        NewSubscription("sub_annual", "cus_annual", "active", D(2, 1), [Item("si_annual", "sub_annual", prices["price_annual"], 1, Month(2), D(2, 1) + 366 * 86400L, D(2, 1))]);
        Paid("in_annual", "sub_annual", Month(2), [Regular("si_annual", "price_annual", 120000, 1, Month(2), D(2, 1) + 366 * 86400L)]);
    }

    /// <summary>
    /// Weekly plan: $15 a week from Monday 1 Jan = $15 x 52 / 12 = $65 MRR (new $65); charged every Monday, so 5 charges in
    /// January and April, 4 in the other months.
    /// </summary>
    private void WeeklyPlan()
    {
        const long Week = 7 * 86400L;
        NewCustomer("cus_weekly", "Will Weekly", D(1, 1));
        NewSubscription("sub_weekly", "cus_weekly", "active", D(1, 1), [Item("si_weekly", "sub_weekly", prices["price_weekly"], 1, D(6, 24), D(7, 1), D(1, 1))]);
        for (var week = 0; week < 26; week++)
        {
            var start = D(1, 1) + week * Week;
            Paid($"in_weekly_{week:00}", "sub_weekly", start, [Regular("si_weekly", "price_weekly", 1500, 1, start, start + Week)]);
        }
    }

    /// <summary>
    /// A metered item next to a licensed one: Basic $20 plus API calls at 10 cents each, billed in arrears. MRR is the
    /// licensed $20 only; each invoice also charges the previous month's calls (30, 50, 20, 40, 10 calls).
    /// </summary>
    private void MeteredNextToLicensed()
    {
        NewCustomer("cus_meter", "Mia Meter", D(1, 1));
        NewSubscription("sub_meter", "cus_meter", "active", D(1, 1), [
            Item("si_meter_basic", "sub_meter", prices["price_basic"], 1, Month(6), Month(7), D(1, 1)),
            Metered(Item("si_meter_api", "sub_meter", prices["price_api"], 0, Month(6), Month(7), D(1, 1)))]);
        int[] calls = [0, 30, 50, 20, 40, 10];
        for (var m = 1; m <= 6; m++)
        {
            List<JsonObject> lines = [Regular("si_meter_basic", "price_basic", 2000, 1, Month(m), Month(m + 1))];
            if (calls[m - 1] > 0)
            {
                lines.Add(Regular("si_meter_api", "price_api", calls[m - 1] * 10, calls[m - 1], Month(m - 1), Month(m)));
            }

            Paid($"in_meter_{m}", "sub_meter", Month(m), [.. lines]);
        }
    }

    /// <summary>A partial refund: Basic $20 from 1 Mar; $5 of the April charge refunded on 10 Apr.</summary>
    private void Refund()
    {
        NewCustomer("cus_refund", "Rob Refund", D(3, 1));
        NewSubscription("sub_refund", "cus_refund", "active", D(3, 1), [Item("si_refund", "sub_refund", prices["price_basic"], 1, Month(6), Month(7), D(3, 1))]);
        for (var m = 3; m <= 6; m++)
        {
            Paid($"in_refund_{m}", "sub_refund", Month(m), [Regular("si_refund", "price_basic", 2000, 1, Month(m), Month(m + 1))]);
        }

        AddRefund(StripeFixtures.Refund("re_refund", "ch_in_refund_4", 500, D(4, 10)));
    }

    /// <summary>
    /// Credit notes: Pro $50 from 1 Jan; a $10 note on the February invoice paid back outside Stripe (20 Feb, a refund
    /// of $10), and a $7 note on the March invoice refunded through Stripe (10 Mar, the refund counted once).
    /// </summary>
    private void CreditNotes()
    {
        NewCustomer("cus_credit", "Cleo Credit", D(1, 1));
        NewSubscription("sub_credit", "cus_credit", "active", D(1, 1), [Item("si_credit", "sub_credit", prices["price_pro"], 1, Month(6), Month(7), D(1, 1))]);
        for (var m = 1; m <= 6; m++)
        {
            Paid($"in_credit_{m}", "sub_credit", Month(m), [Regular("si_credit", "price_pro", 5000, 1, Month(m), Month(m + 1))]);
        }

        var outOfBand = CreditNote("cn_oob", "cus_credit", "in_credit_2", 1000, D(2, 20), outOfBand: 1000);
        stripe.Put("credit_notes", outOfBand);
        Emit("credit_note.created", D(2, 20), outOfBand);
        AddRefund(StripeFixtures.Refund("re_credit", "ch_in_credit_3", 700, D(3, 10)));
        var refunded = CreditNote("cn_refund", "cus_credit", "in_credit_3", 700, D(3, 10), refund: "re_credit", refunded: 700);
        stripe.Put("credit_notes", refunded);
        Emit("credit_note.created", D(3, 10), refunded);
    }

    /// <summary>
    /// Failed, then recovered late: Pro $50 from 1 Jan; the April invoice (finalized 1 Apr 10:00) and the May one fail
    /// until the card is updated and both are paid on 10 May. Past due for more than 30 days, so it churns on 1 May
    /// 10:00 (-$50) and reactivates at the payment, 10 May (+$50): the episode ends at the invoices' paid_at.
    /// </summary>
    private void FailedThenRecovered()
    {
        NewCustomer("cus_dunning", "Dora Dunning", D(1, 1));
        var sub = NewSubscription("sub_dunning", "cus_dunning", "active", D(1, 1), [Item("si_dunning", "sub_dunning", prices["price_pro"], 1, Month(6), Month(7), D(1, 1))]);
        for (var m = 1; m <= 6; m++)
        {
            var line = Regular("si_dunning", "price_pro", 5000, 1, Month(m), Month(m + 1));
            if (m is 4 or 5)
            {
                var finalized = m == 4 ? D(4, 1, 10) : Month(5);
                FailedCharge($"ch_dunning_fail_{m}", "cus_dunning", $"pi_in_dunning_{m}", 5000, finalized);
                Paid($"in_dunning_{m}", "sub_dunning", finalized, [line], paidAt: D(5, 10), attempts: 3);
            }
            else
            {
                Paid($"in_dunning_{m}", "sub_dunning", Month(m), [line]);
            }
        }

        Emit("customer.subscription.updated", D(4, 2), sub, new JsonObject { ["status"] = "active" });
        Emit("customer.subscription.updated", D(5, 10), sub, new JsonObject { ["status"] = "past_due" });
    }

    /// <summary>
    /// Past due and never recovered: Basic $20 from 1 Jan; every invoice from April (1 Apr 10:00) fails and the
    /// subscription is still past_due. It counts until 30 days past due, then churns on 1 May 10:00 (-$20).
    /// </summary>
    private void UnrecoveredPastDue()
    {
        NewCustomer("cus_pastdue", "Pat Pastdue", D(1, 1));
        var sub = NewSubscription("sub_pastdue", "cus_pastdue", "past_due", D(1, 1), [Item("si_pastdue", "sub_pastdue", prices["price_basic"], 1, Month(6), Month(7), D(1, 1))]);
        for (var m = 1; m <= 6; m++)
        {
            var line = Regular("si_pastdue", "price_basic", 2000, 1, Month(m), Month(m + 1));
            if (m <= 3)
            {
                Paid($"in_pastdue_{m}", "sub_pastdue", Month(m), [line]);
                continue;
            }

            var finalized = m == 4 ? D(4, 1, 10) : Month(m);
            var id = $"in_pastdue_{m}";
            Unpaid(id, "sub_pastdue", "open", finalized, line)["attempt_count"] = 4;
            FailedCharge($"ch_pastdue_fail_{m}", "cus_pastdue", "pi_" + id, 2000, finalized);
        }

        Emit("customer.subscription.updated", D(4, 1, 10), sub, new JsonObject { ["status"] = "active" });
    }

    /// <summary>A trial, then conversion: Pro with a 14-day trial from 1 Feb, $50 from 15 Feb (new $50 in February), billed on the 15th.</summary>
    private void TrialThenConversion()
    {
        NewCustomer("cus_trial", "Tia Trial", D(2, 1));
        var sub = NewSubscription("sub_trial", "cus_trial", "active", D(2, 1), [Item("si_trial", "sub_trial", prices["price_pro"], 1, D(6, 15), D(7, 15), D(2, 1))],
            trialStart: D(2, 1), trialEnd: D(2, 15));
        Unpaid("in_trial_0", "sub_trial", "paid", D(2, 1), Regular("si_trial", "price_pro", 0, 1, D(2, 1), D(2, 15)));
        for (var m = 2; m <= 6; m++)
        {
            Paid($"in_trial_{m}", "sub_trial", D(m, 15), [Regular("si_trial", "price_pro", 5000, 1, D(m, 15), D(m + 1, 15))]);
        }

        Emit("customer.subscription.updated", D(2, 15), sub, new JsonObject { ["status"] = "trialing" });
    }

    /// <summary>
    /// A free month granted later to a paying customer: Basic $20 from 1 Jan; on 25 Mar the trial end is moved to 1 May,
    /// so April is free. MRR $20, then 0 in April (churn -$20), $20 again from 1 May (reactivation +$20); the paid
    /// months before keep their MRR.
    /// </summary>
    private void FreeMonthGrantedLater()
    {
        NewCustomer("cus_gift", "Gil Gift", D(1, 1));
        var sub = NewSubscription("sub_gift", "cus_gift", "active", D(1, 1), [Item("si_gift", "sub_gift", prices["price_basic"], 1, Month(6), Month(7), D(1, 1))],
            trialStart: D(4, 1), trialEnd: D(5, 1));
        for (var m = 1; m <= 6; m++)
        {
            if (m == 4)
            {
                Unpaid("in_gift_4", "sub_gift", "paid", Month(4), Regular("si_gift", "price_basic", 0, 1, Month(4), Month(5)));
                continue;
            }

            Paid($"in_gift_{m}", "sub_gift", Month(m), [Regular("si_gift", "price_basic", 2000, 1, Month(m), Month(m + 1))]);
        }

        Emit("customer.subscription.updated", D(3, 25), sub, new JsonObject { ["trial_end"] = null });
    }

    /// <summary>
    /// A deleted customer: Basic $20 from 1 Jan; the customer is deleted on 15 Apr, which ends the subscription (churn
    /// -$20 in April). Stripe no longer lists the customer; its subscription, invoices and charges stay, so its history
    /// stays too.
    /// </summary>
    private void DeletedCustomer()
    {
        var customer = Customer("cus_gone", "gone@example.com", "Gus Gone", "US", D(1, 1));
        Emit("customer.created", D(1, 1), customer);
        stripe.Put("deleted_customers", new JsonObject { ["id"] = "cus_gone", ["object"] = "customer", ["deleted"] = true, ["created"] = D(1, 1) });
        var sub = NewSubscription("sub_gone", "cus_gone", "canceled", D(1, 1), [Item("si_gone", "sub_gone", prices["price_basic"], 1, Month(4), Month(5), D(1, 1))],
            canceledAt: D(4, 15), endedAt: D(4, 15));
        for (var m = 1; m <= 4; m++)
        {
            Paid($"in_gone_{m}", "sub_gone", Month(m), [Regular("si_gone", "price_basic", 2000, 1, Month(m), Month(m + 1))]);
        }

        Emit("customer.subscription.deleted", D(4, 15), sub);
        Emit("customer.deleted", D(4, 15), customer);
    }

    /// <summary>
    /// A change without an invoice (proration_behavior=none): Annual $1,200 from 15 Jan ($100 MRR), a second seat added
    /// on 10 Jun without proration ($200, expansion +$100 in June). Nothing invoices it before January 2025, so it is
    /// dated from the event (or, in a sync that has no event, when it is seen), never back to 15 January.
    /// </summary>
    private void ChangeWithoutInvoice()
    {
        var periodEnd = D(1, 15) + 366 * 86400L;
        NewCustomer("cus_noinv", "Nina Noinvoice", D(1, 15));
        var sub = NewSubscription("sub_noinv", "cus_noinv", "active", D(1, 15), [Item("si_noinv", "sub_noinv", prices["price_annual"], 2, D(1, 15), periodEnd, D(1, 15))]);
        Paid("in_noinv_1", "sub_noinv", D(1, 15), [Regular("si_noinv", "price_annual", 120000, 1, D(1, 15), periodEnd)]);
        Emit("customer.subscription.updated", D(6, 10), sub, ItemsChanged());
    }

    /// <summary>Cancellation asked and withdrawn: Basic $20 from 1 Jan; cancel_at_period_end set on 10 Mar, cleared on 20 Mar. Never churns.</summary>
    private void CancellationWithdrawn()
    {
        NewCustomer("cus_undo", "Ulla Undo", D(1, 1));
        var sub = NewSubscription("sub_undo", "cus_undo", "active", D(1, 1), [Item("si_undo", "sub_undo", prices["price_basic"], 1, Month(6), Month(7), D(1, 1))]);
        for (var m = 1; m <= 6; m++)
        {
            Paid($"in_undo_{m}", "sub_undo", Month(m), [Regular("si_undo", "price_basic", 2000, 1, Month(m), Month(m + 1))]);
        }

        Emit("customer.subscription.updated", D(3, 10), sub, new JsonObject { ["cancel_at_period_end"] = false, ["canceled_at"] = null });
        Emit("customer.subscription.updated", D(3, 20), sub, new JsonObject { ["cancel_at_period_end"] = true, ["canceled_at"] = D(3, 10) });
    }

    /// <summary>
    /// pause_collection: Pro $50 from 1 Jan, collection paused on 5 Jun (void, no resume date) after the June invoice was
    /// paid. MRR 0 from when the pause is seen, so June ends at 0 (churn -$50).
    /// </summary>
    private void PausedCollection()
    {
        NewCustomer("cus_pause", "Paul Pause", D(1, 1));
        var sub = NewSubscription("sub_pause", "cus_pause", "active", D(1, 1), [Item("si_pause", "sub_pause", prices["price_pro"], 1, Month(6), Month(7), D(1, 1))]);
        sub["pause_collection"] = new JsonObject { ["behavior"] = "void", ["resumes_at"] = null };
        for (var m = 1; m <= 6; m++)
        {
            Paid($"in_pause_{m}", "sub_pause", Month(m), [Regular("si_pause", "price_pro", 5000, 1, Month(m), Month(m + 1))]);
        }

        Emit("customer.subscription.updated", D(6, 5), sub, new JsonObject { ["pause_collection"] = null });
    }

    /// <summary>
    /// Items on different intervals (flexible billing mode): Basic $20 a month plus Support $240 a year from 1 Feb =
    /// $20 + $20 = $40 MRR (new $40); Support is billed once, on 1 Feb, and stays in every month.
    /// </summary>
    private void ItemsOnDifferentIntervals()
    {
        var yearEnd = D(2, 1) + 366 * 86400L;
        NewCustomer("cus_flex", "Flo Flex", D(2, 1));
        NewSubscription("sub_flex", "cus_flex", "active", D(2, 1), [
            Item("si_flex_basic", "sub_flex", prices["price_basic"], 1, Month(6), Month(7), D(2, 1)),
            Item("si_flex_support", "sub_flex", prices["price_support"], 1, Month(2), yearEnd, D(2, 1))]);
        Paid("in_flex_2", "sub_flex", Month(2), [
            Regular("si_flex_basic", "price_basic", 2000, 1, Month(2), Month(3)),
            Regular("si_flex_support", "price_support", 24000, 1, Month(2), yearEnd)]);
        for (var m = 3; m <= 6; m++)
        {
            Paid($"in_flex_{m}", "sub_flex", Month(m), [Regular("si_flex_basic", "price_basic", 2000, 1, Month(m), Month(m + 1))]);
        }
    }

    /// <summary>
    /// A lost dispute: Pro $50 from 1 Mar; the March charge is disputed on 20 May (funds withdrawn that day) and lost on
    /// 10 Jun: disputes $50 in June, the day it was lost. The closing event is within the 30 days Stripe keeps events
    /// before <see cref="Now"/>, so a full import dates it as the webhooks do.
    /// </summary>
    private void LostDispute()
    {
        NewCustomer("cus_dispute", "Dick Dispute", D(3, 1));
        NewSubscription("sub_dispute", "cus_dispute", "active", D(3, 1), [Item("si_dispute", "sub_dispute", prices["price_pro"], 1, Month(6), Month(7), D(3, 1))]);
        for (var m = 3; m <= 6; m++)
        {
            Paid($"in_dispute_{m}", "sub_dispute", Month(m), [Regular("si_dispute", "price_pro", 5000, 1, Month(m), Month(m + 1))]);
        }

        stripe.Get("ch_in_dispute_3")["disputed"] = true;
        var dispute = Dispute("dp_lost", "ch_in_dispute_3", 5000, D(5, 20), "lost", (D(5, 20), -5000));
        stripe.Put("disputes", dispute);
        Emit("charge.dispute.created", D(5, 20), dispute);
        Emit("charge.dispute.funds_withdrawn", D(5, 20) + 60, dispute);
        Emit("charge.dispute.closed", D(6, 10), dispute);
    }

    /// <summary>A refund that later fails: Basic $20 from 1 Jan; the February charge refunded in full on 10 Feb, the refund failed on 12 Feb. No refund counts.</summary>
    private void RefundThatLaterFails()
    {
        NewCustomer("cus_refail", "Ray Refail", D(1, 1));
        NewSubscription("sub_refail", "cus_refail", "active", D(1, 1), [Item("si_refail", "sub_refail", prices["price_basic"], 1, Month(6), Month(7), D(1, 1))]);
        for (var m = 1; m <= 6; m++)
        {
            Paid($"in_refail_{m}", "sub_refail", Month(m), [Regular("si_refail", "price_basic", 2000, 1, Month(m), Month(m + 1))]);
        }

        var refund = StripeFixtures.Refund("re_refail", "ch_in_refail_2", 2000, D(2, 10));
        refund["status"] = "failed";
        refund["failure_reason"] = "expired_or_canceled_card";
        AddRefund(refund);
        Emit("refund.updated", D(2, 12), refund);
    }

    /// <summary>
    /// A first, prorated invoice with a discount: Pro with 20 % off for ever, started 16 Apr with its billing anchored on
    /// the 1st. The first invoice is half of April ($25 - $5); from 1 May $40 a month. MRR $40 from 16 Apr (new $40).
    /// </summary>
    private void FirstProratedInvoiceWithDiscount()
    {
        NewCustomer("cus_prorate", "Pia Prorate", D(4, 16));
        stripe.Put("discounts", Discount("di_prorate", "co_twenty_forever", "cus_prorate", "sub_prorate", D(4, 16)));
        NewSubscription("sub_prorate", "cus_prorate", "active", D(4, 16),
            [Item("si_prorate", "sub_prorate", prices["price_pro"], 1, Month(6), Month(7), D(4, 16))], discounts: ["di_prorate"]);
        Paid("in_prorate_p", "sub_prorate", D(4, 16), [Prorated("si_prorate", "price_pro", 2500, 1, D(4, 16), Month(5), discount: 500, discountId: "di_prorate")]);
        for (var m = 5; m <= 6; m++)
        {
            Paid($"in_prorate_{m}", "sub_prorate", Month(m), [Regular("si_prorate", "price_pro", 5000, 1, Month(m), Month(m + 1), discount: 1000, discountId: "di_prorate")]);
        }
    }

    /// <summary>A plain cancellation: Basic $20 from 1 Jan, canceled at once on 15 Mar (churn -$20 in March).</summary>
    private void PlainCancellation()
    {
        NewCustomer("cus_churn", "Cal Churn", D(1, 1));
        var sub = NewSubscription("sub_churn", "cus_churn", "canceled", D(1, 1), [Item("si_churn", "sub_churn", prices["price_basic"], 1, Month(3), Month(4), D(1, 1))],
            canceledAt: D(3, 15), endedAt: D(3, 15), reason: "cancellation_requested", feedback: "too_expensive");
        for (var m = 1; m <= 3; m++)
        {
            Paid($"in_churn_{m}", "sub_churn", Month(m), [Regular("si_churn", "price_basic", 2000, 1, Month(m), Month(m + 1))]);
        }

        Emit("customer.subscription.deleted", D(3, 15), sub);
    }

    /// <summary>
    /// A graduated-tier price with a quantity change: Team is a $20 flat fee plus $10 a seat for seats 1-5, $8 for 6-10
    /// and $5 beyond. 4 seats from 1 Feb = 20 + 4 x 10 = $60 (new $60); 7 seats from 16 Apr with proration = 20 + 5 x 10
    /// + 2 x 8 = $86 (expansion +$26), priced from the price's tiers until the May invoice bills it. The proration bills
    /// half of April: -$30 for the 4 seats, +$43 for the 7.
    /// </summary>
    private void GraduatedTiers()
    {
        NewCustomer("cus_grad", "Gina Graduated", D(2, 1));
        var sub = NewSubscription("sub_grad", "cus_grad", "active", D(2, 1), [Item("si_grad", "sub_grad", prices["price_team"], 7, Month(6), Month(7), D(2, 1))]);
        for (var m = 2; m <= 4; m++)
        {
            Paid($"in_grad_{m}", "sub_grad", Month(m), [Regular("si_grad", "price_team", 6000, 4, Month(m), Month(m + 1))]);
        }

        Paid("in_grad_p", "sub_grad", D(4, 16), [
            Prorated("si_grad", "price_team", -3000, 4, D(4, 16), Month(5)),
            Prorated("si_grad", "price_team", 4300, 7, D(4, 16), Month(5))]);
        for (var m = 5; m <= 6; m++)
        {
            Paid($"in_grad_{m}", "sub_grad", Month(m), [Regular("si_grad", "price_team", 8600, 7, Month(m), Month(m + 1))]);
        }

        Emit("customer.subscription.updated", D(4, 16), sub, ItemsChanged());
    }

    /// <summary>
    /// Volume tiers: Volume seats cost $9 each up to 10 seats, and every seat $7 beyond 10. 8 seats from 1 Mar = 8 x 9 =
    /// $72 (new $72); 15 seats from 1 May at the renewal (a scheduled change, no proration) = 15 x 7 = $105 (expansion +$33).
    /// </summary>
    private void VolumeTiers()
    {
        NewCustomer("cus_volume", "Vic Volume", D(3, 1));
        var sub = NewSubscription("sub_volume", "cus_volume", "active", D(3, 1), [Item("si_volume", "sub_volume", prices["price_volume"], 15, Month(6), Month(7), D(3, 1))]);
        for (var m = 3; m <= 6; m++)
        {
            Paid($"in_volume_{m}", "sub_volume", Month(m), [m <= 4
                ? Regular("si_volume", "price_volume", 7200, 8, Month(m), Month(m + 1))
                : Regular("si_volume", "price_volume", 10500, 15, Month(m), Month(m + 1))]);
        }

        Emit("customer.subscription.updated", Month(5), sub, ItemsChanged());
    }

    /// <summary>
    /// A euro subscription on a dollar price: International is $40, and 36 euros in its <c>currency_options</c>; the
    /// subscription's currency is eur, so its invoices and charges are in euros. 1 seat from 1 Jan = 36 euros = $39.60 at
    /// 1.10 (new); 2 seats from 16 Apr with proration = 72 euros = $79.20 (expansion +$39.60), priced from the price's euro
    /// amount until the May invoice bills it. The proration bills half of April: -18 and +36 euros (18 euros = $19.80).
    /// </summary>
    private void EuroOnDollarPrice()
    {
        var customer = Customer("cus_euro", "euro@example.com", "Eva Euro", "DE", D(1, 1));
        customer["currency"] = "eur";
        stripe.Put("customers", customer);
        Emit("customer.created", D(1, 1), customer);
        var sub = NewSubscription("sub_euro", "cus_euro", "active", D(1, 1), [Item("si_euro", "sub_euro", prices["price_intl"], 2, Month(6), Month(7), D(1, 1))],
            currency: "eur");
        for (var m = 1; m <= 4; m++)
        {
            Paid($"in_euro_{m}", "sub_euro", Month(m), [Regular("si_euro", "price_intl", 3600, 1, Month(m), Month(m + 1), currency: "eur")]);
        }

        Paid("in_euro_p", "sub_euro", D(4, 16), [
            Prorated("si_euro", "price_intl", -1800, 1, D(4, 16), Month(5), currency: "eur"),
            Prorated("si_euro", "price_intl", 3600, 2, D(4, 16), Month(5), currency: "eur")]);
        for (var m = 5; m <= 6; m++)
        {
            Paid($"in_euro_{m}", "sub_euro", Month(m), [Regular("si_euro", "price_intl", 7200, 2, Month(m), Month(m + 1), currency: "eur")]);
        }

        Emit("customer.subscription.updated", D(4, 16), sub, ItemsChanged());
    }

    /// <summary>
    /// A tax-inclusive price with a coupon: VAT included is $60 with 20 % VAT inside, at 10 % off for ever from 1 Mar. Each
    /// invoice line is $60 less the $6 discount = $54 charged, of which $9 is VAT on a taxable $45. MRR is the $45
    /// without tax (new $45); cash is the $54 charged.
    /// </summary>
    private void TaxInclusivePrice()
    {
        NewCustomer("cus_vat", "Val Vat", D(3, 1));
        stripe.Put("discounts", Discount("di_vat", "co_ten_forever", "cus_vat", "sub_vat", D(3, 1)));
        NewSubscription("sub_vat", "cus_vat", "active", D(3, 1),
            [Item("si_vat", "sub_vat", prices["price_vat"], 1, Month(6), Month(7), D(3, 1))], discounts: ["di_vat"]);
        for (var m = 3; m <= 6; m++)
        {
            Paid($"in_vat_{m}", "sub_vat", Month(m), [Regular("si_vat", "price_vat", 6000, 1, Month(m), Month(m + 1),
                discount: 600, discountId: "di_vat", taxes: [(900, "inclusive", 4500)])]);
        }
    }

    /// <summary>
    /// A decimal unit amount: Units cost 33.3333 cents each (<c>unit_amount_decimal</c>). 300 from 1 Feb = 9,999.99 cents,
    /// billed $100.00, rounded once (per unit it would be 33 x 300 = $99) (new $100); 450 from 16 Apr with proration =
    /// 14,999.985 cents = $150.00 (per unit $148.50), priced from the price until the May invoice bills it (expansion
    /// +$50). The proration bills half of April: -$50 for the 300, +$75 for the 450.
    /// </summary>
    private void DecimalUnitAmount()
    {
        NewCustomer("cus_decimal", "Dee Decimal", D(2, 1));
        var sub = NewSubscription("sub_decimal", "cus_decimal", "active", D(2, 1), [Item("si_decimal", "sub_decimal", prices["price_units"], 450, Month(6), Month(7), D(2, 1))]);
        for (var m = 2; m <= 4; m++)
        {
            Paid($"in_decimal_{m}", "sub_decimal", Month(m), [Regular("si_decimal", "price_units", 10000, 300, Month(m), Month(m + 1), unitAmountDecimal: "33.3333")]);
        }

        Paid("in_decimal_p", "sub_decimal", D(4, 16), [
            Prorated("si_decimal", "price_units", -5000, 300, D(4, 16), Month(5), unitAmountDecimal: "33.3333"),
            Prorated("si_decimal", "price_units", 7500, 450, D(4, 16), Month(5), unitAmountDecimal: "33.3333")]);
        for (var m = 5; m <= 6; m++)
        {
            Paid($"in_decimal_{m}", "sub_decimal", Month(m), [Regular("si_decimal", "price_units", 15000, 450, Month(m), Month(m + 1), unitAmountDecimal: "33.3333")]);
        }

        Emit("customer.subscription.updated", D(4, 16), sub, ItemsChanged());
    }

    /// <summary>
    /// A period not invoiced yet at the end of the history: Team (the graduated price above), 3 seats from 28 Mar 10:00 =
    /// 20 + 3 x 10 = $50 (new $50), renewing on the 28th; a scheduled change raises it to 12 seats at the 28 Jun 10:00
    /// renewal, whose invoice is still a draft when the account is read (Stripe finalizes it about an hour later). So
    /// June's terms are priced from the price's tiers: 20 + 5 x 10 + 5 x 8 + 2 x 5 = $120 (expansion +$70); no charge in June.
    /// </summary>
    private void PeriodNotInvoicedYet()
    {
        NewCustomer("cus_draft", "Dirk Draft", D(3, 28, 10));
        var sub = NewSubscription("sub_draft", "cus_draft", "active", D(3, 28, 10),
            [Item("si_draft", "sub_draft", prices["price_team"], 12, D(6, 28, 10), D(7, 28, 10), D(3, 28, 10))]);
        for (var m = 3; m <= 5; m++)
        {
            Paid($"in_draft_{m}", "sub_draft", D(m, 28, 10), [Regular("si_draft", "price_team", 5000, 3, D(m, 28, 10), D(m + 1, 28, 10))]);
        }

        var draft = NewInvoice("in_draft_6", "sub_draft", "draft", D(6, 28, 10), [Regular("si_draft", "price_team", 12000, 12, D(6, 28, 10), D(7, 28, 10))]);
        draft["status_transitions"]!["finalized_at"] = null;
        stripe.Put("invoices", draft);
        Emit("customer.subscription.updated", D(6, 28, 10), sub, ItemsChanged());
        Emit("invoice.created", D(6, 28, 10), draft);
    }

    private void NewCustomer(string id, string name, long created)
    {
        var customer = Customer(id, id[4..] + "@example.com", name, "US", created);
        stripe.Put("customers", customer);
        Emit("customer.created", created, customer);
    }

    private JsonObject NewSubscription(string id, string customer, string status, long created, JsonObject[] items,
        long? trialStart = null, long? trialEnd = null, long? canceledAt = null, long? endedAt = null, string[]? discounts = null,
        string? reason = null, string? feedback = null, string currency = "usd")
    {
        var subscription = Subscription(id, customer, status, created, items, trialStart, trialEnd, canceledAt: canceledAt, endedAt: endedAt,
            discounts: discounts, reason: reason, feedback: feedback, currency: currency);
        stripe.Put("subscriptions", subscription);
        Emit("customer.subscription.created", created, subscription);
        return subscription;
    }

    private static JsonObject Metered(JsonObject item)
    {
        item.Remove("quantity");
        return item;
    }

    private static JsonObject ItemsChanged() => new() { ["items"] = new JsonObject { ["data"] = new JsonArray() } };

    /// <summary>A regular (period) line; its id, invoice and subscription are filled in when its invoice is made.</summary>
    private static JsonObject Regular(string item, string price, long amount, int quantity, long start, long end, long discount = 0, string? discountId = null,
        string currency = "usd", string? unitAmountDecimal = null, (long, string, long)[]? taxes = null) =>
        Line("", "", "", item, price, amount, quantity, start, end, discount: discount, discountId: discountId,
            currency: currency, unitAmountDecimal: unitAmountDecimal, taxes: taxes);

    private static JsonObject Prorated(string item, string price, long amount, int quantity, long start, long end, long discount = 0, string? discountId = null,
        string currency = "usd", string? unitAmountDecimal = null) =>
        Line("", "", "", item, price, amount, quantity, start, end, proration: true, discount: discount, discountId: discountId,
            currency: currency, unitAmountDecimal: unitAmountDecimal);

    /// <summary>
    /// A paid invoice of <paramref name="subscription"/> created (finalized) at <paramref name="created"/> and paid at
    /// <paramref name="paidAt"/> (default: at once) by charge <c>ch_{invoice id}</c>, with its payment, payment intent
    /// and balance transaction, and the events Stripe sends for them.
    /// </summary>
    private void Paid(string id, string subscription, long created, JsonObject[] lines, long? paidAt = null, int attempts = 1)
    {
        var customer = (string)stripe.Get(subscription)["customer"]!;
        var paid = paidAt ?? created;
        var invoice = NewInvoice(id, subscription, "paid", created, lines);
        invoice["status_transitions"]!["paid_at"] = paid;
        invoice["attempt_count"] = attempts;
        var total = (long)invoice["total"]!;
        var currency = (string)invoice["currency"]!;
        var intent = "pi_" + id;
        var charge = "ch_" + id;
        var payment = InvoicePayment("inpay_" + id, id, intent, total, paid);
        payment["currency"] = currency;
        var paymentIntent = PaymentIntent(intent, charge, total, paid);
        paymentIntent["currency"] = currency;
        stripe.Put("invoices", invoice);
        stripe.Put("invoice_payments", payment);
        stripe.Put("payment_intents", paymentIntent);
        // The balance settles in the account's dollars; a euro charge at the day's rate (EurRate).
        stripe.Put("balance_transactions", currency == "usd"
            ? BalanceTransaction("txn_" + charge, charge, total, 0, paid)
            : BalanceTransaction("txn_" + charge, charge, (long)Math.Round(total * EurRate, MidpointRounding.AwayFromZero), 0, paid, exchangeRate: EurRate));
        var chargeObject = Charge(charge, customer, total, paid, paid: true, "txn_" + charge, intent, currency);
        stripe.Put("charges", chargeObject);
        Emit("invoice.paid", paid, invoice);
        Emit("charge.succeeded", paid, chargeObject);
    }

    /// <summary>An invoice with no payment: a $0 one (paid, nothing charged) or one still open.</summary>
    private JsonObject Unpaid(string id, string subscription, string status, long created, params JsonObject[] lines)
    {
        var invoice = NewInvoice(id, subscription, status, created, lines);
        stripe.Put("invoices", invoice);
        Emit(status == "paid" ? "invoice.paid" : "invoice.payment_failed", created, invoice);
        return invoice;
    }

    private JsonObject NewInvoice(string id, string subscription, string status, long created, JsonObject[] lines)
    {
        for (var i = 0; i < lines.Length; i++)
        {
            lines[i]["id"] = $"il_{id[3..]}_{i}";
            lines[i]["invoice"] = id;
            lines[i]["parent"]!["subscription_item_details"]!["subscription"] = subscription;
        }

        return Invoice(id, (string)stripe.Get(subscription)["customer"]!, subscription, status, created, created, created, lines);
    }

    private void FailedCharge(string id, string customer, string intent, long amount, long created)
    {
        var charge = Charge(id, customer, amount, created, paid: false, null, intent);
        stripe.Put("charges", charge);
        Emit("charge.failed", created, charge);
    }

    private void AddRefund(JsonObject refund)
    {
        stripe.Put("refunds", refund);
        var created = (long)refund["created"]!;
        Emit("refund.created", created, refund);
        var charge = stripe.Get((string)refund["charge"]!);
        if ((string)refund["status"]! == "succeeded")
        {
            charge["amount_refunded"] = (long)refund["amount"]!;
        }

        Emit("charge.refunded", created, charge);
    }

    /// <summary>
    /// An event of <paramref name="data"/> as it is at that point of the script. Like Stripe, an event never carries a
    /// price's <c>tiers</c> or <c>currency_options</c> (they come only with <c>expand[]</c>), wherever the price sits.
    /// </summary>
    private void Emit(string type, long created, JsonObject data, JsonObject? previous = null)
    {
        var stripeEvent = Event($"evt_{events.Count:000}_{type.Replace('.', '_')}", type, created, data, previous);
        WithoutIncludables(stripeEvent["data"]!["object"]);
        events.Add(stripeEvent);
    }

    private static void WithoutIncludables(JsonNode? node)
    {
        if (node is JsonArray array)
        {
            foreach (var element in array)
            {
                WithoutIncludables(element);
            }
        }
        else if (node is JsonObject obj)
        {
            if ((string?)obj["object"] == "price")
            {
                obj.Remove("tiers");
                obj.Remove("currency_options");
            }

            foreach (var (_, child) in obj)
            {
                WithoutIncludables(child);
            }
        }
    }
}
