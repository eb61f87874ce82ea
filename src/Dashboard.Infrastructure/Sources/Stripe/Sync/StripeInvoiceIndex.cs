using Dashboard.Infrastructure.Sources.Stripe.Api;
using Sdk = Stripe;
using StripeInvoice = Stripe.Invoice;
using StripeInvoiceLine = Stripe.InvoiceLineItem;
using StripeSubscription = Stripe.Subscription;

namespace Dashboard.Infrastructure.Sources.Stripe.Sync;

/// <summary>
/// The account's invoices, read with one paginated list (newest first) as the subscriptions pass goes, grouped by
/// subscription, so the full import rebuilds subscription histories without one invoices request each. Both lists are
/// newest first and a subscription's invoices are never older than it, so before each group of subscriptions the
/// index reads on until the oldest invoice read is older than the group's oldest subscription (<see cref="CoverAsync"/>);
/// a subscription's invoices leave the index when it takes them (<see cref="InvoicesOf"/>). It thus holds about one
/// group's invoices (those of subscriptions not reached yet), whatever the account's size, trimmed to what the history
/// rebuild and the payment links use. It never holds more than a set number: when covering a group would need more,
/// it stops reading until taken invoices make room, and the subscriptions it does not cover read their own invoices
/// as before (an account whose old subscriptions renew for years keeps their renewals here until they are reached).
/// </summary>
internal sealed class StripeInvoiceIndex
{
    private readonly IStripeApi? client;
    private readonly StripeConnection? connection;
    private readonly int limit;
    private readonly Dictionary<string, List<IndexedInvoice>> bySubscription = new(StringComparer.Ordinal);
    private readonly Lock gate = new();

    /// <summary>Subscriptions that took their invoices in this group and the one before (a list restarted from a time reads some again).</summary>
    private HashSet<string> takenNow = new(StringComparer.Ordinal);
    private HashSet<string> takenBefore = new(StringComparer.Ordinal);

    private string? lastRead;
    private bool complete;

    /// <summary>The creation time of the oldest invoice read; null before the first page.</summary>
    private long? oldestRead;

    /// <summary>Invoices read ahead in the background once a group is covered (about the next group's), 0 for none.</summary>
    private readonly int readAhead;

    /// <summary>Ends the read-ahead (the pass is over or the sync stops).</summary>
    private readonly CancellationToken stopReading;

    /// <summary>The read-ahead under way, if any: the next <see cref="CoverAsync"/> waits for it.</summary>
    private Task reading = Task.CompletedTask;

    private StripeInvoiceIndex(IStripeApi? client, StripeConnection? connection, int limit, int readAhead = 0, CancellationToken stopReading = default)
    {
        this.client = client;
        this.connection = connection;
        this.limit = limit;
        this.readAhead = readAhead;
        this.stopReading = stopReading;
    }

    /// <summary>An index that covers nothing: every subscription reads its own invoices.</summary>
    public static readonly StripeInvoiceIndex Empty = new(null, null, 0);

    /// <summary>An index that reads the account's invoice list as <see cref="CoverAsync"/> asks, holding at most <paramref name="limit"/> invoices.</summary>
    /// <param name="readAhead">
    /// Invoices to read in the background once a group is covered, while that group is built and written (the next
    /// group's, usually), so reading overlaps writing; 0 reads only when a group asks.
    /// </param>
    /// <param name="stopReading">Cancelled when the pass ends, to stop a read-ahead under way (then await <see cref="StoppedAsync"/>).</param>
    public static StripeInvoiceIndex Over(
        IStripeApi client, StripeConnection connection, int limit, int readAhead = 0, CancellationToken stopReading = default) =>
        limit <= 0 ? Empty : new StripeInvoiceIndex(client, connection, limit, Math.Max(0, readAhead), stopReading);

    /// <summary>Invoices held now (read and not yet taken).</summary>
    public int Count { get; private set; }

    /// <summary>Every invoice the index has read so far.</summary>
    public int Read { get; private set; }

    /// <summary>Reads the whole list up to <paramref name="limit"/> invoices at once.</summary>
    public static async Task<StripeInvoiceIndex> ReadAsync(
        IStripeApi client, StripeConnection connection, int limit, CancellationToken cancellationToken)
    {
        var index = Over(client, connection, limit);
        await index.CoverAsync(DateTime.MinValue, cancellationToken);
        return index;
    }

    /// <summary>
    /// Starts a new group of subscriptions and reads on until every subscription created after
    /// <paramref name="oldestSubscription"/> minus one second is covered, the list ends, or the index is full.
    /// Not to be called while <see cref="InvoicesOf"/> runs.
    /// </summary>
    public async Task CoverAsync(DateTime oldestSubscription, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            (takenBefore, takenNow) = (takenNow, takenBefore);
            takenNow.Clear();
        }

        if (client is null || connection is null)
        {
            return;
        }

        await reading;

        // Invoices created in the same second as the oldest one read may sit on the next page: strictly older only.
        var wanted = oldestSubscription == DateTime.MinValue ? long.MinValue : StripeTime.Seconds(oldestSubscription);
        await ReadWhileAsync(() => !(oldestRead < wanted), cancellationToken);
        if (readAhead > 0 && !complete && Count < limit)
        {
            var target = Read + readAhead;
            var token = stopReading;
            reading = Task.Run(() => ReadWhileAsync(() => Read < target, token), token);
        }
    }

    /// <summary>The read-ahead under way, once it has ended (its failure, if any, no longer matters: the pass is over).</summary>
    public Task StoppedAsync() =>
        reading.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

    /// <summary>Reads pages while <paramref name="wanted"/> holds and the list goes on, within the limit.</summary>
    private async Task ReadWhileAsync(Func<bool> wanted, CancellationToken cancellationToken)
    {
        Task<Sdk.StripeList<StripeInvoice>>? next = null;
        while (!complete && wanted() && Count < limit)
        {
            var page = await (next ?? client!.ListPageAsync(connection!, StripeListRequest.AllInvoices, lastRead, cancellationToken));
            next = null;
            var more = page.HasMore && page.Data.Count > 0;
            Add(page.Data);
            complete = !more;
            if (!complete && wanted() && Count < limit)
            {
                next = client!.ListPageAsync(connection!, StripeListRequest.AllInvoices, page.Data[^1].Id, cancellationToken);
            }
        }
    }

    private void Add(List<StripeInvoice> invoices)
    {
        lock (gate)
        {
            foreach (var invoice in invoices)
            {
                Read++;
                var created = StripeTime.Seconds(invoice.Created);
                oldestRead = oldestRead is { } o ? Math.Min(o, created) : created;
                lastRead = invoice.Id;
                if (invoice.SubscriptionRef is not { } subscription || takenNow.Contains(subscription) || takenBefore.Contains(subscription))
                {
                    continue;
                }

                if (!bySubscription.TryGetValue(subscription, out var list))
                {
                    bySubscription[subscription] = list = [];
                }

                list.Add(IndexedInvoice.Of(invoice));
                Count++;
            }
        }
    }

    /// <summary>
    /// All of the subscription's invoices, which leave the index, when it holds them all; null when the subscription
    /// must read them itself (older than the invoices read, or already given its invoices once).
    /// </summary>
    public List<StripeInvoice>? InvoicesOf(StripeSubscription subscription)
    {
        lock (gate)
        {
            var covered = complete || (oldestRead is { } oldest && StripeTime.Seconds(subscription.Created) > oldest);
            if (!covered || !takenNow.Add(subscription.Id) || takenBefore.Contains(subscription.Id))
            {
                return null;
            }

            if (!bySubscription.Remove(subscription.Id, out var invoices))
            {
                return [];
            }

            Count -= invoices.Count;
            return invoices.Select(i => i.ToInvoice()).ToList();
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
    Sdk.StripeList<StripeInvoiceLine>? PartialLines, IndexedLine[] Lines, string[]? PaymentRefs, string? Currency = null, string? CollectionMethod = null)
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
        invoice.Currency,
        invoice.CollectionMethod);

    public StripeInvoice ToInvoice() => new()
    {
        Id = Id,
        Status = Status,
        Currency = Currency,
        CollectionMethod = CollectionMethod,
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
