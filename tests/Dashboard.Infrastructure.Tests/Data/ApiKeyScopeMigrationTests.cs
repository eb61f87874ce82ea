using Dashboard.Core.Billing;
using Dashboard.Infrastructure.Data;
using Dashboard.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Dashboard.Infrastructure.Tests.Data;

/// <summary>The ApiKeyScopes migration's data move: keys made before scopes keep exactly the access they had.</summary>
public sealed class ApiKeyScopeMigrationTests
{
    public static TheoryData<DatabaseProvider> Providers => new() { DatabaseProvider.Sqlite, DatabaseProvider.PostgreSql };

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Read_only_keys_become_read_only_and_the_others_read_write(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, migrate: false);
        await using (var before = database.CreateContext())
        {
            var migrator = before.GetService<IMigrator>();
            await migrator.MigrateAsync(LegacyMigrationHistory.BaselineId(before));
            object created = provider == DatabaseProvider.Sqlite ? DateTimeOffset.UtcNow.UtcTicks : DateTimeOffset.UtcNow;
            foreach (var (name, readOnly) in new[] { ("reader", true), ("writer", false) })
            {
                await before.Database.ExecuteSqlRawAsync(
                    """INSERT INTO api_keys ("Name", "Prefix", "KeyHash", "IsReadOnly", "CreatedAt") VALUES ({0}, {1}, {2}, {3}, {4})""",
                    name, "dsk_" + name, "hash-" + name, readOnly, created);
            }

            await migrator.MigrateAsync();
        }

        await using var after = database.CreateContext();
        var scopes = await after.ApiKeys.OrderBy(k => k.Name).Select(k => new { k.Name, k.Scope }).ToListAsync();
        Assert.Equal([("reader", ApiKeyScope.ReadOnly), ("writer", ApiKeyScope.ReadWrite)], scopes.Select(k => (k.Name, k.Scope)));
    }
}
