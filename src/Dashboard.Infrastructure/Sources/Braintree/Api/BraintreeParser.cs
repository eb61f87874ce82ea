using System.Xml.Linq;

namespace Dashboard.Infrastructure.Sources.Braintree.Api;

/// <summary>Turns the gateway's XML elements into the connector's records (see <see cref="BraintreeXml"/> for the rules).</summary>
public static class BraintreeParser
{
    public static BraintreeMerchantAccount MerchantAccount(XElement e) => new(
        e.RequiredText("id"),
        e.RequiredText("currency-iso-code").ToUpperInvariant(),
        e.Boolean("default") ?? false,
        e.Text("status"));

    public static BraintreeModification Modification(XElement e) => new(
        e.RequiredText("id"),
        e.Text("name"),
        e.RequiredDecimal("amount"),
        e.Integer("quantity"),
        e.Integer("number-of-billing-cycles"),
        e.Boolean("never-expires") ?? e.Integer("number-of-billing-cycles") is null,
        e.Integer("current-billing-cycle"),
        e.Text("inherited-from-id"));

    public static BraintreePlan Plan(XElement e) => new(
        e.RequiredText("id"),
        e.Text("name") ?? e.RequiredText("id"),
        e.RequiredDecimal("price"),
        e.Text("currency-iso-code")?.ToUpperInvariant(),
        e.Integer("billing-frequency") ?? throw BraintreeXml.Missing(e, "billing-frequency"),
        e.Boolean("trial-period") ?? false,
        e.Integer("trial-duration"),
        e.Text("trial-duration-unit"),
        e.Array("add-ons").Select(Modification).ToList(),
        e.Array("discounts").Select(Modification).ToList());

    public static BraintreeCustomer Customer(XElement e) => new(
        e.RequiredText("id"),
        e.Text("first-name"),
        e.Text("last-name"),
        e.Text("company"),
        e.Text("email"),
        e.Array("addresses").Select(a => a.Text("country-code-alpha2")).FirstOrDefault(c => !string.IsNullOrEmpty(c))?.ToUpperInvariant(),
        e.RequiredDateTime("created-at"),
        e.Fields("custom-fields"));

    public static BraintreeStatusEvent StatusEvent(XElement e) => new(
        e.RequiredDateTime("timestamp"),
        e.RequiredText("status"),
        e.Decimal("price"),
        e.Decimal("balance"),
        e.Text("plan-id"),
        e.Text("currency-iso-code")?.ToUpperInvariant());

    public static BraintreeSubscription Subscription(XElement e) => new(
        e.RequiredText("id"),
        e.RequiredText("plan-id"),
        e.RequiredDecimal("price"),
        e.Decimal("balance") ?? 0m,
        e.RequiredText("status"),
        e.Text("merchant-account-id"),
        e.Text("payment-method-token"),
        e.RequiredDateTime("created-at"),
        e.Date("first-billing-date"),
        e.Boolean("trial-period") ?? false,
        e.Array("add-ons").Select(Modification).ToList(),
        e.Array("discounts").Select(Modification).ToList(),
        e.Array("status-history").Select(StatusEvent).ToList(),
        e.Array("transactions").Select(Transaction).ToList());

    public static BraintreeDispute Dispute(XElement e) => new(
        e.RequiredText("id"),
        e.RequiredText("status"),
        e.Text("kind"),
        e.Decimal("amount-disputed") ?? e.RequiredDecimal("amount"),
        e.Date("received-date"),
        e.Text("currency-iso-code")?.ToUpperInvariant());

    public static BraintreeTransaction Transaction(XElement e) => new(
        e.RequiredText("id"),
        e.RequiredText("type"),
        e.RequiredText("status"),
        e.RequiredDecimal("amount"),
        e.Text("currency-iso-code")?.ToUpperInvariant(),
        e.Text("merchant-account-id"),
        e.Element("customer") is { } customer && !BraintreeXml.IsNil(customer) ? customer.Text("id") : null,
        e.Text("subscription-id"),
        e.RequiredDateTime("created-at"),
        e.Text("refunded-transaction-id"),
        e.Decimal("service-fee-amount"),
        e.Array("disputes").Select(Dispute).ToList());
}
