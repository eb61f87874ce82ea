using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Dashboard.Infrastructure.Data;

/// <summary>Brings the database to the current schema at start-up.</summary>
public sealed class DatabaseInitializer(IDbContextFactory<DashboardDbContext> contextFactory, ILogger<DatabaseInitializer> logger)
{
    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (await LegacyMigrationHistory.AdoptAsync(context, cancellationToken))
        {
            logger.LogInformation("Moved the history of the hand-written migrations onto {Baseline}; no table was changed.",
                LegacyMigrationHistory.BaselineId(context));
        }

        var pending = (await context.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0)
        {
            logger.LogInformation("Applying {Count} migration(s): {Migrations}", pending.Count, string.Join(", ", pending));
        }

        await context.Database.MigrateAsync(cancellationToken);
    }
}
