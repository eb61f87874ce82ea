using Dashboard.Core.Billing;
using Dashboard.Infrastructure.Import.Operations;
using Dashboard.Infrastructure.Sources.Stripe.Mapping;
using Dashboard.Infrastructure.Sources.Stripe.Sync;
using static Dashboard.Infrastructure.Tests.Sources.Stripe.History.StripeHistoryJson;

namespace Dashboard.Infrastructure.Tests.Sources.Stripe.History;

/// <summary>The history rules of docs/connectors/stripe.md, one test each, on Stripe objects as the API returns them.</summary>
public sealed class SubscriptionHistoryRuleTests
{
    private static readonly PlanRecord Basic = Plan("basic", 1000);
    private static readonly DateTimeOffset SyncedAt = Instant("2024-06-20");

    private static SubscriptionRecord Build(global::Stripe.Subscription subscription,
        IEnumerable<global::Stripe.Invoice> invoices, Func<string, PlanRecord?>? plans = null,
        DateTimeOffset? since = null, StoredState? stored = null) =>
        SubscriptionHistoryBuilder.Build(subscription, invoices, plans ?? Plans(Basic), since, stored, SyncedAt)!;

    private static global::Stripe.Invoice Monthly(string month, string status = "paid", string? paidAt = null, long attempts = 1)
    {
        var start = Instant(month);
        var end = start.AddMonths(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        return Invoice("in_" + month, status, month, [Line("basic", 1000, month, end)], paidAt ?? (status == "paid" ? month : null), attempts);
    }

    [Fact]
    public void A_dunning_episode_ends_at_the_payment_that_recovers_the_invoice()
    {
        // February's invoice failed its first attempts and was paid on Feb 20: past due from its finalization to then.
        var subscription = Subscription("active", "2024-01-01", [Item("si_1", "basic", 1, "2024-03-01", "2024-04-01")]);
        var record = Build(subscription, [Monthly("2024-01-01"), Monthly("2024-02-01", paidAt: "2024-02-20T08:00:00Z", attempts: 3), Monthly("2024-03-01")]);

        Assert.Equal("2024-01-01 00:00 basic x1 -0 Active | 2024-02-01 00:00 basic x1 -0 PastDue | 2024-02-20 08:00 basic x1 -0 Active", Describe(record));
    }

    [Fact]
    public void A_stored_past_due_or_paused_state_is_closed_when_the_subscription_is_active_again()
    {
        // An earlier sync stored "paused" from Mar 1; the subscription was resumed, which started a new period on Mar 20.
        var subscription = Subscription("active", "2024-01-01", [Item("si_1", "basic", 1, "2024-03-20", "2024-04-20")]);
        var invoices = new[] { Monthly("2024-01-01"), Monthly("2024-02-01"), Invoice("in_resume", "paid", "2024-03-20", [Line("basic", 1000, "2024-03-20", "2024-04-20")], "2024-03-20") };
        var record = Build(subscription, invoices, stored: new StoredState(Instant("2024-03-01"), "basic", 1, SubscriptionStatus.Paused));

        Assert.Equal("2024-01-01 00:00 basic x1 -0 Active | 2024-03-01 00:00 basic x1 -0 Paused | 2024-03-20 00:00 basic x1 -0 Active", Describe(record));
    }

    [Fact]
    public void Each_trial_is_a_state_from_its_start_to_its_end_and_a_later_free_month_keeps_the_paid_months()
    {
        // A 14-day trial at the start (its $0 invoice), paid months, then a free month granted from Jun 1 to Jul 1.
        var subscription = Subscription("trialing", "2024-01-01", [Item("si_1", "basic", 1, "2024-06-01", "2024-07-01")],
            new { trial_start = At("2024-06-01"), trial_end = At("2024-07-01") });
        var invoices = new[]
        {
            Invoice("in_trial", "paid", "2024-01-01", [Line("basic", 0, "2024-01-01", "2024-01-15")], "2024-01-01"),
            Invoice("in_1", "paid", "2024-01-15", [Line("basic", 1000, "2024-01-15", "2024-02-15")], "2024-01-15"),
            Invoice("in_free", "paid", "2024-06-01", [Line("basic", 0, "2024-06-01", "2024-07-01")], "2024-06-01"),
        };
        var record = Build(subscription, invoices);

        Assert.Equal("2024-01-01 00:00 basic x1 -0 Trialing | 2024-01-15 00:00 basic x1 -0 Active | " +
                     "2024-06-01 00:00 basic x1 -0 Trialing | 2024-07-01 00:00 basic x1 -0 Active", Describe(record));
        Assert.Null(record.TrialEnd);
    }

    [Fact]
    public void A_change_without_an_invoice_is_dated_when_it_was_seen_never_back_to_the_period_start()
    {
        // Quantity 1 -> 3 with proration_behavior=none on Feb 18: no invoice, no event; the sync sees it on SyncedAt.
        var subscription = Subscription("active", "2024-01-01", [Item("si_1", "basic", 3, "2024-06-01", "2024-07-01")]);
        var invoices = new[] { Monthly("2024-01-01"), Monthly("2024-02-01"), Monthly("2024-03-01"), Monthly("2024-04-01"), Monthly("2024-05-01") };

        Assert.EndsWith("2024-06-20 00:00 basic x3 -0 Active", Describe(Build(subscription, invoices)), StringComparison.Ordinal);

        // The subscription-updated event dates it exactly.
        Assert.EndsWith("2024-06-05 10:00 basic x3 -0 Active", Describe(Build(subscription, invoices, since: Instant("2024-06-05T10:00:00Z"))), StringComparison.Ordinal);
    }

    [Fact]
    public void A_change_whose_proration_waits_on_a_draft_invoice_is_dated_by_that_pending_item_period()
    {
        var subscription = Subscription("active", "2024-01-01", [Item("si_1", "basic", 3, "2024-02-01", "2024-03-01")]);
        var pending = Invoice("in_draft", "draft", "2024-02-10", [Line("basic", 1286, "2024-02-10T12:00:00Z", "2024-03-01", quantity: 2, proration: true)]);

        var record = Build(subscription, [Monthly("2024-01-01"), Monthly("2024-02-01"), pending]);

        Assert.Equal("2024-01-01 00:00 basic x1 -0 Active | 2024-02-10 12:00 basic x3 -0 Active", Describe(record));
    }

    [Fact]
    public void Licensed_and_metered_items_together_give_the_same_history_on_every_rebuild()
    {
        var usage = Plan("usage", 5, metered: true);
        var subscription = Subscription("active", "2024-01-01",
            [Item("si_1", "basic", 1, "2024-02-01", "2024-03-01"), Item("si_2", "usage", 0, "2024-02-01", "2024-03-01", 5, usage: "metered")]);
        var invoices = new[]
        {
            Invoice("in_1", "paid", "2024-01-01", [Line("basic", 1000, "2024-01-01", "2024-02-01")], "2024-01-01"),
            Invoice("in_2", "paid", "2024-02-01", [Line("basic", 1000, "2024-02-01", "2024-03-01"), Line("usage", 250, "2024-01-01", "2024-02-01", 50, item: "si_2")], "2024-02-01"),
        };

        var first = Build(subscription, invoices, Plans(Basic, usage));
        var last = first.States[^1];
        var again = Build(subscription, invoices, Plans(Basic, usage), stored: new StoredState(last.EffectiveFrom, last.PlanExternalId, last.Quantity, last.Status));

        Assert.Equal("2024-01-01 00:00 basic x1 -0 Active", Describe(first));
        Assert.Equal(Describe(first), Describe(again));
    }

    [Fact]
    public void Pause_collection_holds_the_subscription_at_zero_from_when_it_was_seen_until_it_resumes()
    {
        var subscription = Subscription("active", "2024-01-01", [Item("si_1", "basic", 1, "2024-06-01", "2024-07-01")],
            new { pause_collection = new { behavior = "void", resumes_at = At("2024-08-01") } });
        var invoices = new[] { Monthly("2024-05-01") };

        var record = Build(subscription, invoices, since: Instant("2024-06-10T09:00:00Z"));

        Assert.Equal("2024-01-01 00:00 basic x1 -0 Active | 2024-06-10 09:00 basic x1 -0 Paused | 2024-08-01 00:00 basic x1 -0 Active", Describe(record));
    }

    [Fact]
    public void Items_on_different_intervals_stay_in_every_period_priced_per_period_of_the_main_plan()
    {
        // Flexible billing mode: basic monthly plus a $120 yearly add-on billed once a year.
        var yearly = Plan("support", 12000, BillingInterval.Year);
        var subscription = Subscription("active", "2024-01-01",
            [Item("si_1", "basic", 1, "2024-03-01", "2024-04-01"), Item("si_2", "support", 1, "2024-01-01", "2025-01-01", 12000, "year")]);
        var invoices = new[]
        {
            Invoice("in_1", "paid", "2024-01-01", [Line("basic", 1000, "2024-01-01", "2024-02-01"), Line("support", 12000, "2024-01-01", "2025-01-01", item: "si_2")], "2024-01-01"),
            Monthly("2024-02-01"),
            Monthly("2024-03-01"),
        };

        var record = Build(subscription, invoices, Plans(Basic, yearly));

        Assert.Equal("2024-01-01 00:00 basic x1 -0 Active +support:1000x1", Describe(record));
    }

    [Fact]
    public void A_first_prorated_invoice_keeps_its_discount()
    {
        // Started Jan 15 with the billing anchor on Feb 1 and 50 % off: the first invoice is a proration for Jan 15-Feb 1.
        var subscription = Subscription("active", "2024-01-15", [Item("si_1", "basic", 1, "2024-02-01", "2024-03-01")]);
        var invoices = new[]
        {
            Invoice("in_1", "paid", "2024-01-15", [Line("basic", 548, "2024-01-15", "2024-02-01", proration: true, discount: 274)], "2024-01-15"),
            Invoice("in_2", "paid", "2024-02-01", [Line("basic", 1000, "2024-02-01", "2024-03-01", discount: 500)], "2024-02-01"),
        };

        Assert.Equal("2024-01-15 00:00 basic x1 -500 Active", Describe(Build(subscription, invoices)));
    }

    [Fact]
    public void Withdrawing_a_cancellation_clears_the_stored_request()
    {
        // cancel_at_period_end was set, then cleared: Stripe shows no cancellation any more.
        var subscription = Subscription("active", "2024-01-01", [Item("si_1", "basic", 1, "2024-03-01", "2024-04-01")],
            new { cancel_at_period_end = false });
        var record = Build(subscription, [Monthly("2024-01-01"), Monthly("2024-02-01"), Monthly("2024-03-01")]);

        var operations = StripeImportOperations.Subscription(record);

        Assert.Contains(operations, o => o is SubscriptionUncancellation { Oid: Sub });
    }
}
