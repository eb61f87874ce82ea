using Dashboard.Core.Billing;
using Dashboard.Infrastructure.Sources.Stripe.Mapping;
using static Dashboard.Infrastructure.Tests.Sources.Stripe.History.StripeHistoryJson;

namespace Dashboard.Infrastructure.Tests.Sources.Stripe.History;

/// <summary>
/// Rule 6 of docs/connectors/stripe.md for dunning states an earlier sync stored: when Stripe shows the subscription
/// active again, a stored past_due or unpaid state ends at the payment that recovered it (the first
/// <c>status_transitions.paid_at</c> after the state began), not when this sync saw it.
/// </summary>
public sealed class StoredStatusClosingTests
{
    private static readonly PlanRecord Basic = Plan("basic", 1000);
    private static readonly DateTimeOffset SyncedAt = Instant("2024-06-20");

    private static global::Stripe.Invoice Paid(string month, string paidAt) =>
        Invoice("in_" + month, "paid", month,
            [Line("basic", 1000, month, Instant(month).AddMonths(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))],
            paidAt);

    [Theory]
    [InlineData(SubscriptionStatus.PastDue, "PastDue")]
    [InlineData(SubscriptionStatus.Unpaid, "Unpaid")]
    public void A_stored_dunning_state_ends_at_the_recovering_invoices_paid_at(SubscriptionStatus stored, string shown)
    {
        // March's invoice, finalized on Mar 1, was paid on Mar 12 at 14:30 after an earlier sync stored the subscription as
        // past due (or unpaid) from Mar 1. Its attempt_count stays 1 (the customer paid by hand), so nothing but the stored
        // state tells of the episode. A later invoice, paid on time, must not be taken as the recovery.
        var subscription = Subscription("active", "2024-01-01", [Item("si_1", "basic", 1, "2024-04-01", "2024-05-01")]);
        var invoices = new[]
        {
            Paid("2024-01-01", "2024-01-01"), Paid("2024-02-01", "2024-02-01"),
            Paid("2024-03-01", "2024-03-12T14:30:00Z"), Paid("2024-04-01", "2024-04-01"),
        };

        var record = SubscriptionHistoryBuilder.Build(subscription, invoices, Plans(Basic), null,
            new StoredState(Instant("2024-03-01"), "basic", 1, stored), SyncedAt)!;

        Assert.Equal($"2024-01-01 00:00 basic x1 -0 Active | 2024-03-01 00:00 basic x1 -0 {shown} | 2024-03-12 14:30 basic x1 -0 Active", Describe(record));
    }

    [Fact]
    public void A_stored_dunning_state_with_no_payment_since_is_closed_when_the_sync_sees_it_active()
    {
        // No invoice was paid after the stored state began (Stripe forgave it): the only date left is this sync's.
        var subscription = Subscription("active", "2024-01-01", [Item("si_1", "basic", 1, "2024-03-01", "2024-04-01")]);
        var invoices = new[] { Paid("2024-01-01", "2024-01-01"), Paid("2024-02-01", "2024-02-01") };

        var record = SubscriptionHistoryBuilder.Build(subscription, invoices, Plans(Basic), null,
            new StoredState(Instant("2024-03-01"), "basic", 1, SubscriptionStatus.PastDue), SyncedAt)!;

        Assert.Equal("2024-01-01 00:00 basic x1 -0 Active | 2024-03-01 00:00 basic x1 -0 PastDue | 2024-06-20 00:00 basic x1 -0 Active", Describe(record));
    }
}
