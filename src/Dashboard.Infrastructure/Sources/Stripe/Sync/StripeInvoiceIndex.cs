using Dashboard.Infrastructure.Sources.Stripe.Api;
using Sdk = Stripe;
using StripeInvoice = Stripe.Invoice;
using StripeInvoiceLine = Stripe.InvoiceLineItem;
using StripeSubscription = Stripe.Subscription;

namespace Dashboard.Infrastructure.Sources.Stripe.Sync;

/// <summary>
/// The account's newest invoices, read with one paginated list (newest first) and grouped by subscription, so the full
/// import rebuilds those subscriptions' histories without one invoices request each. Holds at most a set number of
/// invoices, trimmed to what the history rebuild and the payment links use; when the account has more, only the
/// subscriptions created after the oldest invoice read are covered (a subscription's invoices are never older than
/// it), and the others read their own invoices as before.
/// </summary>
internal sealed class StripeInvoiceIndex
{
    private readonly Dictionary<string, List<IndexedInvoice>> bySubscription;

    /// <summary>Null when every invoice of the account was read; otherwise the creation time of the oldest one read.</summary>
    private readonly long? oldestRead;

    private StripeInvoiceIndex(Dictionary<string, List<IndexedInvoice>> bySubscription, long? oldestRead)
    {
        this.bySubscription = bySubscription;
        this.oldestRead = oldestRead;
    }

    public static readonly StripeInvoiceIndex Empty = new([], long.MaxValue);

    public int Count { get; private init; }

    /// <summary>All of the subscription's invoices when the index holds them all; null when it must read them itself.</summary>
    public List<StripeInvoice>? InvoicesOf(StripeSubscription subscription)
    {
        // Invoices created in the same second as the oldest one read may sit just past the limit: strictly newer only.
        if (oldestRead is { } oldest && StripeTime.Seconds(subscription.Created) <= oldest)
        {
            return null;
        }

        return bySubscription.TryGetValue(subscription.Id, out var invoices) ? invoices.Select(i => i.ToInvoice()).ToList() : [];
    }

    /// <summary>Reads the invoice list page by page (the next page requested while one is sorted) up to <paramref name="limit"/> invoices.</summary>
    public static async Task<StripeInvoiceIndex> ReadAsync(
        IStripeApi client, StripeConnection connection, int limit, CancellationToken cancellationToken)
    {
        if (limit <= 0)
        {
            return Empty;
        }

        var bySubscription = new Dictionary<string, List<IndexedInvoice>>(StringComparer.Ordinal);
        var count = 0;
        long? oldest = null;
        var next = client.ListPageAsync(connection, StripeListRequest.AllInvoices, null, cancellationToken);
        while (true)
        {
            var page = await next;
            var more = page.HasMore && page.Data.Count > 0;
            var full = count + page.Data.Count >= limit;
            var following = more && !full
                ? client.ListPageAsync(connection, StripeListRequest.AllInvoices, page.Data[^1].Id, cancellationToken)
                : null;
            foreach (var invoice in page.Data)
            {
                count++;
                var created = StripeTime.Seconds(invoice.Created);
                oldest = oldest is { } o ? Math.Min(o, created) : created;
                if (invoice.SubscriptionRef is { } subscription)
                {
                    if (!bySubscription.TryGetValue(subscription, out var list))
                    {
                        bySubscription[subscription] = list = [];
                    }

                    list.Add(IndexedInvoice.Of(invoice));
                }
            }

            if (following is null)
            {
                return new StripeInvoiceIndex(bySubscription, more ? oldest : null) { Count = count };
            }

            next = following;
        }
    }
}

/// <summary>
/// An invoice cut down to what the history rebuild and the payment links read (subscription lines' terms and the
/// payments' references), in compact fields rather than Stripe.net's full models, and turned back into a model when
/// a subscription asks for it. A partial page of lines is kept whole and completed later.
/// </summary>
internal sealed record IndexedInvoice(
    string Id, string? Status, DateTime Created, long Total, DateTime? FinalizedAt, DateTime? PaidAt, long AttemptCount,
    Sdk.StripeList<StripeInvoiceLine>? PartialLines, IndexedLine[] Lines, string[]? PaymentRefs, string? Currency = null)
{
    public static IndexedInvoice Of(StripeInvoice invoice) => new(
        invoice.Id,
        invoice.Status,
        invoice.Created,
        invoice.Total,
        invoice.StatusTransitions?.FinalizedAt,
        invoice.StatusTransitions?.PaidAt,
        invoice.AttemptCount,
        invoice.Lines is { HasMore: true } ? invoice.Lines : null,
        invoice.Lines is { HasMore: true } || invoice.Lines is null
            ? []
            : invoice.Lines.Data.Where(l => l.SubscriptionRef is not null).Select(IndexedLine.Of).ToArray(),
        invoice.Payments?.Data.Select(p => p.Payment?.Reference).OfType<string>().ToArray(),
        invoice.Currency);

    public StripeInvoice ToInvoice() => new()
    {
        Id = Id,
        Status = Status,
        Currency = Currency,
        Created = Created,
        Total = Total,
        AttemptCount = AttemptCount,
        StatusTransitions = FinalizedAt is null && PaidAt is null ? null : new Sdk.InvoiceStatusTransitions { FinalizedAt = FinalizedAt, PaidAt = PaidAt },
        Lines = PartialLines ?? new Sdk.StripeList<StripeInvoiceLine> { Data = Lines.Select(l => l.ToLine()).ToList() },
        Payments = PaymentRefs is null ? null : new Sdk.StripeList<Sdk.InvoicePayment>
        {
            Data = PaymentRefs.Select(r => new Sdk.InvoicePayment { Payment = new Sdk.InvoicePaymentPayment { PaymentIntentId = r } }).ToList(),
        },
    };
}

/// <summary>One subscription line of an <see cref="IndexedInvoice"/>; <see cref="InclusiveTax"/> is the tax its amount includes.</summary>
internal sealed record IndexedLine(
    string Id, long Amount, long? Quantity, DateTime? Start, DateTime? End, long? Discount, string? PriceId,
    string? ItemSubscription, string? Item, bool? ItemProration, string? InvoiceItemSubscription, bool? InvoiceItemProration,
    long InclusiveTax = 0)
{
    public static IndexedLine Of(StripeInvoiceLine line) => new(
        line.Id,
        line.Amount,
        line.Quantity,
        line.Period?.Start,
        line.Period?.End,
        line.DiscountAmounts is null ? null : line.DiscountTotal,
        line.PriceRef,
        line.Parent?.SubscriptionItemDetails?.Subscription,
        line.Parent?.SubscriptionItemDetails?.SubscriptionItem,
        line.Parent?.SubscriptionItemDetails?.Proration,
        line.Parent?.InvoiceItemDetails?.Subscription,
        line.Parent?.InvoiceItemDetails?.Proration,
        line.Taxes?.Where(t => t.TaxBehavior == "inclusive").Sum(t => t.Amount) ?? 0);

    public StripeInvoiceLine ToLine() => new()
    {
        Id = Id,
        Amount = Amount,
        Quantity = Quantity,
        Period = Start is { } start ? new Sdk.InvoiceLineItemPeriod { Start = start, End = End ?? start } : null,
        DiscountAmounts = Discount is { } discount ? [new Sdk.InvoiceLineItemDiscountAmount { Amount = discount }] : null,
        Taxes = InclusiveTax == 0 ? null : [new Sdk.InvoiceLineItemTax { Amount = InclusiveTax, TaxBehavior = "inclusive" }],
        Parent = new Sdk.InvoiceLineItemParent
        {
            SubscriptionItemDetails = ItemProration is { } proration
                ? new Sdk.InvoiceLineItemParentSubscriptionItemDetails { Subscription = ItemSubscription, SubscriptionItem = Item, Proration = proration }
                : null,
            InvoiceItemDetails = InvoiceItemProration is { } invoiceItemProration
                ? new Sdk.InvoiceLineItemParentInvoiceItemDetails { Subscription = InvoiceItemSubscription, Proration = invoiceItemProration }
                : null,
        },
        Pricing = PriceId is { } price
            ? new Sdk.InvoiceLineItemPricing { PriceDetails = new Sdk.InvoiceLineItemPricingPriceDetails { PriceId = price } }
            : null,
    };
}
