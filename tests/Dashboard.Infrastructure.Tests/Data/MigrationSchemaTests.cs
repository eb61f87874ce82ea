using Dashboard.Infrastructure.Data;
using Dashboard.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Dashboard.Infrastructure.Tests.Data;

/// <summary>
/// The migrations are written by hand, so these tests prove on every provider that they produce exactly the schema
/// EF Core derives from the model (EnsureCreated), and that migrating is safe to repeat.
/// </summary>
public sealed class MigrationSchemaTests
{
    public static TheoryData<DatabaseProvider> Providers => new() { DatabaseProvider.Sqlite, DatabaseProvider.PostgreSql };

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Migrated_schema_equals_the_schema_created_from_the_model(DatabaseProvider provider)
    {
        await using var migrated = await TestDatabase.CreateAsync(provider);
        await using var created = await TestDatabase.CreateAsync(provider, migrate: false);
        await using (var context = created.CreateContext())
        {
            Assert.True(await context.Database.EnsureCreatedAsync());
        }

        IReadOnlyList<string> fromMigration, fromModel;
        await using (var context = migrated.CreateContext())
        {
            fromMigration = await SchemaReader.ReadAsync(context);
        }

        await using (var context = created.CreateContext())
        {
            fromModel = await SchemaReader.ReadAsync(context);
        }

        var onlyInMigration = fromMigration.Except(fromModel).ToList();
        var onlyInModel = fromModel.Except(fromMigration).ToList();
        Assert.True(onlyInMigration.Count == 0 && onlyInModel.Count == 0,
            $"Schema differs on {provider}.\nOnly in the migrated database:\n  {string.Join("\n  ", onlyInMigration)}\n" +
            $"Only in the database created from the model:\n  {string.Join("\n  ", onlyInModel)}");
        Assert.Contains("table subscription_states", fromModel);
        Assert.True(fromModel.Count > 100, $"Suspiciously small schema: {fromModel.Count} lines.");
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Migrated_database_has_no_pending_migrations_and_migrating_again_changes_nothing(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var context = database.CreateContext();

        Assert.Empty(await context.Database.GetPendingMigrationsAsync());
        Assert.Equal(context.Database.GetMigrations(), await context.Database.GetAppliedMigrationsAsync());
        var before = await SchemaReader.ReadAsync(context);

        await context.Database.MigrateAsync();
        await context.Database.MigrateAsync();

        Assert.Empty(await context.Database.GetPendingMigrationsAsync());
        Assert.Equal(before, await SchemaReader.ReadAsync(context));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Migrating_down_to_nothing_removes_every_table(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var context = database.CreateContext();

        await context.GetService<IMigrator>().MigrateAsync(Migration.InitialDatabase);

        Assert.DoesNotContain(await SchemaReader.ReadAsync(context), line => line.StartsWith("table ", StringComparison.Ordinal));
        Assert.Empty(await context.Database.GetAppliedMigrationsAsync());
    }
}
