using Sdk = Stripe;

namespace Dashboard.Infrastructure.Sources.Stripe.Api;

/// <summary>Where one page of a list starts: after or before an object id, and how many objects it holds.</summary>
public sealed record StripePage(string? StartingAfter, string? EndingBefore, long Limit)
{
    public TOptions Apply<TOptions>(TOptions options)
        where TOptions : Sdk.ListOptions
    {
        options.Limit = Limit;
        options.StartingAfter = StartingAfter;
        options.EndingBefore = EndingBefore;
        return options;
    }
}

/// <summary>
/// A list endpoint with its fixed filters and expansions, read through Stripe.net's typed service; the paging
/// parameters come from the <see cref="StripePage"/> of each call.
/// </summary>
public sealed record StripeListRequest<T>(
    string Name, Func<Sdk.StripeClient, StripePage, CancellationToken, Task<Sdk.StripeList<T>>> Read)
    where T : Sdk.IHasId;

/// <summary>The lists the connector reads; every expansion named here is one the pinned API version knows.</summary>
public static class StripeListRequest
{
    public static readonly StripeListRequest<Sdk.Price> Prices = new("prices", (c, p, ct) =>
        c.V1.Prices.ListAsync(p.Apply(new Sdk.PriceListOptions { Expand = ["data.product"] }), null, ct));

    public static readonly StripeListRequest<Sdk.Customer> Customers = new("customers", (c, p, ct) =>
        c.V1.Customers.ListAsync(p.Apply(new Sdk.CustomerListOptions()), null, ct));

    public static readonly StripeListRequest<Sdk.Subscription> Subscriptions = new("subscriptions", (c, p, ct) =>
        c.V1.Subscriptions.ListAsync(p.Apply(new Sdk.SubscriptionListOptions { Status = "all", Expand = ["data.discounts.source.coupon"] }), null, ct));

    public static readonly StripeListRequest<Sdk.Charge> Charges = new("charges", (c, p, ct) =>
        c.V1.Charges.ListAsync(p.Apply(new Sdk.ChargeListOptions { Expand = ["data.balance_transaction"] }), null, ct));

    public static readonly StripeListRequest<Sdk.Refund> Refunds = new("refunds", (c, p, ct) =>
        c.V1.Refunds.ListAsync(p.Apply(new Sdk.RefundListOptions()), null, ct));

    public static readonly StripeListRequest<Sdk.CreditNote> CreditNotes = new("credit_notes", (c, p, ct) =>
        c.V1.CreditNotes.ListAsync(p.Apply(new Sdk.CreditNoteListOptions()), null, ct));

    public static readonly StripeListRequest<Sdk.Dispute> Disputes = new("disputes", (c, p, ct) =>
        c.V1.Disputes.ListAsync(p.Apply(new Sdk.DisputeListOptions()), null, ct));

    /// <summary>Every invoice of the account, newest first, with its payments: the full import's single invoice read.</summary>
    public static readonly StripeListRequest<Sdk.Invoice> AllInvoices = new("invoices", (c, p, ct) =>
        c.V1.Invoices.ListAsync(p.Apply(new Sdk.InvoiceListOptions { Expand = ["data.payments"] }), null, ct));

    public static readonly StripeListRequest<Sdk.Event> Events = new("events", (c, p, ct) =>
        c.V1.Events.ListAsync(p.Apply(new Sdk.EventListOptions()), null, ct));

    /// <summary>The expansions a single subscription is read with, as in <see cref="Subscriptions"/>.</summary>
    public static readonly IReadOnlyList<string> SubscriptionExpand = ["discounts.source.coupon"];

    /// <summary>A price read for the amounts it charges: its tiers and its other currencies are only served when asked for.</summary>
    public static readonly IReadOnlyList<string> PriceAmountsExpand = ["tiers", "currency_options"];

    /// <summary>An invoice read for its payments and each payment intent's charge (four levels, Stripe's limit).</summary>
    public static readonly IReadOnlyList<string> InvoicePaymentsExpand = ["payments.data.payment.payment_intent"];

    /// <summary>One subscription's invoices with their payments, to rebuild its history and link charges.</summary>
    public static Sdk.InvoiceListOptions InvoicesOf(string subscriptionId) =>
        new() { Subscription = subscriptionId, Expand = ["data.payments"] };

}
