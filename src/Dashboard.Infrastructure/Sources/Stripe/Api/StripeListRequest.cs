using Sdk = Stripe;

namespace Dashboard.Infrastructure.Sources.Stripe.Api;

/// <summary>
/// Where one page of a list starts (after or before an object id), how many objects it holds, and the list's
/// segment: the test clock whose objects it lists (test mode only) and the newest creation time it may hold.
/// </summary>
public sealed record StripePage(string? StartingAfter, string? EndingBefore, long Limit, string? TestClock = null, DateTimeOffset? CreatedAtMost = null)
{
    public TOptions Apply<TOptions>(TOptions options)
        where TOptions : Sdk.ListOptions
    {
        options.Limit = Limit;
        options.StartingAfter = StartingAfter;
        options.EndingBefore = EndingBefore;
        return options;
    }

    /// <summary><c>created[lte]</c> when the page is limited to objects created at or before a time.</summary>
    public Sdk.AnyOf<DateTime?, Sdk.DateRangeOptions>? Created
    {
        get
        {
            if (CreatedAtMost is not { } at)
            {
                return null;
            }

            return new Sdk.DateRangeOptions { LessThanOrEqual = at.UtcDateTime };
        }
    }
}

/// <summary>Where a list read resumes: after an object id, on a test clock's segment, among objects created at or before a time.</summary>
public sealed record StripeListPosition(string? StartingAfter, string? TestClock = null, DateTimeOffset? CreatedAtMost = null);

/// <summary>
/// A list endpoint with its fixed filters and expansions, read through Stripe.net's typed service; the paging
/// parameters come from the <see cref="StripePage"/> of each call.
/// </summary>
public sealed record StripeListRequest<T>(
    string Name, Func<Sdk.StripeClient, StripePage, CancellationToken, Task<Sdk.StripeList<T>>> Read)
    where T : Sdk.IHasId
{
    /// <summary>When an object of the list was created: the time checkpoint a list resumes from when its cursor object is gone.</summary>
    public Func<T, DateTime>? CreatedOf { get; init; }
}

/// <summary>The lists the connector reads; every expansion named here is one the pinned API version knows.</summary>
public static class StripeListRequest
{
    public static readonly StripeListRequest<Sdk.Price> Prices = new("prices", (c, p, ct) =>
        c.V1.Prices.ListAsync(p.Apply(new Sdk.PriceListOptions { Created = p.Created, Expand = ["data.product"] }), null, ct))
    {
        CreatedOf = o => o.Created,
    };

    public static readonly StripeListRequest<Sdk.Customer> Customers = new("customers", (c, p, ct) =>
        c.V1.Customers.ListAsync(p.Apply(new Sdk.CustomerListOptions { TestClock = p.TestClock, Created = p.Created }), null, ct))
    {
        CreatedOf = o => o.Created,
    };

    /// <summary>The lists that hide test-clock objects unless asked for one clock: read once more per clock in test mode.</summary>
    public static bool ListsPerTestClock(string name) => name is "customers" or "subscriptions";

    public static readonly StripeListRequest<Sdk.Subscription> Subscriptions = new("subscriptions", (c, p, ct) =>
        c.V1.Subscriptions.ListAsync(p.Apply(new Sdk.SubscriptionListOptions { Status = "all", TestClock = p.TestClock, Created = p.Created, Expand = ["data.discounts.source.coupon"] }), null, ct))
    {
        CreatedOf = o => o.Created,
    };

    public static readonly StripeListRequest<Sdk.Charge> Charges = new("charges", (c, p, ct) =>
        c.V1.Charges.ListAsync(p.Apply(new Sdk.ChargeListOptions { Created = p.Created, Expand = ["data.balance_transaction"] }), null, ct))
    {
        CreatedOf = o => o.Created,
    };

    public static readonly StripeListRequest<Sdk.Refund> Refunds = new("refunds", (c, p, ct) =>
        c.V1.Refunds.ListAsync(p.Apply(new Sdk.RefundListOptions { Created = p.Created }), null, ct))
    {
        CreatedOf = o => o.Created,
    };

    public static readonly StripeListRequest<Sdk.CreditNote> CreditNotes = new("credit_notes", (c, p, ct) =>
        c.V1.CreditNotes.ListAsync(p.Apply(new Sdk.CreditNoteListOptions { Created = p.Created }), null, ct))
    {
        CreatedOf = o => o.Created,
    };

    public static readonly StripeListRequest<Sdk.Dispute> Disputes = new("disputes", (c, p, ct) =>
        c.V1.Disputes.ListAsync(p.Apply(new Sdk.DisputeListOptions { Created = p.Created }), null, ct))
    {
        CreatedOf = o => o.Created,
    };

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
