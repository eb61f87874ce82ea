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
/// </summary>
public sealed class DemoSeeder(DashboardDbContext context)
{
    /// <summary>
    /// Generates and writes demo data for <paramref name="options"/>, with "today" from <paramref name="timeProvider"/>.
    /// New ids follow the largest existing ids of each table, and existing attribute fields and cancellation reasons
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
        var fields = await context.AttributeFields.AsNoTracking()
            .Where(f => DemoDataGenerator.AttributeKeys.Contains(f.Key))
            .ToDictionaryAsync(f => f.Key, f => f.Id, cancellationToken);
        var reasons = (await context.CancellationReasons.AsNoTracking().ToListAsync(cancellationToken))
            .GroupBy(r => r.Text, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.Min(r => r.Id), StringComparer.Ordinal);

        var generator = new DemoDataGenerator(
            options with { IdOffsets = offsets, ExistingAttributeFieldIds = fields, ExistingCancellationReasonIds = reasons },
            timeProvider);
        return await WriteAsync(generator, writers, connection, progress, cancellationToken, withSource);
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
        Func<DashboardDbContext, CancellationToken, Task>? withSource = null)
    {
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

            foreach (var writer in writers.All)
            {
                await writer(connection, cancellationToken);
            }
        }
        finally
        {
            await context.Database.CloseConnectionAsync();
        }

        stopwatch.Stop();
        return new DemoSeedResult(customers, rows, stopwatch.Elapsed, counts);
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
