using Dashboard.Core.Billing;
using Dashboard.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Dashboard.Infrastructure.Import.Batches;

/// <summary>
/// The rows a batch creates, held back from EF Core until their write phase. Large groups are written with
/// <see cref="TableWriter"/>: ids reserved up front and set on the objects, then one prepared multi-row INSERT per
/// chunk (binary COPY on PostgreSQL). EF Core's change tracking and update pipeline cost about a tenth of a millisecond
/// of CPU per row, which decided the speed of a first import (new attribute values get their history rows here, as
/// <see cref="AttributeHistory"/> gives them on the tracked path); small groups (a single API write) still go through EF
/// Core, whose few statements are cheaper than a reservation query. Written rows are not tracked: the planner only
/// reads their ids afterwards.
/// </summary>
internal sealed class NewRows(DashboardDbContext db)
{
    /// <summary>From this many new rows of one kind in a phase, they are bulk-written.</summary>
    public const int BulkThreshold = 32;

    private readonly List<object> pending = [];

    public void Add(object row) => pending.Add(row);

    /// <summary>Writes what was added since the last call, inside the caller's transaction.</summary>
    public async Task WriteAsync(CancellationToken ct)
    {
        if (pending.Count == 0)
        {
            return;
        }

        // Within one write phase the kinds do not depend on each other (plans and customers; subscriptions with their
        // states; charges; refunds; attributes): dependents come in later phases, once these have ids.
        var groups = pending.GroupBy(r => r.GetType()).Select(g => g.ToList()).ToList();
        pending.Clear();
        foreach (var rows in groups)
        {
            if (rows.Count < BulkThreshold)
            {
                db.AddRange(rows);
            }
            else if (rows[0] is Subscription)
            {
                await WriteSubscriptionsAsync(rows.Cast<Subscription>().ToList(), ct);
            }
            else if (rows[0] is CustomerAttribute)
            {
                // Bypassing the change tracker bypasses the attribute history too, so it is written here alongside.
                var attributes = rows.Cast<CustomerAttribute>().ToList();
                await WriteRowsAsync(attributes, ct);
                await WriteRowsAsync(AttributeHistory.ForNew(db, attributes), ct);
            }
            else
            {
                await WriteRowsAsync(rows, ct);
            }
        }
    }

    /// <summary>Subscriptions, then their states pointing at them, then the states' add-ons.</summary>
    private async Task WriteSubscriptionsAsync(List<Subscription> subscriptions, CancellationToken ct)
    {
        await WriteRowsAsync(subscriptions, ct);
        var states = new List<SubscriptionState>();
        foreach (var subscription in subscriptions)
        {
            foreach (var state in subscription.States)
            {
                state.SubscriptionId = subscription.Id;
                states.Add(state);
            }
        }

        await WriteRowsAsync(states, ct);
        var addOns = new List<SubscriptionAddOn>();
        foreach (var state in states)
        {
            foreach (var addOn in state.AddOns)
            {
                addOn.SubscriptionStateId = state.Id;
                addOns.Add(addOn);
            }
        }

        await WriteRowsAsync(addOns, ct);
    }

    private async Task WriteRowsAsync<T>(List<T> rows, CancellationToken ct)
        where T : class
    {
        if (rows.Count == 0)
        {
            return;
        }

        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("New rows are written inside the import's transaction, so a failure leaves nothing behind.");
        var connection = transaction.Connection!;
        using var writer = new TableWriter(db, rows[0].GetType());
        if (writer.IdentityColumn is not null)
        {
            var ids = await writer.ReserveIdsAsync(connection, transaction, rows.Count, ct);
            for (var i = 0; i < rows.Count; i++)
            {
                writer.SetId(rows[i], ids[i]);
            }
        }

        await writer.WriteAsync(connection, transaction, rows, ct);
    }
}
