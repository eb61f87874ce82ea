using System.Data;
using Dashboard.Core.Billing;
using Dashboard.Infrastructure.Attributes;
using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Import.Batches;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Dashboard.Infrastructure.Import;

public sealed partial class BillingImporter
{
    /// <summary>
    /// Opens one transaction for many batches (a whole CSV file): each batch is planned and written exactly as
    /// <see cref="ImportAsync(ImportBatch, CancellationToken)"/> would, but nothing is committed, and nobody is told of
    /// a change, until <see cref="ImportSession.CommitAsync"/>. Disposing an uncommitted session (a refused batch, a
    /// cancellation, a crash of the process) rolls every batch back. A write conflict is not retried inside the session
    /// (the transaction is spoilt); the caller starts the session over.
    /// </summary>
    public async Task<ImportSession> BeginSessionAsync(long sourceId, CancellationToken cancellationToken = default)
    {
        var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        try
        {
            db.Database.AutoSavepointsEnabled = false;
            var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
            return new ImportSession(this, db, transaction, sourceId);
        }
        catch
        {
            await db.DisposeAsync();
            throw;
        }
    }

    /// <summary>Batches written in one transaction; see <see cref="BeginSessionAsync"/>.</summary>
    public sealed class ImportSession : IAsyncDisposable
    {
        /// <summary>
        /// Beyond this many affected customers the commit tells listeners "everything may have changed" instead of
        /// listing them, so the session's memory does not grow with the file.
        /// </summary>
        internal const int MaxTrackedCustomers = 10_000;

        private readonly BillingImporter owner;
        private readonly DashboardDbContext db;
        private readonly IDbContextTransaction transaction;
        private readonly long sourceId;
        private readonly HashSet<long> customerIds = [];
        private bool tooManyCustomers;
        private BillingChangeKinds kinds;
        private bool committed;

        internal ImportSession(BillingImporter owner, DashboardDbContext db, IDbContextTransaction transaction, long sourceId)
        {
            this.owner = owner;
            this.db = db;
            this.transaction = transaction;
            this.sourceId = sourceId;
        }

        /// <summary>Writes a batch of this session's source; throws <see cref="ImportValidationException"/> when it is refused.</summary>
        public async Task<ImportResult> ImportAsync(ImportBatch batch, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(batch);
            if (batch.SourceId != sourceId)
            {
                throw new ArgumentException($"The session imports into source {sourceId}, not {batch.SourceId}.", nameof(batch));
            }

            var invalid = OperationValidator.Validate(batch.Operations);
            if (invalid.Count > 0)
            {
                throw new ImportValidationException(invalid);
            }

            if (batch.Operations.Count == 0)
            {
                return new ImportResult([], []);
            }

            var (result, change) = await owner.WriteInTransactionAsync(db, batch, AttributeChangeOrigin.CsvImport, cancellationToken);
            Remember(change.Kinds, change.CustomerIds);
            return result;
        }

        /// <summary>Sets attribute values as <see cref="SetAttributesAsync"/> does, inside the session.</summary>
        public async Task<IReadOnlyList<AttributeAssignmentResult>> SetAttributesAsync(
            IReadOnlyList<AttributeAssignment> assignments, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(assignments);
            var (results, changed) = await SetAttributesInTransactionAsync(db, assignments, new AttributeChangeStamp(owner.Now(), AttributeChangeOrigin.CsvImport), cancellationToken);
            db.ChangeTracker.Clear();
            Remember(changed.Count > 0 ? BillingChangeKinds.Attributes : BillingChangeKinds.None, changed);
            return results;
        }

        /// <summary>Creates a string attribute field with <paramref name="key"/> inside the session unless one exists.</summary>
        public async Task EnsureStringFieldAsync(string title, string key, CancellationToken cancellationToken = default)
        {
            if (await db.AttributeFields.AnyAsync(f => f.Key == key, cancellationToken))
            {
                return;
            }

            db.AttributeFields.Add(new AttributeField { Key = key, Title = title.Trim(), Type = AttributeType.String });
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();

            // A new field changes what every customer carries: the listeners reload everything.
            tooManyCustomers = true;
            kinds |= BillingChangeKinds.Attributes;
        }

        /// <summary>Commits every batch at once, then tells the listeners of the change.</summary>
        public async Task CommitAsync(CancellationToken cancellationToken = default)
        {
            await transaction.CommitAsync(cancellationToken);
            committed = true;
            IReadOnlyCollection<long> customers = tooManyCustomers ? [] : customerIds.Order().ToList();
            await owner.NotifyAsync(new BillingChange(sourceId, customers, kinds), cancellationToken);
        }

        public async ValueTask DisposeAsync()
        {
            if (!committed)
            {
                // Disposing the transaction rolls it back; a dead connection has rolled it back already.
                try
                {
                    await transaction.RollbackAsync(CancellationToken.None);
                }
                catch (Exception exception) when (exception is InvalidOperationException or System.Data.Common.DbException)
                {
                    // The connection broke or the transaction had already been ended by the server: nothing is committed.
                }
            }

            await transaction.DisposeAsync();
            await db.DisposeAsync();
        }

        private void Remember(BillingChangeKinds changeKinds, IReadOnlyCollection<long> ids)
        {
            // Rows written by earlier batches are not needed again: the next batch loads its own snapshot.
            db.ChangeTracker.Clear();
            kinds |= changeKinds;
            if (tooManyCustomers)
            {
                return;
            }

            customerIds.UnionWith(ids);
            if (customerIds.Count > MaxTrackedCustomers)
            {
                tooManyCustomers = true;
                customerIds.Clear();
                customerIds.TrimExcess();
            }
        }
    }
}
