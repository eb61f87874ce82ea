using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Sources.Stripe.Api;
using Dashboard.Infrastructure.Sources.Stripe.Sync;
using Microsoft.EntityFrameworkCore;
using Sdk = Stripe;

namespace Dashboard.Infrastructure.Sources.Stripe.Events;

/// <summary>What became of one event handed to <see cref="StripeEventLedger.ApplyOnceAsync"/>.</summary>
public enum StripeEventOutcome
{
    Applied,

    /// <summary>The event id was already processed (a duplicate delivery, or a webhook the events sync also lists).</summary>
    Duplicate,

    /// <summary>
    /// The store already holds a newer event of the event's object: the handler ran (it reads the current object), and
    /// only what this event alone tells was taken from it.
    /// </summary>
    Superseded,

    /// <summary>A type the dashboard does not read.</summary>
    Ignored,
}

/// <summary>
/// Applies each Stripe event once and in object order, whether it comes from a webhook or the events list: an event
/// id already processed is skipped. The handlers read the object again in the pinned version, so what is applied is
/// always Stripe's current state, whatever the order: an event older than the newest one applied for its object (a
/// retried <c>customer.subscription.updated</c> arriving after <c>.deleted</c>) is recorded as superseded, and its
/// handler is told so (<see cref="StripeEventOrder"/>) and takes from it only what nothing newer tells.
/// </summary>
public sealed class StripeEventLedger(
    IDbContextFactory<DashboardDbContext> contextFactory,
    StripeEventDispatcher dispatcher,
    TimeProvider time)
{
    public const string ViaWebhook = "webhook";
    public const string ViaEvents = "events";

    /// <summary>Records an event as received and not processed yet (a webhook, before its job runs); false if already known.</summary>
    public async Task<bool> RecordReceivedAsync(long sourceId, Sdk.Event stripeEvent, string via, CancellationToken cancellationToken)
    {
        if (!dispatcher.Handles(stripeEvent.Type))
        {
            // Nothing will ever apply it, so it must not wait in the ledger (the Sources page counts what waits).
            return false;
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (await db.Set<StripeEventRecord>().AnyAsync(e => e.SourceId == sourceId && e.EventId == stripeEvent.Id, cancellationToken))
        {
            return false;
        }

        db.Add(NewRecord(sourceId, stripeEvent, via));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            // The same event recorded at the same moment by another delivery: it is known either way.
            return false;
        }
    }

    public async Task<StripeEventOutcome> ApplyOnceAsync(StripeSyncScope scope, Sdk.Event stripeEvent, string via, CancellationToken cancellationToken)
    {
        if (!dispatcher.Handles(stripeEvent.Type))
        {
            return StripeEventOutcome.Ignored;
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var record = await db.Set<StripeEventRecord>()
            .SingleOrDefaultAsync(e => e.SourceId == scope.SourceId && e.EventId == stripeEvent.Id, cancellationToken);
        if (record is { Status: StripeEventStatus.Applied or StripeEventStatus.Superseded })
        {
            return StripeEventOutcome.Duplicate;
        }

        if (record is null)
        {
            record = NewRecord(scope.SourceId, stripeEvent, via);
            db.Add(record);
        }

        // The version is claimed before the handler runs, with a conditional update, so two workers applying events of
        // one object at once can neither roll it back nor fail on its unique index.
        var created = StripeTime.ToInstant(stripeEvent.Created);
        var objectId = stripeEvent.ObjectId;
        var newest = objectId is null || await StripeObjectVersions.ClaimAsync(contextFactory, scope.SourceId, objectId, created, stripeEvent.Id, cancellationToken);
        var termsNewest = !IsTermsChange(stripeEvent)
            || await StripeObjectVersions.ClaimAsync(contextFactory, scope.SourceId, objectId + TermsSuffix, created, stripeEvent.Id, cancellationToken);

        // A late event still runs its handler: the handler reads the object's current state (never the event's old
        // copy), so nothing older is written, and what only this event tells (when an items change took effect, the
        // charge an invoice.paid links) is not lost. The order events arrive in does not matter.
        record.Attempts++;
        string? note = null;
        try
        {
            await dispatcher.DispatchAsync(scope, stripeEvent, new StripeEventOrder(!newest, !termsNewest), cancellationToken);
        }
        catch (Sdk.StripeException e) when (e.HttpStatusCode == System.Net.HttpStatusCode.NotFound && e.StripeError?.Code == "resource_missing")
        {
            // The object is gone from Stripe (a deleted draft invoice, the objects of a deleted test clock): there is
            // nothing to read again, and retrying cannot change that. The event is done, with a note saying why.
            note = Truncate($"{stripeEvent.Type}: skipped, Stripe no longer has the object ({e.Message})");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            record.Status = StripeEventStatus.Failed;
            record.LastError = Truncate($"{stripeEvent.Type}: {e.Message}");
            await db.SaveChangesAsync(CancellationToken.None);
            throw;
        }

        record.Status = newest ? StripeEventStatus.Applied : StripeEventStatus.Superseded;
        record.LastError = note;
        record.ProcessedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return newest ? StripeEventOutcome.Applied : StripeEventOutcome.Superseded;
    }

    /// <summary>The version key of a subscription's terms: the newest event that changed its items.</summary>
    private const string TermsSuffix = "#items";

    private static bool IsTermsChange(Sdk.Event stripeEvent) =>
        stripeEvent.ObjectId is not null
        && (stripeEvent.Type == "customer.subscription.pending_update_applied"
            || (stripeEvent.Type?.StartsWith("customer.subscription.", StringComparison.Ordinal) == true && stripeEvent.Changed("items")));

    private StripeEventRecord NewRecord(long sourceId, Sdk.Event stripeEvent, string via) => new()
    {
        SourceId = sourceId,
        EventId = stripeEvent.Id,
        Type = stripeEvent.Type ?? "(none)",
        ObjectId = stripeEvent.ObjectId,
        CreatedAt = StripeTime.ToInstant(stripeEvent.Created),
        ReceivedAt = time.GetUtcNow(),
        Via = via,
        Status = StripeEventStatus.Pending,
    };

    private static string Truncate(string text) => text.Length > 2000 ? text[..2000] : text;
}
