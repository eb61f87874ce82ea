using Dashboard.Infrastructure.Sources.Stripe.Api;

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
    private readonly Dictionary<string, List<StripeInvoice>> bySubscription;

    /// <summary>Null when every invoice of the account was read; otherwise the creation time of the oldest one read.</summary>
    private readonly long? oldestRead;

    private StripeInvoiceIndex(Dictionary<string, List<StripeInvoice>> bySubscription, long? oldestRead)
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
        if (oldestRead is { } oldest && subscription.Created <= oldest)
        {
            return null;
        }

        return bySubscription.TryGetValue(subscription.Id, out var invoices) ? [.. invoices] : [];
    }

    /// <summary>Reads the invoice list page by page (the next page requested while one is sorted) up to <paramref name="limit"/> invoices.</summary>
    public static async Task<StripeInvoiceIndex> ReadAsync(
        IStripeClient client, StripeConnection connection, int limit, CancellationToken cancellationToken)
    {
        if (limit <= 0)
        {
            return Empty;
        }

        var bySubscription = new Dictionary<string, List<StripeInvoice>>(StringComparer.Ordinal);
        var count = 0;
        long? oldest = null;
        var next = client.ListPageAsync<StripeInvoice>(connection, StripeListRequest.AllInvoices, null, cancellationToken);
        while (true)
        {
            var page = await next;
            var more = page.HasMore && page.Data.Count > 0;
            var full = count + page.Data.Count >= limit;
            var following = more && !full
                ? client.ListPageAsync<StripeInvoice>(connection, StripeListRequest.AllInvoices, page.Data[^1].Id, cancellationToken)
                : null;
            foreach (var invoice in page.Data)
            {
                count++;
                oldest = oldest is { } o ? Math.Min(o, invoice.Created) : invoice.Created;
                if (invoice.SubscriptionId is { } subscription)
                {
                    if (!bySubscription.TryGetValue(subscription, out var list))
                    {
                        bySubscription[subscription] = list = [];
                    }

                    list.Add(Trim(invoice));
                }
            }

            if (following is null)
            {
                return new StripeInvoiceIndex(bySubscription, more ? oldest : null) { Count = count };
            }

            next = following;
        }
    }

    /// <summary>
    /// Keeps only what the history rebuild and the payment links read: subscription lines' terms and the payments'
    /// references. A partial page of lines is kept whole and completed later.
    /// </summary>
    private static StripeInvoice Trim(StripeInvoice invoice) => new()
    {
        Id = invoice.Id,
        Status = invoice.Status,
        Created = invoice.Created,
        Total = invoice.Total,
        AttemptCount = invoice.AttemptCount,
        StatusTransitions = invoice.StatusTransitions is { } transitions
            ? new StripeStatusTransitions { FinalizedAt = transitions.FinalizedAt, PaidAt = transitions.PaidAt }
            : null,
        Lines = invoice.Lines.HasMore
            ? invoice.Lines
            : new StripeList<StripeInvoiceLine> { Data = invoice.Lines.Data.Where(l => l.SubscriptionId is not null).Select(TrimLine).ToList() },
        Payments = invoice.Payments is null ? null : new StripeList<StripeInvoicePayment>
        {
            Data = invoice.Payments.Data.Where(p => p.Payment?.Reference is not null)
                .Select(p => new StripeInvoicePayment { Id = p.Id, Payment = new StripeInvoicePaymentRef { PaymentIntent = new StripeExpandable<StripePaymentIntent>(p.Payment!.Reference!, null) } })
                .ToList(),
        },
    };

    private static StripeInvoiceLine TrimLine(StripeInvoiceLine line) => new()
    {
        Id = line.Id,
        Amount = line.Amount,
        Quantity = line.Quantity,
        Period = line.Period,
        DiscountAmounts = line.DiscountAmounts?.Select(d => new StripeDiscountAmount { Amount = d.Amount }).ToList(),
        Parent = line.Parent,
        Pricing = line.PriceId is { } price
            ? new StripeLinePricing { PriceDetails = new StripePriceDetails { Price = new StripeExpandable<StripePrice>(price, null) } }
            : null,
    };
}
