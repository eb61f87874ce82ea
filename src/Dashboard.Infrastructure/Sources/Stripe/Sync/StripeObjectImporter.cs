using System.Collections.Concurrent;
using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Sources.Stripe.Api;
using Dashboard.Infrastructure.Sources.Stripe.Mapping;
using Dashboard.Infrastructure.Sync;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Sdk = Stripe;
using StripeCharge = Stripe.Charge;
using StripeCreditNote = Stripe.CreditNote;
using StripeCustomer = Stripe.Customer;
using StripeDispute = Stripe.Dispute;
using StripeInvoice = Stripe.Invoice;
using StripePrice = Stripe.Price;
using StripeRefund = Stripe.Refund;
using StripeSubscription = Stripe.Subscription;

namespace Dashboard.Infrastructure.Sources.Stripe.Sync;

/// <summary>
/// Maps Stripe objects and writes them to the store: used page by page by the full import and object by object by
/// events and webhooks, so both paths give the same rows. An object that fails is recorded and the rest go on.
/// </summary>
internal sealed class StripeObjectImporter(
    IStripeApi api,
    SourceStoreWriter writer,
    IDbContextFactory<DashboardDbContext> contextFactory,
    IOptions<StripeOptions> options,
    TimeProvider time)
{
    public const string Prices = "prices";
    public const string Customers = "customers";
    public const string Subscriptions = "subscriptions";
    public const string Charges = "charges";
    public const string Refunds = "refunds";
    public const string CreditNotes = "credit_notes";
    public const string Disputes = "disputes";

    private const int LinkRowsPerStatement = 200;

    public Task ImportPricesAsync(StripeSyncScope scope, IReadOnlyList<StripePrice> prices, CancellationToken cancellationToken) =>
        writer.WriteAsync(scope, prices.Select(StripeCatalogMapper.MapPrice).OfType<PlanRecord>()
            .Select(p => new PendingObject(Prices, p.ExternalId, [StripeImportOperations.Plan(p)])).ToList(), cancellationToken);

    public async Task ImportCustomersAsync(StripeSyncScope scope, IReadOnlyList<StripeCustomer> customers, CancellationToken cancellationToken)
    {
        var mapped = customers.Where(c => c.Deleted != true).Select(StripeCatalogMapper.MapCustomer).ToList();
        await writer.WriteAsync(scope, mapped.Select(c => new PendingObject(Customers, c.ExternalId, [StripeImportOperations.Customer(c)])).ToList(), cancellationToken);
        var attributes = mapped.Where(c => c.Attributes.Count > 0)
            .Select(c => new PendingObject("customer_attributes", c.ExternalId, StripeImportOperations.Attributes(c))).ToList();
        await writer.WriteAsync(scope, attributes, cancellationToken);
    }

    /// <summary>
    /// A customer Stripe deleted stays in the store with its history, marked deleted at <paramref name="deletedAt"/>
    /// (with its stored details; a customer the store never had is kept as its id alone, so its subscriptions and
    /// charges can still be imported).
    /// </summary>
    /// <param name="exact">The instant is the <c>customer.deleted</c> event's: it replaces a deletion time inferred
    /// earlier. Otherwise a deletion time already stored is kept.</param>
    public async Task MarkCustomerDeletedAsync(StripeSyncScope scope, string customerId, DateTimeOffset deletedAt, CancellationToken cancellationToken,
        bool exact = false)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var stored = await db.Customers.AsNoTracking()
            .SingleOrDefaultAsync(c => c.SourceId == scope.SourceId && c.ExternalId == customerId, cancellationToken);
        var operation = StripeImportOperations.DeletedCustomer(customerId, stored, exact ? deletedAt : stored?.DeletedAt ?? deletedAt);
        await writer.WriteAsync(scope, [new PendingObject(Customers, customerId, [operation])], cancellationToken);
    }

    /// <summary>
    /// Rebuilds each subscription's history from its invoices (taken from the full import's invoice index, read on
    /// first to cover this group, when it holds them, else read from Stripe, a few subscriptions at a time), stores
    /// the links from its invoices' payments, then writes the page's subscriptions in one batch.
    /// </summary>
    /// <param name="termsSince">Per subscription id, when its current terms began, if an event told.</param>
    /// <param name="invoiceIndex">The account's invoices read by the full import, if any.</param>
    /// <param name="eventDates">Per subscription id, when its collection was paused or its status changed, if an event told.</param>
    public async Task ImportSubscriptionsAsync(
        StripeSyncScope scope,
        IReadOnlyList<StripeSubscription> subscriptions,
        CancellationToken cancellationToken,
        IReadOnlyDictionary<string, DateTimeOffset>? termsSince = null,
        StripeInvoiceIndex? invoiceIndex = null,
        IReadOnlyDictionary<string, SubscriptionEventDates>? eventDates = null)
    {
        if (invoiceIndex is not null && subscriptions.Count > 0)
        {
            await invoiceIndex.CoverAsync(subscriptions.Min(s => s.Created), cancellationToken);
        }

        var plans = await LoadPlansAsync(scope.SourceId, cancellationToken);
        var stored = await LoadLatestStatesAsync(scope.SourceId, subscriptions.Select(s => s.Id).ToList(), cancellationToken);
        var prices = new ConcurrentDictionary<string, Lazy<Task<StripePrice?>>>(StringComparer.Ordinal);
        var clockTimes = await ClockTimesAsync(scope, subscriptions.Select(s => s.TestClockId), cancellationToken);
        var built = new ConcurrentDictionary<int, (SubscriptionRecord Record, List<PaymentLinkRecord> Links)>();
        var failures = new ConcurrentBag<(string Id, string Message)>();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Value.SubscriptionConcurrency, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(subscriptions.Select((s, i) => (s, i)), parallel, async (entry, ct) =>
        {
            try
            {
                var since = termsSince is not null && termsSince.TryGetValue(entry.s.Id, out var at) ? at : (DateTimeOffset?)null;
                var now = entry.s.TestClockId is { } clock ? clockTimes[clock] : time.GetUtcNow();
                var previous = stored.GetValueOrDefault(entry.s.Id);
                var dates = eventDates?.GetValueOrDefault(entry.s.Id) ?? await ImportEventDatesAsync(scope, entry.s, previous, ct);
                if (await BuildAsync(scope, entry.s, plans, prices, since, previous, invoiceIndex, now, dates, ct) is { } result)
                {
                    built[entry.i] = result;
                }
            }
            catch (Exception e) when (e is not OperationCanceledException && !StripeResilience.IsTransient(e, ct))
            {
                failures.Add((entry.s.Id, e.Message));
            }
        });

        foreach (var (id, message) in failures.OrderBy(f => f.Id, StringComparer.Ordinal))
        {
            await writer.RecordErrorAsync(scope, Subscriptions, id, message, cancellationToken);
        }

        var ordered = built.OrderBy(b => b.Key).Select(b => b.Value).ToList();
        await SaveLinksAsync(scope.SourceId, ordered.SelectMany(b => b.Links).ToList(), cancellationToken);
        var pending = new List<PendingObject>();
        foreach (var (record, _) in ordered)
        {
            try
            {
                pending.Add(new PendingObject(Subscriptions, record.ExternalId, StripeImportOperations.Subscription(record)));
            }
            catch (InvalidOperationException e)
            {
                await writer.RecordErrorAsync(scope, Subscriptions, record.ExternalId, e.Message, cancellationToken);
            }
        }

        var deleted = await EnsureCustomersAsync(scope, subscriptions.Select(s => new CustomerReference(
            s.CustomerId, StripeTime.ToInstant(s.StartDate == default ? s.Created : s.StartDate), StripeTime.ToInstant(s.EndedAt ?? s.CanceledAt ?? s.Created))), cancellationToken);
        await writer.WriteAsync(scope, pending, cancellationToken);
        await MarkDeletedAsync(scope, deleted, cancellationToken);
    }

    /// <summary>
    /// Charges that refunds, lost disputes or credit notes name but the store lacks (a webhook that came before the
    /// charge's own) are read and imported first, so the money returned is not lost for want of its charge.
    /// </summary>
    private async Task EnsureChargesAsync(StripeSyncScope scope, IEnumerable<string?> chargeIds, CancellationToken cancellationToken)
    {
        var wanted = chargeIds.OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        if (wanted.Count == 0)
        {
            return;
        }

        List<string> known;
        await using (var db = await contextFactory.CreateDbContextAsync(cancellationToken))
        {
            known = await db.Charges.AsNoTracking()
                .Where(c => c.SourceId == scope.SourceId && wanted.Contains(c.ExternalId))
                .Select(c => c.ExternalId)
                .ToListAsync(cancellationToken);
        }

        var missing = new List<StripeCharge>();
        foreach (var id in wanted.Except(known, StringComparer.Ordinal))
        {
            try
            {
                missing.Add(await api.Client(scope.Connection).V1.Charges.GetAsync(
                    id, new Sdk.ChargeGetOptions { Expand = ["balance_transaction"] }, null, cancellationToken));
            }
            catch (Sdk.StripeException e) when (e.HttpStatusCode == System.Net.HttpStatusCode.NotFound)
            {
                // Unknown to Stripe as well: the write records the reference as an error.
            }
        }

        if (missing.Count > 0)
        {
            await ImportChargesAsync(scope, missing, cancellationToken);
        }
    }

    /// <summary>Charges with their kind and subscription from the payment links; unfinished charges wait for a later sync.</summary>
    public async Task ImportChargesAsync(StripeSyncScope scope, IReadOnlyList<StripeCharge> charges, CancellationToken cancellationToken)
    {
        var references = charges.SelectMany(c => new[] { c.Id, c.PaymentIntentId }).OfType<string>().Distinct().ToList();
        Dictionary<string, PaymentLinkRecord> links;
        await using (var db = await contextFactory.CreateDbContextAsync(cancellationToken))
        {
            links = await db.Set<StripePaymentLink>().AsNoTracking()
                .Where(l => l.SourceId == scope.SourceId && references.Contains(l.PaymentId))
                .ToDictionaryAsync(l => l.PaymentId, l => new PaymentLinkRecord(l.PaymentId, l.SubscriptionExternalId, l.Metered), cancellationToken);
        }

        var pending = new List<PendingObject>();
        foreach (var charge in charges)
        {
            var link = links.GetValueOrDefault(charge.Id) ?? (charge.PaymentIntentId is { } intent ? links.GetValueOrDefault(intent) : null);
            try
            {
                if (StripePaymentMapper.MapCharge(charge, link) is { } record)
                {
                    pending.Add(new PendingObject(Charges, charge.Id, [StripeImportOperations.Charge(record)]));
                }
            }
            catch (InvalidOperationException e)
            {
                await writer.RecordErrorAsync(scope, Charges, charge.Id, e.Message, cancellationToken);
            }
        }

        var deleted = await EnsureCustomersAsync(scope, charges.Select(c => new CustomerReference(
            c.CustomerId, StripeTime.ToInstant(c.Created), StripeTime.ToInstant(c.Created))), cancellationToken);
        await writer.WriteAsync(scope, pending, cancellationToken);
        await MarkDeletedAsync(scope, deleted, cancellationToken);
    }

    public async Task ImportRefundsAsync(StripeSyncScope scope, IReadOnlyList<StripeRefund> refunds, CancellationToken cancellationToken)
    {
        await EnsureChargesAsync(scope, refunds.Where(r => !StripePaymentMapper.IsWithdrawn(r)).Select(r => r.ChargeId), cancellationToken);
        var pending = new List<PendingObject>();
        foreach (var refund in refunds)
        {
            try
            {
                if (StripePaymentMapper.IsWithdrawn(refund))
                {
                    pending.Add(new PendingObject(Refunds, refund.Id, [StripeImportOperations.DeleteRefund(refund.Id)]));
                }
                else if (StripePaymentMapper.MapRefund(refund) is { } record)
                {
                    pending.Add(new PendingObject(Refunds, refund.Id, [StripeImportOperations.Refund(record)]));
                }
            }
            catch (InvalidOperationException e)
            {
                await writer.RecordErrorAsync(scope, Refunds, refund.Id, e.Message, cancellationToken);
            }
        }

        await writer.WriteAsync(scope, pending, cancellationToken);
    }

    /// <summary>
    /// Lost disputes as disputes of their charges (see <see cref="StripePaymentMapper.MapDispute"/>); a dispute in any
    /// other status removes what an earlier sync stored for it (a dispute can be won after its funds were withdrawn).
    /// A lost dispute keeps the day it was lost once known (from its <c>charge.dispute.closed</c> event: the one being
    /// handled, or in a full import the kept events of <see cref="StripeSyncScope.ImportEvents"/>): a later read without
    /// that event never moves it back.
    /// </summary>
    public Task ImportDisputesAsync(StripeSyncScope scope, IReadOnlyList<StripeDispute> disputes, CancellationToken cancellationToken) =>
        ImportDisputesAsync(scope, disputes, cancellationToken, null);

    /// <param name="closedAt">Per dispute id, the time of its <c>charge.dispute.closed</c> event, if one told.</param>
    public async Task ImportDisputesAsync(StripeSyncScope scope, IReadOnlyList<StripeDispute> disputes, CancellationToken cancellationToken,
        IReadOnlyDictionary<string, DateTimeOffset>? closedAt)
    {
        await EnsureChargesAsync(scope, disputes.Where(d => d.Status == "lost").Select(d => d.ChargeId), cancellationToken);
        var lostIds = disputes.Where(d => d.Status == "lost").Select(d => d.Id).ToList();
        Dictionary<string, DateTimeOffset> storedLostAt;
        await using (var db = await contextFactory.CreateDbContextAsync(cancellationToken))
        {
            storedLostAt = await db.Refunds.AsNoTracking()
                .Where(r => r.SourceId == scope.SourceId && lostIds.Contains(r.ExternalId))
                .ToDictionaryAsync(r => r.ExternalId, r => r.CreatedAt, cancellationToken);
        }

        var pending = new List<PendingObject>();
        foreach (var dispute in disputes)
        {
            try
            {
                DateTimeOffset? closed = closedAt is not null && closedAt.TryGetValue(dispute.Id, out var at) ? at
                    : dispute.Status == "lost" && scope.ImportEvents is { } events ? await events.DisputeClosedAtAsync(dispute.Id, cancellationToken)
                    : null;
                DateTimeOffset? stored = storedLostAt.TryGetValue(dispute.Id, out var kept) ? kept : null;
                var lostAt = closed > stored || stored is null ? closed : stored;
                var operation = StripePaymentMapper.MapDispute(dispute, lostAt) is { } record
                    ? StripeImportOperations.Refund(record)
                    : StripeImportOperations.DeleteRefund(dispute.Id);
                pending.Add(new PendingObject(Disputes, dispute.Id, [operation]));
            }
            catch (InvalidOperationException e)
            {
                await writer.RecordErrorAsync(scope, Disputes, dispute.Id, e.Message, cancellationToken);
            }
        }

        await writer.WriteAsync(scope, pending, cancellationToken);
    }

    /// <summary>
    /// Credit notes' out-of-band amounts as refunds of their invoices' charges (see <see cref="StripePaymentMapper.MapCreditNote"/>);
    /// a voided note removes the refund an earlier sync stored for it. Only notes with such an amount read their invoice.
    /// </summary>
    public async Task ImportCreditNotesAsync(StripeSyncScope scope, IReadOnlyList<StripeCreditNote> notes, CancellationToken cancellationToken)
    {
        var pending = new List<PendingObject>();
        foreach (var note in notes)
        {
            try
            {
                if (note.Status == "void")
                {
                    pending.Add(new PendingObject(CreditNotes, note.Id, [StripeImportOperations.DeleteRefund(note.Id)]));
                    continue;
                }

                if (note.Status != "issued" || note.OutOfBandAmount is not > 0)
                {
                    continue;
                }

                var invoice = note.Invoice is { Payments: not null } expanded ? expanded
                    : note.InvoiceId is { } reference
                        ? await api.Client(scope.Connection).V1.Invoices.GetAsync(
                            reference, new Sdk.InvoiceGetOptions { Expand = [.. StripeListRequest.InvoicePaymentsExpand] }, null, cancellationToken)
                        : null;
                var chargeId = invoice is null ? null : StripePaymentMapper.ChargeOf(invoice);
                await EnsureChargesAsync(scope, [chargeId], cancellationToken);
                if (StripePaymentMapper.MapCreditNote(note, chargeId) is { } record)
                {
                    pending.Add(new PendingObject(CreditNotes, note.Id, [StripeImportOperations.Refund(record)]));
                }
            }
            catch (InvalidOperationException e)
            {
                await writer.RecordErrorAsync(scope, CreditNotes, note.Id, e.Message, cancellationToken);
            }
        }

        await writer.WriteAsync(scope, pending, cancellationToken);
    }

    /// <summary>A customer id an object names, with the first and last instants that object shows for it.</summary>
    private sealed record CustomerReference(string? Id, DateTimeOffset First, DateTimeOffset Last);

    /// <summary>
    /// Customers the objects name that the store lacks are read from Stripe before the objects are written: one created
    /// since the customers pass is imported; one Stripe deleted (it leaves the customers list, and is answered as
    /// <c>deleted: true</c>) is stored from what its objects say, created at the first instant they show, and returned
    /// to be marked deleted once its objects are written (so they are marked with it): in a full import at its
    /// <c>customer.deleted</c> event when Stripe still keeps it (30 days), else at the last instant its objects show.
    /// </summary>
    private async Task<Dictionary<string, (DateTimeOffset At, bool Exact)>> EnsureCustomersAsync(
        StripeSyncScope scope, IEnumerable<CustomerReference> references, CancellationToken ct)
    {
        var spans = new Dictionary<string, (DateTimeOffset First, DateTimeOffset Last)>(StringComparer.Ordinal);
        foreach (var reference in references)
        {
            if (reference.Id is not { } id)
            {
                continue;
            }

            spans[id] = spans.TryGetValue(id, out var span)
                ? (Min(span.First, reference.First), Max(span.Last, reference.Last))
                : (reference.First, reference.Last);
        }

        var deleted = new Dictionary<string, (DateTimeOffset At, bool Exact)>(StringComparer.Ordinal);
        if (spans.Count == 0)
        {
            return deleted;
        }

        var ids = spans.Keys.ToList();
        HashSet<string> known;
        await using (var db = await contextFactory.CreateDbContextAsync(ct))
        {
            known = (await db.Customers.AsNoTracking().Where(c => c.SourceId == scope.SourceId && ids.Contains(c.ExternalId))
                .Select(c => c.ExternalId).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        }

        foreach (var id in ids.Where(id => !known.Contains(id)))
        {
            Sdk.Customer customer;
            try
            {
                customer = await api.Client(scope.Connection).V1.Customers.GetAsync(id, null, null, ct);
            }
            catch (Sdk.StripeException e) when (e.HttpStatusCode == System.Net.HttpStatusCode.NotFound)
            {
                continue; // the objects are refused for their unknown customer, and recorded
            }

            if (customer.Deleted == true)
            {
                var (first, last) = spans[id];
                await writer.WriteAsync(scope, [new PendingObject(Customers, id, [StripeImportOperations.DeletedCustomer(id, null, null, first)])], ct);
                var exact = scope.ImportEvents is { } events ? await events.CustomerDeletedAtAsync(id, ct) : null;
                deleted[id] = (exact ?? last, exact is not null);
            }
            else
            {
                await ImportCustomersAsync(scope, [customer], ct);
            }
        }

        return deleted;
    }

    private async Task MarkDeletedAsync(StripeSyncScope scope, Dictionary<string, (DateTimeOffset At, bool Exact)> deleted, CancellationToken ct)
    {
        foreach (var (id, (at, exact)) in deleted)
        {
            await MarkCustomerDeletedAsync(scope, id, at, ct, exact);
        }
    }

    /// <summary>
    /// In a full import, the dates of a paused collection (or of the end of a pause stored earlier) from the recent
    /// <c>customer.subscription.updated</c> events; null when there are none (the history builder falls back).
    /// </summary>
    private static async Task<SubscriptionEventDates?> ImportEventDatesAsync(
        StripeSyncScope scope, StripeSubscription subscription, StoredState? stored, CancellationToken ct)
    {
        var pausedNow = subscription.PauseCollection is not null;
        if (scope.ImportEvents is not { } events || !(pausedNow || stored is { Status: Dashboard.Core.Billing.SubscriptionStatus.Paused }))
        {
            return null;
        }

        return await events.PauseDatesAsync(subscription.Id, pausedNow, ct);
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private async Task<(SubscriptionRecord, List<PaymentLinkRecord>)?> BuildAsync(
        StripeSyncScope scope,
        StripeSubscription subscription,
        ConcurrentDictionary<string, PlanRecord?> plans,
        ConcurrentDictionary<string, Lazy<Task<StripePrice?>>> prices,
        DateTimeOffset? since,
        StoredState? stored,
        StripeInvoiceIndex? invoiceIndex,
        DateTimeOffset now,
        SubscriptionEventDates? eventDates,
        CancellationToken ct)
    {
        var stripe = api.Client(scope.Connection);
        if (subscription.Items is { HasMore: true } items)
        {
            items.Data = await ReadAllAsync(stripe.V1.SubscriptionItems.ListAutoPagingAsync(
                new Sdk.SubscriptionItemListOptions { Subscription = subscription.Id, Limit = options.Value.PageSize }, null, ct));
            items.HasMore = false;
        }

        var invoices = invoiceIndex?.InvoicesOf(subscription)
            ?? await ReadAllAsync(stripe.V1.Invoices.ListAutoPagingAsync(WithLimit(StripeListRequest.InvoicesOf(subscription.Id)), null, ct));
        foreach (var invoice in invoices)
        {
            if (invoice.Lines is { HasMore: true } lines)
            {
                lines.Data = await ReadAllAsync(stripe.V1.Invoices.LineItems.ListAutoPagingAsync(
                    invoice.Id, new Sdk.InvoiceLineItemListOptions { Limit = options.Value.PageSize }, null, ct));
                lines.HasMore = false;
            }
        }

        await EnsurePlansAsync(scope, subscription, invoices, plans, ct);
        PlanRecord? Lookup(string id) => plans.GetValueOrDefault(id);
        var priced = new Dictionary<string, StripePrice?>(StringComparer.Ordinal);
        foreach (var id in PricesToRead(subscription, invoices))
        {
            priced[id] = await prices.GetOrAdd(id, key => new Lazy<Task<StripePrice?>>(() => ReadPriceAsync(scope, key, ct))).Value;
        }

        var failedAttempts = await FailedAttemptsAsync(stripe, invoices, ct);
        if (SubscriptionHistoryBuilder.Build(subscription, invoices, Lookup, since, stored, now, priced.GetValueOrDefault, eventDates, failedAttempts) is not { } record)
        {
            return null;
        }

        var links = invoices.Where(i => i.Status == "paid")
            .SelectMany(i => StripePaymentMapper.MapPaymentLinks(i, subscription.Id, id => Lookup(id)?.IsMetered ?? false))
            .ToList();
        return (record, links);
    }

    /// <summary>
    /// Paid invoices with a failed payment attempt that <c>attempt_count</c> does not show: Stripe counts only automatic
    /// attempts, so a first attempt that failed before the customer paid by hand (hosted invoice page, portal) leaves it
    /// at 1. Their payment intents' charges tell (<c>GET /v1/charges?payment_intent=</c>, failed ones included). Only
    /// invoices collected automatically and paid more than an hour after finalization are read (a first attempt that
    /// succeeded pays within moments), so a normal account costs no extra requests.
    /// </summary>
    private static async Task<HashSet<string>?> FailedAttemptsAsync(Sdk.StripeClient stripe, List<StripeInvoice> invoices, CancellationToken ct)
    {
        HashSet<string>? failed = null;
        foreach (var invoice in invoices.Where(MayHaveFailedOnce))
        {
            var paidAt = invoice.StatusTransitions!.PaidAt!.Value;
            var intents = (invoice.Payments?.Data ?? []).Select(p => p.Payment?.PaymentIntentId)
                .OfType<string>().Where(id => id.StartsWith("pi_", StringComparison.Ordinal)).Distinct(StringComparer.Ordinal);
            foreach (var intent in intents)
            {
                var charges = await ReadAllAsync(stripe.V1.Charges.ListAutoPagingAsync(new Sdk.ChargeListOptions { PaymentIntent = intent }, null, ct));
                if (charges.Any(c => c.Status == "failed" && c.Created <= paidAt))
                {
                    (failed ??= new HashSet<string>(StringComparer.Ordinal)).Add(invoice.Id);
                    break;
                }
            }
        }

        return failed;
    }

    private static bool MayHaveFailedOnce(StripeInvoice invoice) =>
        invoice is { Status: "paid", AttemptCount: <= 1, Total: > 0 }
        && invoice.CollectionMethod != "send_invoice"
        && invoice.StatusTransitions?.PaidAt is { } paid
        && paid - (invoice.StatusTransitions.FinalizedAt ?? invoice.Created) > TimeSpan.FromHours(1);

    /// <summary>
    /// The prices whose terms the rebuild may have to price itself (not billed yet) and whose embedded copy cannot: a
    /// current item on a tiered price, or one billed in another currency than the price's own (<c>tiers</c> and
    /// <c>currency_options</c> are only served when asked for), and the prices mid-period changes moved to.
    /// </summary>
    private static IEnumerable<string> PricesToRead(StripeSubscription subscription, List<StripeInvoice> invoices)
    {
        var items = (subscription.Items?.Data ?? []).Where(i => i.Price is not null).ToList();
        var needed = items
            .Where(i => i.Price.BillingScheme == "tiered" || !string.Equals(i.Price.Currency, subscription.Currency, StringComparison.OrdinalIgnoreCase))
            .Select(i => i.Price.Id);
        var changedTo = invoices.Where(i => i.Status is "paid" or "open" or "uncollectible")
            .SelectMany(i => i.Lines?.Data ?? [])
            .Where(l => l.SubscriptionRef == subscription.Id && l.IsProration && l.Amount > 0 && l.PriceRef is not null)
            .Select(l => l.PriceRef!)
            .Where(id => items.All(i => i.Price.Id != id));
        return needed.Concat(changedTo).Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>A price with its tiers and currency options; null when Stripe no longer has it.</summary>
    private async Task<StripePrice?> ReadPriceAsync(StripeSyncScope scope, string id, CancellationToken ct)
    {
        try
        {
            return await api.Client(scope.Connection).V1.Prices.GetAsync(
                id, new Sdk.PriceGetOptions { Expand = [.. StripeListRequest.PriceAmountsExpand] }, null, ct);
        }
        catch (Sdk.StripeException e) when (e.HttpStatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>Prices a subscription uses that the store lacks (created since the prices pass) are read and imported first.</summary>
    private async Task EnsurePlansAsync(
        StripeSyncScope scope, StripeSubscription subscription, List<StripeInvoice> invoices, ConcurrentDictionary<string, PlanRecord?> plans, CancellationToken ct)
    {
        var ids = (subscription.Items?.Data ?? []).Select(i => i.PriceRef)
            .Concat(invoices.SelectMany(i => i.Lines?.Data ?? []).Where(l => l.Parent?.SubscriptionItemDetails is not null).Select(l => l.PriceRef))
            .OfType<string>().Distinct().Where(id => !plans.ContainsKey(id)).ToList();
        var missing = new List<StripePrice>();
        foreach (var id in ids)
        {
            var price = await api.Client(scope.Connection).V1.Prices.GetAsync(id, new Sdk.PriceGetOptions { Expand = ["product"] }, null, ct);
            plans[id] = StripeCatalogMapper.MapPrice(price);
            missing.Add(price);
        }

        if (missing.Count > 0)
        {
            await ImportPricesAsync(scope, missing, ct);
        }
    }

    /// <summary>
    /// The frozen time of each test clock the subscriptions are on: "now" for the objects on that clock, whose history
    /// is as of the clock's time rather than the wall clock's.
    /// </summary>
    private async Task<Dictionary<string, DateTimeOffset>> ClockTimesAsync(StripeSyncScope scope, IEnumerable<string?> clockIds, CancellationToken ct)
    {
        var times = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var id in clockIds.OfType<string>().Distinct(StringComparer.Ordinal))
        {
            var clock = await api.Client(scope.Connection).V1.TestHelpers.TestClocks.GetAsync(id, null, null, ct);
            times[id] = StripeTime.ToInstant(clock.FrozenTime);
        }

        return times;
    }

    private static async Task<List<T>> ReadAllAsync<T>(IAsyncEnumerable<T> items)
    {
        var all = new List<T>();
        await foreach (var item in items)
        {
            all.Add(item);
        }

        return all;
    }

    private Sdk.InvoiceListOptions WithLimit(Sdk.InvoiceListOptions list)
    {
        list.Limit = options.Value.PageSize;
        return list;
    }

    private async Task<ConcurrentDictionary<string, PlanRecord?>> LoadPlansAsync(long sourceId, CancellationToken ct)
    {
        await using var db = await contextFactory.CreateDbContextAsync(ct);
        var plans = await db.Plans.AsNoTracking().Where(p => p.SourceId == sourceId).ToListAsync(ct);
        return new ConcurrentDictionary<string, PlanRecord?>(plans.Select(p => KeyValuePair.Create(p.ExternalId,
            (PlanRecord?)new PlanRecord(p.ExternalId, p.Name, p.Currency, p.AmountMinor, p.Interval, p.IntervalCount, p.TrialDuration, p.IsMetered))));
    }

    private async Task<Dictionary<string, StoredState>> LoadLatestStatesAsync(long sourceId, List<string> ids, CancellationToken ct)
    {
        await using var db = await contextFactory.CreateDbContextAsync(ct);
        var latest = await db.Subscriptions.AsNoTracking()
            .Where(s => s.SourceId == sourceId && ids.Contains(s.ExternalId))
            .Select(s => new
            {
                s.ExternalId,
                State = s.States.OrderByDescending(x => x.EffectiveFrom)
                    .Select(x => new { x.EffectiveFrom, x.Quantity, x.Status, Plan = db.Plans.Where(p => p.Id == x.PlanId).Select(p => p.ExternalId).First() })
                    .FirstOrDefault(),
            })
            .ToListAsync(ct);
        return latest.Where(l => l.State is not null)
            .ToDictionary(l => l.ExternalId, l => new StoredState(l.State!.EffectiveFrom, l.State.Plan, l.State.Quantity, l.State.Status), StringComparer.Ordinal);
    }

    /// <summary>
    /// Upserts the links with multi-row statements (a few hundred rows each) rather than tracked entities: one
    /// statement per chunk instead of a read and a tracked insert per link; the latest link of a payment wins.
    /// </summary>
    private async Task SaveLinksAsync(long sourceId, List<PaymentLinkRecord> links, CancellationToken ct)
    {
        if (links.Count == 0)
        {
            return;
        }

        var latest = links.GroupBy(l => l.PaymentId).Select(g => g.Last()).ToList();
        await using var db = await contextFactory.CreateDbContextAsync(ct);
        var provider = db.Provider;
        foreach (var chunk in latest.Chunk(LinkRowsPerStatement))
        {
            var parameters = new object[chunk.Length * 4];
            for (var i = 0; i < chunk.Length; i++)
            {
                parameters[4 * i] = sourceId;
                parameters[4 * i + 1] = chunk[i].PaymentId;
                parameters[4 * i + 2] = chunk[i].SubscriptionExternalId;
                parameters[4 * i + 3] = chunk[i].Metered;
            }

            await db.Database.ExecuteSqlRawAsync(PaymentLinkUpsertSql(provider, chunk.Length), parameters, ct);
        }
    }

    /// <summary>
    /// The multi-row upsert of payment links with <paramref name="rows"/> rows of four placeholders each: ON CONFLICT on
    /// SQLite and PostgreSQL, MERGE (holding its range lock, so concurrent writers cannot both insert) on SQL Server.
    /// </summary>
    internal static string PaymentLinkUpsertSql(DatabaseProvider provider, int rows)
    {
        const string Columns = "\"SourceId\", \"PaymentId\", \"SubscriptionExternalId\", \"Metered\"";
        var values = string.Join(", ", Enumerable.Range(0, rows).Select(i => string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"({{{4 * i}}}, {{{4 * i + 1}}}, {{{4 * i + 2}}}, {{{4 * i + 3}}})")));
        if (provider == DatabaseProvider.SqlServer)
        {
            return $"MERGE stripe_payment_links WITH (HOLDLOCK) AS t USING (VALUES {values}) AS s ({Columns}) " +
                   "ON t.\"SourceId\" = s.\"SourceId\" AND t.\"PaymentId\" = s.\"PaymentId\" " +
                   "WHEN MATCHED THEN UPDATE SET \"SubscriptionExternalId\" = s.\"SubscriptionExternalId\", \"Metered\" = s.\"Metered\" " +
                   $"WHEN NOT MATCHED THEN INSERT ({Columns}) VALUES (s.\"SourceId\", s.\"PaymentId\", s.\"SubscriptionExternalId\", s.\"Metered\");";
        }

        return $"INSERT INTO stripe_payment_links ({Columns}) VALUES {values}" +
               " ON CONFLICT (\"SourceId\", \"PaymentId\") DO UPDATE SET \"SubscriptionExternalId\" = excluded.\"SubscriptionExternalId\", \"Metered\" = excluded.\"Metered\"";
    }
}
