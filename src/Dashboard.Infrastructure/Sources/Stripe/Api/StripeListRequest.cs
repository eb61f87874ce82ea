namespace Dashboard.Infrastructure.Sources.Stripe.Api;

/// <summary>A list endpoint with its fixed filters and expansions; paging parameters are added per page.</summary>
public sealed record StripeListRequest(string Path, IReadOnlyList<KeyValuePair<string, string>> Parameters)
{
    public static StripeListRequest Of(string path, params (string Key, string Value)[] parameters) =>
        new(path, parameters.Select(p => KeyValuePair.Create(p.Key, p.Value)).ToList());

    public static readonly StripeListRequest Products = Of("v1/products");
    public static readonly StripeListRequest Prices = Of("v1/prices", ("expand[]", "data.product"));
    public static readonly StripeListRequest Customers = Of("v1/customers");

    public static readonly StripeListRequest Subscriptions =
        Of("v1/subscriptions", ("status", "all"), ("expand[]", "data.discounts.source.coupon"));

    public static readonly StripeListRequest Charges = Of("v1/charges", ("expand[]", "data.balance_transaction"));
    public static readonly StripeListRequest Refunds = Of("v1/refunds");
    public static readonly StripeListRequest CreditNotes = Of("v1/credit_notes");

    /// <summary>An invoice read for its payments and each payment intent's charge (four levels, Stripe's limit).</summary>
    public static readonly IReadOnlyList<string> InvoicePaymentsExpand = ["payments.data.payment.payment_intent"];
    public static readonly StripeListRequest Events = Of("v1/events");

    /// <summary>The expansions a single subscription is read with, as in <see cref="Subscriptions"/>.</summary>
    public static readonly IReadOnlyList<string> SubscriptionExpand = ["discounts.source.coupon"];

    public static StripeListRequest RefundsOf(string chargeId) => Of("v1/refunds", ("charge", chargeId));

    public static StripeListRequest PricesOf(string productId) => Of("v1/prices", ("product", productId), ("expand[]", "data.product"));

    /// <summary>One subscription's invoices with their payments, to rebuild its history and link charges.</summary>
    public static StripeListRequest InvoicesOf(string subscriptionId) =>
        Of("v1/invoices", ("subscription", subscriptionId), ("expand[]", "data.payments"));

    /// <summary>Every invoice of the account, newest first, with its payments: the full import's single invoice read.</summary>
    public static readonly StripeListRequest AllInvoices = Of("v1/invoices", ("expand[]", "data.payments"));

    /// <summary>Lines past the first page of an invoice.</summary>
    public static StripeListRequest LinesOf(string invoiceId) => Of($"v1/invoices/{Uri.EscapeDataString(invoiceId)}/lines");

    /// <summary>Items past the first page of a subscription.</summary>
    public static StripeListRequest ItemsOf(string subscriptionId) =>
        Of("v1/subscription_items", ("subscription", subscriptionId));

}
