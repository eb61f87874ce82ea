using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;

namespace Dashboard.Infrastructure.Data;

/// <summary>
/// Moves a database built by the hand-written migrations of earlier versions onto the generated migration sets.
/// Those four migrations built exactly the schema each set's Baseline builds (proven by the upgrade tests), so a
/// database that applied all four gets their history rows replaced by the Baseline's id; its tables and rows stay
/// untouched. A database that applied only some of them is refused: an earlier version must finish its upgrade first.
/// </summary>
public static class LegacyMigrationHistory
{
    /// <summary>The hand-written migrations, in order, that SQLite and PostgreSQL databases may have applied.</summary>
    public static readonly IReadOnlyList<string> HandWrittenIds =
    [
        "20261122000000_Initial",
        "20261122120000_StripePaymentLinks",
        "20261122133000_CancellationFeedbackKey",
        "20261122140000_UniqueCancellationReasonText",
    ];

    /// <summary>Rewrites the history when the database carries the hand-written ids; true when it did.</summary>
    public static async Task<bool> AdoptAsync(DashboardDbContext context, CancellationToken cancellationToken = default)
    {
        var history = context.GetService<IHistoryRepository>();
        if (!await history.ExistsAsync(cancellationToken))
        {
            return false;
        }

        var applied = (await history.GetAppliedMigrationsAsync(cancellationToken)).Select(r => r.MigrationId).ToHashSet(StringComparer.Ordinal);
        var legacy = HandWrittenIds.Where(applied.Contains).ToList();
        if (legacy.Count == 0)
        {
            return false;
        }

        if (legacy.Count < HandWrittenIds.Count)
        {
            var missing = HandWrittenIds.Except(legacy);
            throw new InvalidOperationException(
                $"This database stopped part-way through the older hand-written migrations (applied: {string.Join(", ", legacy)}; " +
                $"missing: {string.Join(", ", missing)}). Start the previous release once so it finishes them, then start this one.");
        }

        var baseline = BaselineId(context);
        await EnsureSchemaMatchesAsync(context, baseline, cancellationToken);

        var strategy = context.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
            var removed = 0;
            foreach (var id in HandWrittenIds)
            {
                removed += await context.Database.ExecuteSqlRawAsync(history.GetDeleteScript(id), cancellationToken);
            }

            if (removed != HandWrittenIds.Count)
            {
                // Another instance starting at the same moment has already done it.
                await transaction.RollbackAsync(cancellationToken);
                return false;
            }

            await context.Database.ExecuteSqlRawAsync(history.GetInsertScript(new HistoryRow(baseline, ProductInfo.GetVersion())), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return true;
        });
    }

    /// <summary>The first migration of the provider's set, which builds the whole schema the hand-written ones built.</summary>
    public static string BaselineId(DashboardDbContext context)
    {
        var first = context.GetService<IMigrationsAssembly>().Migrations.Keys.FirstOrDefault();
        return first is not null && first.EndsWith("_Baseline", StringComparison.Ordinal)
            ? first
            : throw new InvalidOperationException($"The {context.Provider} migration set does not start with a Baseline migration.");
    }

    /// <summary>
    /// Every table and column the Baseline's model maps must be there (a query naming them all reads no row): the history
    /// rows are only rewritten over a schema the Baseline would have built. Tables of later migrations are theirs to add.
    /// </summary>
    private static async Task EnsureSchemaMatchesAsync(DashboardDbContext context, string baseline, CancellationToken cancellationToken)
    {
        var migrations = context.GetService<IMigrationsAssembly>();
        var target = migrations.CreateMigration(migrations.Migrations[baseline], context.Database.ProviderName!).TargetModel
            ?? throw new InvalidOperationException($"The {context.Provider} Baseline migration has no target model.");
        var baselineModel = context.GetService<IModelRuntimeInitializer>().Initialize(target, designTime: true, validationLogger: null);
        var sql = context.GetService<ISqlGenerationHelper>();
        var connection = context.Database.GetDbConnection();
        await context.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            foreach (var table in baselineModel.GetRelationalModel().Tables)
            {
                var columns = string.Join(", ", table.Columns.Select(c => sql.DelimitIdentifier(c.Name)));
                await using var command = connection.CreateCommand();
                command.CommandText = $"SELECT {columns} FROM {sql.DelimitIdentifier(table.Name, table.Schema)} WHERE 1 = 0";
                try
                {
                    await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                }
                catch (System.Data.Common.DbException exception)
                {
                    throw new InvalidOperationException(
                        $"The database's history names the older hand-written migrations, but table {table.Name} does not have the columns " +
                        $"they built ({exception.Message}). Its history is left as it is; restore a backup or repair the schema first.", exception);
                }
            }
        }
        finally
        {
            await context.Database.CloseConnectionAsync();
        }
    }
}
