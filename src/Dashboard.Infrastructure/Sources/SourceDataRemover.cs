using Dashboard.Core.Billing;
using System.Globalization;
using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Demo;
using Dashboard.Infrastructure.Sync;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Infrastructure.Sources;

/// <summary>What a removal deleted: the source and how many of its customers, subscriptions and charges went with it.</summary>
public sealed record SourceRemovalResult(long SourceId, string Name, SourceProvider Provider, int Customers, int Subscriptions, int Charges);

/// <summary>A source as the demo-data banner needs it: the demo source and how many customers it holds.</summary>
public sealed record DemoSourceInfo(long Id, string Name, long Customers);

/// <summary>
/// Deletes a source with everything imported from it (refunds, charges, subscriptions with their states and add-ons,
/// customers with their attributes and cancellations, plans, sync checkpoints and errors), in one transaction and in
/// an order every provider accepts; other sources' data, attribute fields, segments and settings stay. The caller
/// checks who may do this and rebuilds the metrics engine afterwards. Removing a demo source also records
/// <see cref="DemoDataMarker.RemovedAtSettingKey"/>, in the same transaction, so a restart does not seed the demo again.
/// </summary>
public sealed class SourceDataRemover(IDbContextFactory<DashboardDbContext> contexts, TimeProvider time)
{
    /// <summary>The demo source (provider demo) that still holds customers, or null when there is none.</summary>
    public async Task<DemoSourceInfo?> DemoSourceAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var demo = await db.Sources.AsNoTracking().Where(s => s.Provider == SourceProvider.Demo).OrderBy(s => s.Id)
            .Select(s => new { s.Id, s.Name, Customers = db.Customers.LongCount(c => c.SourceId == s.Id) })
            .FirstOrDefaultAsync(d => d.Customers > 0, cancellationToken);
        return demo is null ? null : new DemoSourceInfo(demo.Id, demo.Name, demo.Customers);
    }

    /// <summary>Removes source <paramref name="sourceId"/> and its data; null when there is no such source.</summary>
    public async Task<SourceRemovalResult?> RemoveAsync(long sourceId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var source = await db.Sources.AsNoTracking().FirstOrDefaultAsync(s => s.Id == sourceId, cancellationToken);
        if (source is null)
        {
            return null;
        }

        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async ct =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var customers = db.Customers.Where(c => c.SourceId == sourceId).Select(c => c.Id);
            var subscriptions = db.Subscriptions.Where(s => s.SourceId == sourceId || customers.Contains(s.CustomerId)).Select(s => s.Id);
            var states = db.SubscriptionStates.Where(s => subscriptions.Contains(s.SubscriptionId)).Select(s => s.Id);
            var charges = db.Charges.Where(c => c.SourceId == sourceId || customers.Contains(c.CustomerId)).Select(c => c.Id);

            await db.Refunds.Where(r => r.SourceId == sourceId || charges.Contains(r.ChargeId)).ExecuteDeleteAsync(ct);
            var chargeCount = await db.Charges.Where(c => c.SourceId == sourceId || customers.Contains(c.CustomerId)).ExecuteDeleteAsync(ct);
            await db.SubscriptionAddOns.Where(a => states.Contains(a.SubscriptionStateId)).ExecuteDeleteAsync(ct);
            await db.SubscriptionStates.Where(s => subscriptions.Contains(s.SubscriptionId)).ExecuteDeleteAsync(ct);
            var subscriptionCount = await db.Subscriptions.Where(s => s.SourceId == sourceId || customers.Contains(s.CustomerId)).ExecuteDeleteAsync(ct);
            await db.CancellationEvents.Where(e => customers.Contains(e.CustomerId)).ExecuteDeleteAsync(ct);
            await db.CustomerNotes.Where(n => customers.Contains(n.CustomerId)).ExecuteDeleteAsync(ct);
            await db.CustomerAttributeChanges.Where(a => customers.Contains(a.CustomerId)).ExecuteDeleteAsync(ct);
            await db.CustomerAttributes.Where(a => customers.Contains(a.CustomerId)).ExecuteDeleteAsync(ct);
            var customerCount = await db.Customers.Where(c => c.SourceId == sourceId).ExecuteDeleteAsync(ct);
            await db.Plans.Where(p => p.SourceId == sourceId).ExecuteDeleteAsync(ct);
            await db.SyncErrors.Where(e => e.SourceId == sourceId).ExecuteDeleteAsync(ct);
            await db.SyncCheckpoints.Where(c => c.SourceId == sourceId).ExecuteDeleteAsync(ct);
            var intervalKey = SyncInterval.SettingKey(sourceId);
            await db.Settings.Where(s => s.Key == intervalKey).ExecuteDeleteAsync(ct);
            await db.Sources.Where(s => s.Id == sourceId).ExecuteDeleteAsync(ct);
            if (source.Provider == SourceProvider.Demo)
            {
                await RecordDemoRemovedAsync(db, ct);
            }

            await transaction.CommitAsync(ct);
            return new SourceRemovalResult(source.Id, source.Name, source.Provider, customerCount, subscriptionCount, chargeCount);
        }, cancellationToken);
    }

    private async Task RecordDemoRemovedAsync(DashboardDbContext db, CancellationToken ct)
    {
        var removedAt = time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);
        var marker = await db.Settings.SingleOrDefaultAsync(s => s.Key == DemoDataMarker.RemovedAtSettingKey, ct);
        if (marker is null)
        {
            db.Settings.Add(new Setting { Key = DemoDataMarker.RemovedAtSettingKey, Value = removedAt });
        }
        else
        {
            marker.Value = removedAt;
        }

        await db.SaveChangesAsync(ct);
    }
}
