using System.Data;
using Dashboard.Core.Billing;
using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Import.Batches;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Dashboard.Infrastructure.Import;

/// <summary>
/// The one way billing data gets into the store (REST API, CSV, Stripe, Braintree, demo data), so every path has
/// the same semantics: upserts by (source, external id), append-only subscription history, all-or-nothing batches,
/// validation that reports every error with its field, and a change notification after each commit. Sources,
/// attribute fields, FX rates and settings have services of their own (<see cref="Sources.SourceCatalog"/>,
/// <see cref="Attributes.AttributeFieldService"/>, <see cref="Reporting.FxRateStore"/>,
/// <see cref="Reporting.ReportingSettingsStore"/>) with the same retry and notification rules.
/// </summary>
public sealed partial class BillingImporter(
    IDbContextFactory<DashboardDbContext> contextFactory,
    TimeProvider time,
    IBillingChangeNotifier notifier,
    ILogger<BillingImporter> logger)
{
    /// <summary>
    /// Applies every operation of <paramref name="batch"/> in one transaction, or none. Throws
    /// <see cref="ImportValidationException"/> (nothing written) listing every problem, or
    /// <see cref="ImportConflictException"/> when concurrent writers kept colliding.
    /// </summary>
    public async Task<ImportResult> ImportAsync(ImportBatch batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var invalid = OperationValidator.Validate(batch.Operations);
        if (invalid.Count > 0)
        {
            throw new ImportValidationException(invalid);
        }

        return batch.Operations.Count == 0 ? new ImportResult([], []) : await ImportValidatedAsync(batch, cancellationToken);
    }

    /// <summary>Imports a batch whose operations have passed <see cref="OperationValidator"/>.</summary>
    private async Task<ImportResult> ImportValidatedAsync(ImportBatch batch, CancellationToken cancellationToken)
    {
        var (result, change) = await RetryOnConflictAsync(ct => ImportOnceAsync(batch, ct), cancellationToken);
        await NotifyAsync(change, cancellationToken);
        return result;
    }

    private async Task<(ImportResult Result, BillingChange Change)> ImportOnceAsync(ImportBatch batch, CancellationToken ct)
    {
        await using var db = await contextFactory.CreateDbContextAsync(ct);

        // A failed batch rolls back the whole transaction and a retry starts over on a new context, so the savepoint
        // EF would set around each SaveChanges inside it (two more statements each) buys nothing here.
        db.Database.AutoSavepointsEnabled = false;
        await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.ReadCommitted, ct);
        var written = await WriteInTransactionAsync(db, batch, origin: null, ct);
        await transaction.CommitAsync(ct);
        return written;
    }

    /// <summary>
    /// Plans and writes a validated batch inside <paramref name="db"/>'s open transaction, without committing. Attribute
    /// changes are recorded as made by <paramref name="origin"/>, else by the source's kind (a Stripe source's by Stripe).
    /// </summary>
    private async Task<(ImportResult Result, BillingChange Change)> WriteInTransactionAsync(
        DashboardDbContext db, ImportBatch batch, AttributeChangeOrigin? origin, CancellationToken ct)
    {
        var provider = await db.Sources.Where(s => s.Id == batch.SourceId).Select(s => (SourceProvider?)s.Provider).FirstOrDefaultAsync(ct);
        if (provider is null)
        {
            throw new ImportValidationException([new ImportError(-1, null, "source_id", $"Source {batch.SourceId} does not exist.", ImportErrorCode.NotFound)]);
        }

        var now = Normalize.Instant(time.GetUtcNow());
        db.AttributeStamp = new AttributeChangeStamp(now, origin ?? OriginOf(provider.Value));
        var snapshot = await BatchSnapshot.LoadAsync(db, batch, ct);
        var planner = new BatchPlanner(db, batch, snapshot, now);
        planner.Plan();
        if (planner.Errors.Count > 0)
        {
            throw new ImportValidationException([.. planner.Errors.OrderBy(e => e.Index)]);
        }

        var result = await planner.WriteAsync(ct);
        return (result, planner.Change(result.AffectedCustomerIds));
    }

    /// <summary>The clock's instant as the store keeps it.</summary>
    private DateTimeOffset Now() => Normalize.Instant(time.GetUtcNow());

    private static AttributeChangeOrigin OriginOf(SourceProvider provider) => provider switch
    {
        SourceProvider.Stripe => AttributeChangeOrigin.Stripe,
        SourceProvider.Braintree => AttributeChangeOrigin.Braintree,
        SourceProvider.Csv => AttributeChangeOrigin.CsvImport,
        SourceProvider.Demo => AttributeChangeOrigin.Demo,
        _ => AttributeChangeOrigin.Api,
    };

    /// <summary>Retries a write that lost a race with another writer; see <see cref="ConflictRetry"/>.</summary>
    private Task<T> RetryOnConflictAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken ct) =>
        ConflictRetry.RunAsync(work, logger, ct);

    private Task NotifyAsync(BillingChange change, CancellationToken ct) => notifier.SendAsync(change, logger, ct);
}
