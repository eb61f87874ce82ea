using Dashboard.Infrastructure.Data;
using Dashboard.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Dashboard.Infrastructure.Tests.Data.Legacy;

/// <summary>
/// The hand-written migrations earlier versions shipped (kept here unchanged, only moved), applied as those versions
/// applied them: EF's default migrations assembly reading this test assembly, where they are the only migrations.
/// </summary>
internal static class LegacyMigrations
{
    public static async Task MigrateAsync(TestDatabase database, string? targetMigration = null)
    {
        var assembly = typeof(LegacyMigrations).Assembly.GetName().Name;
        var builder = new DbContextOptionsBuilder<DashboardDbContext>();
        switch (database.Provider)
        {
            case DatabaseProvider.Sqlite:
                builder.UseSqlite(database.Options.ConnectionString, o => o.MigrationsAssembly(assembly));
                break;
            case DatabaseProvider.PostgreSql:
                builder.UseNpgsql(database.Options.ConnectionString, o => o.MigrationsAssembly(assembly));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(database), database.Provider, "The hand-written migrations served SQLite and PostgreSQL only.");
        }

        await using var context = new DashboardDbContext(builder.Options);
        Assert.Equal(LegacyMigrationHistory.HandWrittenIds, context.Database.GetMigrations());
        await context.GetService<IMigrator>().MigrateAsync(targetMigration);
    }
}
