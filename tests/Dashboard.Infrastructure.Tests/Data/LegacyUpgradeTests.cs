using Dashboard.Core.Billing;
using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Import;
using Dashboard.Infrastructure.Sources;
using Dashboard.Infrastructure.Tests.Data.Legacy;
using Dashboard.Infrastructure.Tests.Import;
using Dashboard.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using static Dashboard.Infrastructure.Tests.Import.Samples;

namespace Dashboard.Infrastructure.Tests.Data;

/// <summary>
/// A database built by the hand-written migrations of earlier versions, with rows in it, starts on the generated
/// migration sets without losing a row or re-creating a table, and ends with exactly a fresh database's schema.
/// </summary>
public sealed class LegacyUpgradeTests
{
    public static TheoryData<DatabaseProvider> Providers => new() { DatabaseProvider.Sqlite, DatabaseProvider.PostgreSql };

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_database_of_the_hand_written_migrations_moves_to_the_baseline_and_keeps_its_rows(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, migrate: false);
        await LegacyMigrations.MigrateAsync(database);
        var sourceId = await ImportRowsAsync(database);
        var before = await DescribeRowsAsync(database);

        await Initializer(database).MigrateAsync();

        await using var context = database.CreateContext();
        // The history names the Baseline instead of the hand-written migrations, and the migrations after it ran.
        Assert.Equal(context.Database.GetMigrations(), await context.Database.GetAppliedMigrationsAsync());
        Assert.Equal(LegacyMigrationHistory.BaselineId(context), (await context.Database.GetAppliedMigrationsAsync()).First());
        Assert.Empty(await context.Database.GetPendingMigrationsAsync());
        Assert.Equal(before, await DescribeRowsAsync(database));
        Assert.Contains("customers=1", before, StringComparison.Ordinal);

        await using var fresh = await TestDatabase.CreateAsync(provider);
        await using var freshContext = fresh.CreateContext();
        Assert.Equal(await SchemaReader.ReadAsync(freshContext), await SchemaReader.ReadAsync(context));

        // The upgraded store keeps working: its key sequences continue after the existing rows.
        var importer = new BillingImporter(database.CreateFactory(), TimeProvider.System, new RecordingNotifier(), NullLogger<BillingImporter>.Instance);
        await importer.ImportAsync(Batch(sourceId, Customer("cus_2")));
        Assert.Equal(2, await context.Customers.Select(c => c.Id).Distinct().CountAsync());

        // Starting again changes nothing.
        await Initializer(database).MigrateAsync();
        Assert.Equal(context.Database.GetMigrations(), await context.Database.GetAppliedMigrationsAsync());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_database_part_way_through_the_hand_written_migrations_is_refused_and_left_as_it_is(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, migrate: false);
        await LegacyMigrations.MigrateAsync(database, "20261122120000_StripePaymentLinks");

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => Initializer(database).MigrateAsync());

        Assert.Contains("missing: 20261122133000_CancellationFeedbackKey, 20261122140000_UniqueCancellationReasonText", refused.Message, StringComparison.Ordinal);
        Assert.Contains("previous release", refused.Message, StringComparison.Ordinal);
        await using var context = database.CreateContext();
        Assert.Equal(LegacyMigrationHistory.HandWrittenIds.Take(2), await context.Database.GetAppliedMigrationsAsync());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_history_of_the_hand_written_migrations_over_a_changed_schema_is_refused(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, migrate: false);
        await LegacyMigrations.MigrateAsync(database);
        await using (var context = database.CreateContext())
        {
            await context.Database.ExecuteSqlRawAsync("DROP TABLE segments");
        }

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => Initializer(database).MigrateAsync());

        Assert.Contains("table segments", refused.Message, StringComparison.Ordinal);
        await using var after = database.CreateContext();
        Assert.Equal(LegacyMigrationHistory.HandWrittenIds, await after.Database.GetAppliedMigrationsAsync());
    }

    private static DatabaseInitializer Initializer(TestDatabase database) =>
        new(database.CreateFactory(), NullLogger<DatabaseInitializer>.Instance);

    /// <summary>Rows in every kind of table the old migrations built, written by the importer as the old version did.</summary>
    private static async Task<long> ImportRowsAsync(TestDatabase database)
    {
        var importer = new BillingImporter(database.CreateFactory(), TimeProvider.System, new RecordingNotifier(), NullLogger<BillingImporter>.Instance);
        var source = await new SourceCatalog(database.CreateFactory(), TimeProvider.System).CreateAsync("Pushed", SourceProvider.Api);
        await using var context = database.CreateContext();

        // Today's importer reads and writes the columns later migrations add to these tables: they exist only while it
        // writes, so the old tables end as the old migrations left them.
        await LaterColumns.AddAsync(context);
        await importer.ImportAsync(Batch(source.Id, Plan(), Customer(), Subscription(), Charge(), Refund(), Feedback()));
        await LaterColumns.DropAsync(context);

        context.FxRates.Add(new FxRate { Date = new DateOnly(2026, 1, 15), Currency = "EUR", Rate = 1.0834567m });
        context.Settings.Add(new Setting { Key = "Reporting:Currency", Value = "USD" });
        await context.SaveChangesAsync();
        return source.Id;
    }

    private static ImportBatch Batch(long sourceId, params Dashboard.Infrastructure.Import.Operations.ImportOperation[] operations)
    {
        var batch = new ImportBatch(sourceId);
        batch.AddRange(operations);
        return batch;
    }

    /// <summary>Counts and the values that matter (ids, amounts, instants), so a lost or altered row shows.</summary>
    private static async Task<string> DescribeRowsAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        var customers = await db.Customers.OrderBy(c => c.Id).Select(c => $"{c.Id}:{c.ExternalId}:{c.CreatedAt:O}").ToListAsync();
        var charges = await db.Charges.OrderBy(c => c.Id).Select(c => $"{c.Id}:{c.AmountMinor}:{c.CreatedAt:O}").ToListAsync();
        var states = await db.SubscriptionStates.OrderBy(s => s.Id).Select(s => $"{s.Id}:{s.EffectiveFrom:O}:{s.Quantity}").ToListAsync();
        var events = await db.CancellationEvents.OrderBy(e => e.Id).Select(e => $"{e.Id}:{e.FeedbackSourceId}:{e.OccurredAt:O}").ToListAsync();
        var rates = await db.FxRates.Select(r => $"{r.Currency}:{r.Date}:{r.Rate}").ToListAsync();
        return $"customers={customers.Count} [{string.Join(" ", customers)}] plans={await db.Plans.CountAsync()} " +
               $"subscriptions={await db.Subscriptions.CountAsync()} states=[{string.Join(" ", states)}] charges=[{string.Join(" ", charges)}] " +
               $"refunds={await db.Refunds.CountAsync()} reasons={await db.CancellationReasons.CountAsync()} events=[{string.Join(" ", events)}] " +
               $"rates=[{string.Join(" ", rates)}] settings={await db.Settings.CountAsync()} sources={await db.Sources.CountAsync()}";
    }
}
