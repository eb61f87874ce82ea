using System.Data.Common;
using System.Diagnostics;
using Dashboard.Core.Billing;
using Dashboard.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Infrastructure.Demo;

/// <summary>Where seeding has got to, reported after every batch.</summary>
public sealed record DemoSeedProgress(long Customers, long TotalCustomers, long Rows, TimeSpan Elapsed)
{
    public double RowsPerSecond => Elapsed.TotalSeconds > 0 ? Rows / Elapsed.TotalSeconds : 0;
}

/// <summary>What seeding wrote: rows per table (by table name), in total, and how fast.</summary>
public sealed record DemoSeedResult(long Customers, long Rows, TimeSpan Elapsed, IReadOnlyDictionary<string, long> RowsByTable)
{
    public double RowsPerSecond => Elapsed.TotalSeconds > 0 ? Rows / Elapsed.TotalSeconds : 0;
}

/// <summary>
/// Writes <see cref="DemoDataGenerator"/> output into the store, streaming: one transaction per batch, rows bulk-inserted
/// with raw ADO.NET (binary COPY on PostgreSQL, prepared multi-row INSERTs elsewhere) into the tables and columns the
/// <see cref="DashboardDbContext"/> model maps, without EF Core change tracking. Memory stays bounded by the batch size.
/// Seeding from <see cref="DemoDataOptions"/> may run beside other writers (loading the demo again inside a running
/// server): each batch reserves its ids from the tables' own keys in its transaction, as bulk import does, so rows
/// inserted meanwhile by syncs, webhooks or the API never clash with the seeder's.
/// </summary>
public sealed class DemoSeeder(DashboardDbContext context)
{
    /// <summary>
    /// Generates and writes demo data for <paramref name="options"/>, with "today" from <paramref name="timeProvider"/>.
    /// New ids are reserved from each table's key as every batch is written, and existing attribute fields and cancellation reasons
    /// (matched by key and text) are reused. The source <see cref="DemoDataOptions.SourceId"/> is created unless it exists;
    /// it must not hold customers yet. <paramref name="withSource"/>, when given, requires the source to be new (one that
    /// exists is refused before anything is written, so two loads never share a source) and runs inside the transaction
    /// that inserts the source, plans, attribute fields and cancellation reasons (on this seeder's context, enlisted in it), before
    /// it commits; throwing there rolls that transaction back and stops the seeding before any customer is written.
    /// </summary>
    public async Task<DemoSeedResult> SeedAsync(
        DemoDataOptions options,
        TimeProvider timeProvider,
        IProgress<DemoSeedProgress>? progress = null,
        CancellationToken cancellationToken = default,
        Func<DashboardDbContext, CancellationToken, Task>? withSource = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        using var writers = new Writers(context);
        var connection = await OpenAsync(cancellationToken);
        // Rows reused by key or text are read first, so their ids are never above the offsets read next.
        var fields = await context.AttributeFields.AsNoTracking()
            .Where(f => DemoDataGenerator.AttributeKeys.Contains(f.Key))
            .ToDictionaryAsync(f => f.Key, f => f.Id, cancellationToken);
        var reasons = (await context.CancellationReasons.AsNoTracking().ToListAsync(cancellationToken))
            .GroupBy(r => r.Text, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.Min(r => r.Id), StringComparer.Ordinal);
        var offsets = new DemoIdOffsets
        {
            Plans = await writers.Plans.MaxIdAsync(connection, null, cancellationToken),
            AttributeFields = await writers.Fields.MaxIdAsync(connection, null, cancellationToken),
            CancellationReasons = await writers.Reasons.MaxIdAsync(connection, null, cancellationToken),
            Customers = await writers.Customers.MaxIdAsync(connection, null, cancellationToken),
            Subscriptions = await writers.Subscriptions.MaxIdAsync(connection, null, cancellationToken),
            SubscriptionStates = await writers.States.MaxIdAsync(connection, null, cancellationToken),
            SubscriptionAddOns = await writers.AddOns.MaxIdAsync(connection, null, cancellationToken),
            Charges = await writers.Charges.MaxIdAsync(connection, null, cancellationToken),
            Refunds = await writers.Refunds.MaxIdAsync(connection, null, cancellationToken),
            CancellationEvents = await writers.Events.MaxIdAsync(connection, null, cancellationToken),
            AttributeChanges = await writers.AttributeChanges.MaxIdAsync(connection, null, cancellationToken),
        };

        var generator = new DemoDataGenerator(
            options with { IdOffsets = offsets, ExistingAttributeFieldIds = fields, ExistingCancellationReasonIds = reasons },
            timeProvider);
        return await WriteAsync(generator, writers, connection, progress, cancellationToken, withSource, reserveIds: true);
    }

    /// <summary>
    /// Writes exactly what <paramref name="generator"/> produces (its ids included); the tables must not already hold
    /// rows with those ids or keys.
    /// </summary>
    public async Task<DemoSeedResult> SeedAsync(
        DemoDataGenerator generator,
        IProgress<DemoSeedProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(generator);
        using var writers = new Writers(context);
        var connection = await OpenAsync(cancellationToken);
        return await WriteAsync(generator, writers, connection, progress, cancellationToken);
    }

    private async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        await context.Database.OpenConnectionAsync(cancellationToken);
        return context.Database.GetDbConnection();
    }

    private async Task<DemoSeedResult> WriteAsync(
        DemoDataGenerator generator,
        Writers writers,
        DbConnection connection,
        IProgress<DemoSeedProgress>? progress,
        CancellationToken cancellationToken,
        Func<DashboardDbContext, CancellationToken, Task>? withSource = null,
        bool reserveIds = false)
    {
        var reserved = reserveIds ? new ReservedIds(writers) : null;
        var completed = false;
        var stopwatch = Stopwatch.StartNew();
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        long rows = 0;
        long customers = 0;
        var total = generator.Options.Customers;
        var sourceId = generator.Options.SourceId;
        try
        {
            var catalog = generator.Catalog;
            var source = await context.Sources.AsNoTracking().FirstOrDefaultAsync(s => s.Id == sourceId, cancellationToken);
            if (source is not null && withSource is not null)
            {
                // Loading the demo again writes only into a source it inserts itself: one that exists (another load
                // racing this one, from the command line or another instance) is never shared.
                throw new InvalidOperationException(
                    $"Source {sourceId} ('{source.Name}') was created meanwhile by someone else; nothing was written. Try again.");
            }

            if (source is not null && await context.Customers.AnyAsync(c => c.SourceId == sourceId, cancellationToken))
            {
                throw new InvalidOperationException(
                    $"Source {sourceId} ('{source.Name}') already holds customers; seed demo data into a new source or an empty database.");
            }

            await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
            {
                if (source is null)
                {
                    rows += Count(counts, writers.Sources, await writers.Sources.WriteAsync(connection, transaction, [catalog.Source], cancellationToken));
                }

                if (reserved is not null)
                {
                    await reserved.CatalogAsync(connection, transaction, catalog, cancellationToken);
                }

                rows += Count(counts, writers.Plans, await writers.Plans.WriteAsync(connection, transaction, catalog.Plans, cancellationToken));
                rows += Count(counts, writers.Fields, await writers.Fields.WriteAsync(connection, transaction, catalog.AttributeFields, cancellationToken));
                rows += Count(counts, writers.Reasons, await writers.Reasons.WriteAsync(connection, transaction, catalog.CancellationReasons, cancellationToken));
                if (withSource is not null)
                {
                    await context.Database.UseTransactionAsync(transaction, cancellationToken);
                    try
                    {
                        await withSource(context, cancellationToken);
                    }
                    finally
                    {
                        await context.Database.UseTransactionAsync(null, cancellationToken);
                    }
                }

                await transaction.CommitAsync(cancellationToken);
            }

            foreach (var batch in generator.GenerateBatches())
            {
                cancellationToken.ThrowIfCancellationRequested();
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                if (reserved is not null)
                {
                    await reserved.BatchAsync(connection, transaction, batch, cancellationToken);
                }

                rows += Count(counts, writers.Customers, await writers.Customers.WriteAsync(connection, transaction, batch.Customers, cancellationToken));
                rows += Count(counts, writers.Attributes, await writers.Attributes.WriteAsync(connection, transaction, batch.Attributes, cancellationToken));
                rows += Count(counts, writers.AttributeChanges,
                    await writers.AttributeChanges.WriteAsync(connection, transaction, batch.AttributeChanges, cancellationToken));
                rows += Count(counts, writers.Subscriptions, await writers.Subscriptions.WriteAsync(connection, transaction, batch.Subscriptions, cancellationToken));
                rows += Count(counts, writers.States, await writers.States.WriteAsync(connection, transaction, batch.States, cancellationToken));
                rows += Count(counts, writers.AddOns, await writers.AddOns.WriteAsync(connection, transaction, batch.AddOns, cancellationToken));
                rows += Count(counts, writers.Charges, await writers.Charges.WriteAsync(connection, transaction, batch.Charges, cancellationToken));
                rows += Count(counts, writers.Refunds, await writers.Refunds.WriteAsync(connection, transaction, batch.Refunds, cancellationToken));
                rows += Count(counts, writers.Events, await writers.Events.WriteAsync(connection, transaction, batch.CancellationEvents, cancellationToken));
                await transaction.CommitAsync(cancellationToken);
                customers += batch.Customers.Count;
                progress?.Report(new DemoSeedProgress(customers, total, rows, stopwatch.Elapsed));
            }

            completed = true;
        }
        finally
        {
            try
            {
                // Keys are moved past the explicit ids even after a failure half-way. Reserved ids came from the keys'
                // own sequences, so then only the source's (its id is chosen, not reserved) is left to move.
                foreach (var reset in reserved is null ? writers.All : [writers.Sources.ResetIdentityAsync])
                {
                    await reset(connection, CancellationToken.None);
                }
            }
            catch (Exception) when (!completed)
            {
                // The failure that stopped the seeding is the one to report.
            }
            finally
            {
                await context.Database.CloseConnectionAsync();
            }
        }

        stopwatch.Stop();
        return new DemoSeedResult(customers, rows, stopwatch.Elapsed, counts);
    }

    /// <summary>
    /// Gives generated rows ids reserved from each table's own key generator (<see cref="TableWriter.ReserveIdsAsync"/>,
    /// as bulk import does) inside the transaction that writes them, and rewires the foreign keys that point at them, so
    /// syncs, webhooks and API writes running meanwhile never get an id the seeder also writes.
    /// </summary>
    private sealed class ReservedIds(Writers writers)
    {
        private readonly Dictionary<long, long> fields = [];
        private readonly Dictionary<long, long> reasons = [];

        public async Task CatalogAsync(DbConnection connection, DbTransaction transaction, DemoCatalog catalog, CancellationToken ct)
        {
            await ReserveAsync(writers.Plans, connection, transaction, catalog.Plans, p => p.Id, (p, id) => p.Id = id, null, ct);
            await ReserveAsync(writers.Fields, connection, transaction, catalog.AttributeFields, f => f.Id, (f, id) => f.Id = id, fields, ct);
            await ReserveAsync(writers.Reasons, connection, transaction, catalog.CancellationReasons, r => r.Id, (r, id) => r.Id = id, reasons, ct);
        }

        public async Task BatchAsync(DbConnection connection, DbTransaction transaction, DemoBatch batch, CancellationToken ct)
        {
            var customers = new Dictionary<long, long>();
            var subscriptions = new Dictionary<long, long>();
            var states = new Dictionary<long, long>();
            var charges = new Dictionary<long, long>();
            await ReserveAsync(writers.Customers, connection, transaction, batch.Customers, c => c.Id, (c, id) => c.Id = id, customers, ct);
            await ReserveAsync(writers.Subscriptions, connection, transaction, batch.Subscriptions, s => s.Id, (s, id) => s.Id = id, subscriptions, ct);
            await ReserveAsync(writers.States, connection, transaction, batch.States, s => s.Id, (s, id) => s.Id = id, states, ct);
            await ReserveAsync(writers.Charges, connection, transaction, batch.Charges, c => c.Id, (c, id) => c.Id = id, charges, ct);
            await ReserveAsync(writers.AddOns, connection, transaction, batch.AddOns, a => a.Id, (a, id) => a.Id = id, null, ct);
            await ReserveAsync(writers.Refunds, connection, transaction, batch.Refunds, r => r.Id, (r, id) => r.Id = id, null, ct);
            await ReserveAsync(writers.Events, connection, transaction, batch.CancellationEvents, e => e.Id, (e, id) => e.Id = id, null, ct);
            await ReserveAsync(writers.AttributeChanges, connection, transaction, batch.AttributeChanges, c => c.Id, (c, id) => c.Id = id, null, ct);

            foreach (var attribute in batch.Attributes)
            {
                attribute.CustomerId = customers[attribute.CustomerId];
                attribute.FieldId = Mapped(fields, attribute.FieldId);
            }

            foreach (var change in batch.AttributeChanges)
            {
                change.CustomerId = customers[change.CustomerId];
                change.FieldId = Mapped(fields, change.FieldId);
            }

            foreach (var subscription in batch.Subscriptions)
            {
                subscription.CustomerId = customers[subscription.CustomerId];
            }

            foreach (var state in batch.States)
            {
                // The plan id is read from the (renumbered) plan when the state is generated: already right.
                state.SubscriptionId = subscriptions[state.SubscriptionId];
            }

            foreach (var addOn in batch.AddOns)
            {
                addOn.SubscriptionStateId = states[addOn.SubscriptionStateId];
            }

            foreach (var charge in batch.Charges)
            {
                charge.CustomerId = customers[charge.CustomerId];
                charge.SubscriptionId = charge.SubscriptionId is { } subscriptionId ? subscriptions[subscriptionId] : null;
            }

            foreach (var refund in batch.Refunds)
            {
                refund.ChargeId = charges[refund.ChargeId];
            }

            foreach (var cancellation in batch.CancellationEvents)
            {
                cancellation.CustomerId = customers[cancellation.CustomerId];
                cancellation.ReasonId = Mapped(reasons, cancellation.ReasonId);
            }
        }

        /// <summary>Existing rows the demo reuses (attribute fields, cancellation reasons) keep their ids.</summary>
        private static long Mapped(Dictionary<long, long> map, long id) => map.TryGetValue(id, out var reserved) ? reserved : id;

        private static async Task ReserveAsync<T>(
            TableWriter writer,
            DbConnection connection,
            DbTransaction transaction,
            IReadOnlyList<T> rows,
            Func<T, long> getId,
            Action<T, long> setId,
            Dictionary<long, long>? map,
            CancellationToken ct)
        {
            if (rows.Count == 0)
            {
                return;
            }

            var ids = await writer.ReserveIdsAsync(connection, transaction, rows.Count, ct);
            for (var i = 0; i < rows.Count; i++)
            {
                map?.Add(getId(rows[i]), ids[i]);
                setId(rows[i], ids[i]);
            }
        }
    }

    private static long Count(Dictionary<string, long> counts, TableWriter writer, long written)
    {
        counts[writer.Table] = counts.GetValueOrDefault(writer.Table) + written;
        return written;
    }

    /// <summary>One writer per table, built from the context's model.</summary>
    private sealed class Writers : IDisposable
    {
        public Writers(DbContext context)
        {
            Sources = new(context, typeof(Source));
            Plans = new(context, typeof(Plan));
            Fields = new(context, typeof(AttributeField));
            Reasons = new(context, typeof(CancellationReason));
            Customers = new(context, typeof(Customer));
            Attributes = new(context, typeof(CustomerAttribute));
            AttributeChanges = new(context, typeof(CustomerAttributeChange));
            Subscriptions = new(context, typeof(Subscription));
            States = new(context, typeof(SubscriptionState));
            AddOns = new(context, typeof(SubscriptionAddOn));
            Charges = new(context, typeof(Charge));
            Refunds = new(context, typeof(Refund));
            Events = new(context, typeof(CancellationEvent));
            All =
            [
                Sources.ResetIdentityAsync, Plans.ResetIdentityAsync, Fields.ResetIdentityAsync, Reasons.ResetIdentityAsync,
                Customers.ResetIdentityAsync, Subscriptions.ResetIdentityAsync, States.ResetIdentityAsync, AddOns.ResetIdentityAsync,
                Charges.ResetIdentityAsync, Refunds.ResetIdentityAsync, Events.ResetIdentityAsync, AttributeChanges.ResetIdentityAsync,
            ];
        }

        public TableWriter Sources { get; }
        public TableWriter Plans { get; }
        public TableWriter Fields { get; }
        public TableWriter Reasons { get; }
        public TableWriter Customers { get; }
        public TableWriter Attributes { get; }
        public TableWriter AttributeChanges { get; }
        public TableWriter Subscriptions { get; }
        public TableWriter States { get; }
        public TableWriter AddOns { get; }
        public TableWriter Charges { get; }
        public TableWriter Refunds { get; }
        public TableWriter Events { get; }

        /// <summary>Identity resets, in table order.</summary>
        public Func<DbConnection, CancellationToken, Task>[] All { get; }

        public void Dispose()
        {
            Sources.Dispose();
            Plans.Dispose();
            Fields.Dispose();
            Reasons.Dispose();
            Customers.Dispose();
            Attributes.Dispose();
            AttributeChanges.Dispose();
            Subscriptions.Dispose();
            States.Dispose();
            AddOns.Dispose();
            Charges.Dispose();
            Refunds.Dispose();
            Events.Dispose();
        }
    }
}
