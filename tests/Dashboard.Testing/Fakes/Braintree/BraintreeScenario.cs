using System.Xml.Linq;
using static Dashboard.Testing.Fakes.Braintree.BraintreeXmlBuilder;

namespace Dashboard.Testing.Fakes.Braintree;

/// <summary>
/// The golden Braintree merchant (USD default account, an EUR one), January to April 2024, renderable as it stood at
/// any instant (<see cref="Load"/> with asOf) so a test can sync an earlier state and then bring the rest by webhooks.
/// Its metrics are worked out by hand in the tests that use it.
/// </summary>
public static class BraintreeScenario
{
    public static DateTimeOffset At(int month, int day, int hour = 0) => new(2024, month, day, hour, 0, 0, TimeSpan.Zero);

    public static InMemoryBraintreeData Create(DateTimeOffset? asOf = null)
    {
        var data = new InMemoryBraintreeData();
        Load(data, asOf);
        return data;
    }

    public static void Load(InMemoryBraintreeData data, DateTimeOffset? asOf = null)
    {
        var cutoff = asOf ?? DateTimeOffset.MaxValue;
        data.MerchantAccountList.AddRange([MerchantAccount("acme_usd", "USD", true), MerchantAccount("acme_eur", "EUR", false)]);
        data.PlanList.AddRange([
            Plan("basic", "Basic", 20.00m, "USD", 1),
            Plan("pro", "Pro", 50.00m, "USD", 1),
            Plan("annual", "Annual", 240.00m, "USD", 12),
        ]);
        data.AddOnList.Add(Modification("modification", "seats", "Extra seats", 5.00m));
        data.DiscountList.Add(Modification("modification", "launch", "Launch offer", 10.00m, cycles: 2));

        void Customer(XElement customer)
        {
            if (DateTimeOffset.Parse(customer.Element("created-at")!.Value, System.Globalization.CultureInfo.InvariantCulture) <= cutoff)
            {
                data.Put("customers", customer);
            }
        }

        Customer(BraintreeXmlBuilder.Customer("cus_a", "Alice", "Archer", "alice@example.com", At(1, 1), "US", new Dictionary<string, string> { ["crm-owner"] = "dana" }, "tok_a"));
        Customer(BraintreeXmlBuilder.Customer("cus_b", "Bob", "Baker", "bob@example.de", At(1, 10), "DE", token: "tok_b"));
        Customer(BraintreeXmlBuilder.Customer("cus_c", "Carol", "Chen", "carol@example.co.uk", At(2, 1), "GB", token: "tok_c"));
        Customer(BraintreeXmlBuilder.Customer("cus_e", "Eve", "Evans", "eve@example.fr", At(2, 10), "FR", token: "tok_e"));
        Customer(BraintreeXmlBuilder.Customer("cus_d", "Dave", "Dunn", "dave@example.com", At(3, 5), "US", token: "tok_d"));

        var transactions = new List<XElement>
        {
            Transaction("t_a1", "sale", "settled", 20.00m, "USD", "acme_usd", "cus_a", "sub_a", At(1, 1), serviceFee: 0.59m, planId: "basic"),
            Transaction("t_a2", "sale", "settled", 20.00m, "USD", "acme_usd", "cus_a", "sub_a", At(2, 1), planId: "basic"),
            Transaction("t_a3", "sale", "settled", 30.00m, "USD", "acme_usd", "cus_a", "sub_a", At(2, 15), planId: "pro"),
            Transaction("t_a4", "sale", "settled", 50.00m, "USD", "acme_usd", "cus_a", "sub_a", At(3, 1), planId: "pro"),
            Transaction("t_a5", "sale", "settled", 50.00m, "USD", "acme_usd", "cus_a", "sub_a", At(4, 1), planId: "pro"),
            Transaction("t_b1", "sale", "settled", 30.00m, "USD", "acme_usd", "cus_b", "sub_b", At(1, 24), planId: "basic"),
            Transaction("t_b2", "sale", "settled", 30.00m, "USD", "acme_usd", "cus_b", "sub_b", At(2, 24), planId: "basic"),
            Transaction("t_b3", "sale", "processor_declined", 40.00m, "USD", "acme_usd", "cus_b", "sub_b", At(3, 24, 5), planId: "basic"),
            Transaction("t_c1", "sale", "settled", 240.00m, "USD", "acme_usd", "cus_c", "sub_c", At(2, 1), serviceFee: 2.40m, planId: "annual"),
            Transaction("t_e1", "sale", "settled", 20.00m, "USD", "acme_usd", "cus_e", "sub_e", At(2, 10), planId: "basic"),
            Transaction("t_e1r", "credit", "settled", 20.00m, "USD", "acme_usd", "cus_e", "sub_e", At(2, 20), refundedId: "t_e1"),
            Transaction("t_d0", "sale", "processor_declined", 50.00m, "USD", "acme_usd", "cus_d", "sub_d", At(4, 1), planId: "pro"),
            Transaction("t_d1", "sale", "submitted_for_settlement", 50.00m, "USD", "acme_usd", "cus_d", "sub_d", At(4, 1, 6), planId: "pro"),
            Transaction("t_x1", "sale", "settled", 15.00m, "USD", "acme_usd", "cus_a", null, At(3, 15),
                disputes: cutoff >= At(3, 28) ? [Dispute("dp_x1", "lost", 15.00m, new DateOnly(2024, 3, 28), "USD")] : []),
            Transaction("t_x2", "sale", "voided", 99.00m, "USD", "acme_usd", "cus_b", null, At(3, 16)),
            Transaction("t_x3", "sale", "authorized", 10.00m, "USD", "acme_usd", "cus_b", null, At(4, 2)),
        };
        var visible = transactions.Where(t => Created(t) <= cutoff).ToList();
        foreach (var transaction in visible)
        {
            data.Put("transactions", transaction);
        }

        void Subscription(
            string id, string token, string planId, DateTimeOffset created, DateOnly firstBilling, bool trial, int? cycles,
            (DateTimeOffset At, string Status, decimal Price, decimal Balance, string Plan)[] history,
            XElement[]? addOns = null, XElement[]? discounts = null)
        {
            var events = history.Where(e => e.At <= cutoff).ToList();
            if (created > cutoff || events.Count == 0)
            {
                return;
            }

            var now = events[^1];
            data.Put("subscriptions", new XElement("subscription",
                Text("id", id),
                Money("balance", now.Balance),
                Integer("billing-day-of-month", firstBilling.Day),
                Integer("current-billing-cycle", 1),
                Integer("days-past-due", now.Status == "Past Due" ? 1 : null),
                Integer("failure-count", 0),
                Date("first-billing-date", firstBilling),
                Text("merchant-account-id", "acme_usd"),
                Boolean("never-expires", cycles is null),
                Integer("number-of-billing-cycles", cycles),
                Text("payment-method-token", token),
                Text("plan-id", now.Plan),
                Money("price", now.Price),
                Text("status", now.Status),
                Boolean("trial-period", trial),
                Integer("trial-duration", trial ? 14 : null),
                Text("trial-duration-unit", trial ? "day" : null),
                DateTime("created-at", created),
                DateTime("updated-at", now.At),
                Array("add-ons", addOns ?? []),
                Array("discounts", discounts ?? []),
                Array("status-history", events.OrderByDescending(e => e.At).Select(e => StatusEvent(e.At, e.Status, e.Price, e.Balance, e.Plan, "USD"))),
                Array("transactions", visible.Where(t => t.Element("subscription-id")!.Value == id && t.Element("type")!.Value == "sale")
                    .OrderByDescending(Created).Select(t => new XElement(t)))));
        }

        Subscription("sub_a", "tok_a", "pro", At(1, 1), new DateOnly(2024, 1, 1), false, null,
            [(At(1, 1), "Active", 20.00m, 0m, "basic"), (At(2, 15), "Active", 50.00m, 0m, "pro")]);
        Subscription("sub_b", "tok_b", "basic", At(1, 10), new DateOnly(2024, 1, 24), true, null,
            [(At(1, 10), "Active", 30.00m, 0m, "basic"), (At(3, 24, 6), "Past Due", 30.00m, 40.00m, "basic"), (At(4, 10), "Canceled", 30.00m, 40.00m, "basic")],
            addOns: [Modification("add-on", "seats", "Extra seats", 5.00m, quantity: 2, current: 3)],
            discounts: [Modification("discount", "launch", "Launch offer", 10.00m, quantity: 1, cycles: 2, current: 2)]);
        Subscription("sub_c", "tok_c", "annual", At(2, 1), new DateOnly(2024, 2, 1), false, null,
            [(At(2, 1), "Active", 240.00m, 0m, "annual")]);
        Subscription("sub_e", "tok_e", "basic", At(2, 10), new DateOnly(2024, 2, 10), false, 1,
            [(At(2, 10), "Active", 20.00m, 0m, "basic"), (At(3, 10), "Expired", 20.00m, 0m, "basic")]);
        Subscription("sub_d", "tok_d", "pro", At(3, 5), new DateOnly(2024, 4, 1), false, null,
            [(At(3, 5), "Pending", 50.00m, 0m, "pro"), (At(4, 1), "Active", 50.00m, 0m, "pro")]);
        Subscription("sub_f", "tok_d", "basic", At(3, 5), new DateOnly(2024, 5, 1), false, null,
            [(At(3, 5), "Pending", 20.00m, 0m, "basic"), (At(3, 20), "Canceled", 20.00m, 0m, "basic")]);
    }

    private static DateTimeOffset Created(XElement element) =>
        DateTimeOffset.Parse(element.Element("created-at")!.Value, System.Globalization.CultureInfo.InvariantCulture);
}
