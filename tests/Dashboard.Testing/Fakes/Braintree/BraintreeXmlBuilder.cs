using System.Globalization;
using System.Xml.Linq;

namespace Dashboard.Testing.Fakes.Braintree;

/// <summary>Builds gateway XML as Braintree writes it: dashed names, type attributes, nil="true" for nulls.</summary>
public static class BraintreeXmlBuilder
{
    public static XElement Text(string name, string? value) =>
        value is null ? new XElement(name, new XAttribute("nil", "true")) : new XElement(name, value);

    public static XElement Typed(string name, string type, string? value) =>
        value is null
            ? new XElement(name, new XAttribute("type", type), new XAttribute("nil", "true"))
            : new XElement(name, new XAttribute("type", type), value);

    public static XElement Integer(string name, int? value) => Typed(name, "integer", value?.ToString(CultureInfo.InvariantCulture));

    public static XElement Boolean(string name, bool value) => Typed(name, "boolean", value ? "true" : "false");

    public static XElement DateTime(string name, DateTimeOffset? value) =>
        Typed(name, "datetime", value?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));

    public static XElement Date(string name, DateOnly? value) => Typed(name, "date", value?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

    /// <summary>Amounts carry no type attribute: "20.00".</summary>
    public static XElement Money(string name, decimal? value) => Text(name, value?.ToString("0.00", CultureInfo.InvariantCulture));

    public static XElement Array(string name, IEnumerable<XElement> items) => new(name, new XAttribute("type", "array"), items);

    public static XElement MerchantAccount(string id, string currency, bool isDefault) =>
        new("merchant-account",
            Text("id", id),
            Text("currency-iso-code", currency),
            Text("status", "active"),
            Boolean("default", isDefault));

    public static XElement Modification(string element, string id, string name, decimal amount, int? quantity = null, int? cycles = null, int? current = null) =>
        new(element,
            Text("id", id),
            Text("name", name),
            Text("description", null),
            Text("kind", element == "discount" ? "discount" : "add_on"),
            Money("amount", amount),
            Integer("quantity", quantity),
            Integer("number-of-billing-cycles", cycles),
            Boolean("never-expires", cycles is null),
            Integer("current-billing-cycle", current),
            Text("inherited-from-id", null),
            DateTime("created-at", new DateTimeOffset(2023, 12, 1, 0, 0, 0, TimeSpan.Zero)),
            DateTime("updated-at", new DateTimeOffset(2023, 12, 1, 0, 0, 0, TimeSpan.Zero)));

    public static XElement Plan(string id, string name, decimal price, string currency, int frequency, int? trialDays = null) =>
        new("plan",
            Text("id", id),
            Text("merchant-id", FakeBraintreeServer.MerchantId),
            Integer("billing-day-of-month", null),
            Integer("billing-frequency", frequency),
            Text("currency-iso-code", currency),
            Text("description", null),
            Text("name", name),
            Integer("number-of-billing-cycles", null),
            Money("price", price),
            Boolean("trial-period", trialDays is not null),
            Integer("trial-duration", trialDays),
            Text("trial-duration-unit", trialDays is null ? null : "day"),
            DateTime("created-at", new DateTimeOffset(2023, 12, 1, 0, 0, 0, TimeSpan.Zero)),
            DateTime("updated-at", new DateTimeOffset(2023, 12, 1, 0, 0, 0, TimeSpan.Zero)),
            Array("add-ons", []),
            Array("discounts", []));

    public static XElement Customer(string id, string? first, string? last, string? email, DateTimeOffset created, string? country = null, IReadOnlyDictionary<string, string>? customFields = null, string? token = null) =>
        new("customer",
            Text("id", id),
            Text("merchant-id", FakeBraintreeServer.MerchantId),
            Text("first-name", first),
            Text("last-name", last),
            Text("company", null),
            Text("email", email),
            Text("phone", null),
            DateTime("created-at", created),
            DateTime("updated-at", created),
            new XElement("custom-fields", (customFields ?? new Dictionary<string, string>()).Select(f => new XElement(f.Key, f.Value))),
            Array("addresses", country is null ? [] : [new XElement("address", Text("id", "ad" + id), Text("customer-id", id), Text("country-code-alpha2", country))]),
            Array("credit-cards", token is null ? [] : [new XElement("credit-card", Text("token", token), Text("customer-id", id), Text("card-type", "Visa"), Text("last-4", "1111"))]),
            Array("paypal-accounts", []));

    public static XElement StatusEvent(DateTimeOffset at, string status, decimal price, decimal balance, string planId, string currency, string source = "api") =>
        new("status-event",
            DateTime("timestamp", at),
            Money("balance", balance),
            Money("price", price),
            Text("status", status),
            Text("currency-iso-code", currency),
            Text("plan-id", planId),
            Text("subscription-source", source),
            Text("user", null));

    public static XElement Dispute(string id, string status, decimal amount, DateOnly received, string currency) =>
        new("dispute",
            Text("id", id),
            Money("amount", amount),
            Money("amount-disputed", amount),
            Money("amount-won", status == "won" ? amount : 0m),
            Text("currency-iso-code", currency),
            Text("kind", "chargeback"),
            Text("reason", "fraud"),
            Text("status", status),
            Date("received-date", received),
            Date("reply-by-date", received.AddDays(7)));

    public static XElement Transaction(
        string id, string type, string status, decimal amount, string currency, string merchantAccount, string? customerId, string? subscriptionId,
        DateTimeOffset created, string? refundedId = null, decimal? serviceFee = null, IEnumerable<XElement>? disputes = null, string? planId = null) =>
        new("transaction",
            Text("id", id),
            Text("status", status),
            Text("type", type),
            Text("currency-iso-code", currency),
            Money("amount", amount),
            Text("merchant-account-id", merchantAccount),
            Text("order-id", null),
            DateTime("created-at", created),
            DateTime("updated-at", created),
            new XElement("customer", Text("id", customerId), Text("first-name", null), Text("email", null)),
            Text("subscription-id", subscriptionId),
            Text("plan-id", planId),
            Text("refunded-transaction-id", refundedId),
            Array("refund-ids", []),
            Money("service-fee-amount", serviceFee),
            Array("disputes", disputes ?? []),
            Array("add-ons", []),
            Array("discounts", []),
            Array("status-history", [new XElement("status-event", DateTime("timestamp", created), Text("status", status), Money("amount", amount))]));
}
