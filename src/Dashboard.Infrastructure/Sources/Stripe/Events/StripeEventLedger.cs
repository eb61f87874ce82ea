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

    /// <summary>The store holds a newer version of the event's object: this late event is not applied.</summary>
    Superseded,

    /// <summary>A type the dashboard does not read.</summary>
    Ignored,
}

/// <summary>
/// Applies each Stripe event once and in object order, whether it comes from a webhook or the events list: an event
/// id already processed is skipped, and an event older than the newest one applied for its object is recorded as
/// superseded rather than applied (a retried <c>customer.subscription.updated</c> arriving after <c>.deleted</c>).
/// The handlers then read the object again in the pinned version, so what is applied is always Stripe's current state.
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

        var created = StripeTime.ToInstant(stripeEvent.Created);
        var objectId = stripeEvent.ObjectId;
        var version = objectId is null
            ? null
            : await db.Set<StripeObjectVersion>().SingleOrDefaultAsync(v => v.SourceId == scope.SourceId && v.ObjectId == objectId, cancellationToken);
        if (version is not null && version.EventCreatedAt > created)
        {
            record.Status = StripeEventStatus.Superseded;
            record.ProcessedAt = time.GetUtcNow();
            await db.SaveChangesAsync(cancellationToken);
            return StripeEventOutcome.Superseded;
        }

        record.Attempts++;
        try
        {
            await dispatcher.DispatchAsync(scope, stripeEvent, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            record.Status = StripeEventStatus.Failed;
            record.LastError = Truncate($"{stripeEvent.Type}: {e.Message}");
            await db.SaveChangesAsync(CancellationToken.None);
            throw;
        }

        record.Status = StripeEventStatus.Applied;
        record.LastError = null;
        record.ProcessedAt = time.GetUtcNow();
        if (objectId is not null)
        {
            if (version is null)
            {
                db.Add(new StripeObjectVersion { SourceId = scope.SourceId, ObjectId = objectId, EventCreatedAt = created, EventId = stripeEvent.Id });
            }
            else
            {
                version.EventCreatedAt = created;
                version.EventId = stripeEvent.Id;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return StripeEventOutcome.Applied;
    }

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
