using System.Globalization;
using Dashboard.Core.Billing;
using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Sources.Braintree.Api;
using Dashboard.Infrastructure.Sync;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Infrastructure.Sources.Braintree.Sync;

/// <summary>What applying one webhook notification did.</summary>
public enum BraintreeNotificationOutcome
{
    /// <summary>The object was re-fetched and written.</summary>
    Applied,

    /// <summary>A notification for the same object, as new or newer, was applied already.</summary>
    Duplicate,

    /// <summary>A kind the connector does not import (check, payment methods, disbursements...).</summary>
    Ignored,

    /// <summary>The gateway no longer has the object.</summary>
    NotFound,
}

/// <summary>
/// Applies a verified webhook notification by re-fetching its object from the gateway and writing it like a sync does.
/// subscription_* kinds re-fetch the subscription (and the transactions it lists); transaction_* kinds the transaction;
/// dispute_* kinds the disputed transaction, whose id the caller passes as <c>objectId</c>. Notifications are
/// deduplicated per object by timestamp: one not newer than the last applied for that object changes nothing.
/// </summary>
public sealed class BraintreeNotificationProcessor(
    BraintreeSynchronizer synchronizer,
    BraintreeObjectImporter importer,
    IBraintreeClient client,
    SyncCheckpointStore checkpoints,
    IDbContextFactory<DashboardDbContext> contextFactory)
{
    public async Task<BraintreeNotificationOutcome> ApplyAsync(
        long sourceId, string kind, string objectId, DateTimeOffset timestamp, CancellationToken cancellationToken)
    {
        var target = kind switch
        {
            _ when kind.StartsWith("subscription_", StringComparison.Ordinal) => BraintreeSearchKind.Subscriptions,
            _ when kind.StartsWith("transaction_", StringComparison.Ordinal) || kind.StartsWith("dispute_", StringComparison.Ordinal) => BraintreeSearchKind.Transactions,
            _ => null,
        };
        if (target is null || string.IsNullOrWhiteSpace(objectId))
        {
            return BraintreeNotificationOutcome.Ignored;
        }

        var key = $"notification:{target.Path}:{objectId}";
        var stored = await checkpoints.FindAsync(sourceId, key, cancellationToken);
        if (stored?.Cursor is { } seen && DateTimeOffset.Parse(seen, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind) >= timestamp)
        {
            return BraintreeNotificationOutcome.Duplicate;
        }

        Source source;
        await using (var db = await contextFactory.CreateDbContextAsync(cancellationToken))
        {
            if (await db.Sources.AsNoTracking().SingleOrDefaultAsync(s => s.Id == sourceId && s.Provider == SourceProvider.Braintree, cancellationToken) is not { } found)
            {
                // Removed since the notification arrived: nothing to apply it to, and retrying cannot help.
                return BraintreeNotificationOutcome.Ignored;
            }

            source = found;
        }

        var scope = await synchronizer.OpenAsync(source, null, cancellationToken);
        var element = await client.FindAsync(scope.Connection, target, objectId, cancellationToken);
        if (element is null)
        {
            return BraintreeNotificationOutcome.NotFound;
        }

        if (target == BraintreeSearchKind.Subscriptions)
        {
            await importer.ImportPlansAsync(scope, cancellationToken);
            await importer.ImportSubscriptionsAsync(scope, [element], withTransactions: true, cancellationToken);
        }
        else
        {
            if (element.Element("customer")?.Text("id") is { } customer)
            {
                await importer.EnsureCustomersAsync(scope, [customer], cancellationToken);
            }

            await importer.ImportTransactionsAsync(scope, [element], cancellationToken);
        }

        await checkpoints.SaveAsync(sourceId, key, timestamp.UtcDateTime.ToString("O", CultureInfo.InvariantCulture), 1, null, completed: true, cancellationToken);
        return BraintreeNotificationOutcome.Applied;
    }
}
