using Dashboard.Core.Billing;
using Dashboard.Infrastructure.Attributes;
using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Import;
using Dashboard.Infrastructure.Import.Operations;
using Dashboard.Infrastructure.Reporting;
using Dashboard.Infrastructure.Sources;
using Dashboard.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dashboard.Infrastructure.Tests.Import;

/// <summary>
/// A fresh migrated database with one API source, an importer and the services that write the rest of the store over
/// it, a fixed clock and a recording notifier.
/// </summary>
internal sealed class ImportFixture : IAsyncDisposable
{
    public static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    private ImportFixture(TestDatabase database, IInterceptor[] interceptors)
    {
        Database = database;
        Factory = new InterceptedFactory(database, interceptors);
        var time = new FixedTime(Now);
        Importer = new BillingImporter(Factory, time, Notifier, NullLogger<BillingImporter>.Instance);
        Sources = new SourceCatalog(Factory, time);
        AttributeFields = new AttributeFieldService(Factory, Notifier, NullLogger<AttributeFieldService>.Instance);
        FxRates = new FxRateStore(Factory, Notifier, NullLogger<FxRateStore>.Instance);
        Settings = new ReportingSettingsStore(Factory, Notifier, NullLogger<ReportingSettingsStore>.Instance);
    }

    public TestDatabase Database { get; }
    public IDbContextFactory<DashboardDbContext> Factory { get; }
    public RecordingNotifier Notifier { get; } = new();
    public BillingImporter Importer { get; }
    public SourceCatalog Sources { get; }
    public AttributeFieldService AttributeFields { get; }
    public FxRateStore FxRates { get; }
    public ReportingSettingsStore Settings { get; }
    public long SourceId { get; private set; }

    public static async Task<ImportFixture> CreateAsync(DatabaseProvider provider, params IInterceptor[] interceptors)
    {
        var fixture = new ImportFixture(await TestDatabase.CreateAsync(provider), interceptors);
        fixture.SourceId = (await fixture.Sources.CreateAsync("Pushed", SourceProvider.Api)).Id;
        return fixture;
    }

    /// <summary>The same over a database built by the hand-written migrations earlier versions shipped.</summary>
    public static async Task<ImportFixture> CreateLegacyAsync(DatabaseProvider provider)
    {
        var database = await TestDatabase.CreateAsync(provider, migrate: false);
        await Data.Legacy.LegacyMigrations.MigrateAsync(database);
        await using (var context = database.CreateContext())
        {
            // The tests on these databases are about the old migrations' data moves, written by today's importer.
            await Data.Legacy.LaterColumns.AddAsync(context);
        }

        var fixture = new ImportFixture(database, []);
        fixture.SourceId = (await fixture.Sources.CreateAsync("Pushed", SourceProvider.Api)).Id;
        return fixture;
    }

    public ImportBatch Batch(params ImportOperation[] operations) => Batch(SourceId, operations);

    public ImportBatch Batch(long sourceId, params ImportOperation[] operations)
    {
        var batch = new ImportBatch(sourceId);
        batch.AddRange(operations);
        return batch;
    }

    public async Task<int> CountAsync<T>()
        where T : class
    {
        await using var db = Database.CreateContext();
        return await db.Set<T>().CountAsync();
    }

    /// <summary>Row counts of every billing table, to prove a refused batch left nothing behind.</summary>
    public async Task<string> CountsAsync() =>
        $"plans={await CountAsync<Plan>()} customers={await CountAsync<Customer>()} subscriptions={await CountAsync<Subscription>()} " +
        $"states={await CountAsync<SubscriptionState>()} addons={await CountAsync<SubscriptionAddOn>()} charges={await CountAsync<Charge>()} " +
        $"refunds={await CountAsync<Refund>()} attributes={await CountAsync<CustomerAttribute>()}";

    public async Task<T> ReadAsync<T>(Func<DashboardDbContext, Task<T>> read)
    {
        await using var db = Database.CreateContext();
        return await read(db);
    }

    public ValueTask DisposeAsync() => Database.DisposeAsync();

    private sealed class InterceptedFactory(TestDatabase database, IInterceptor[] interceptors) : IDbContextFactory<DashboardDbContext>
    {
        public DashboardDbContext CreateDbContext()
        {
            var builder = new DbContextOptionsBuilder<DashboardDbContext>();
            StoreServiceCollectionExtensions.Configure(builder, database.Options);
            builder.AddInterceptors(interceptors);
            return new DashboardDbContext(builder.Options);
        }
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}

internal sealed class RecordingNotifier : IBillingChangeNotifier
{
    public List<BillingChange> Changes { get; } = [];

    public Task BillingChangedAsync(BillingChange change, CancellationToken cancellationToken)
    {
        Changes.Add(change);
        return Task.CompletedTask;
    }
}

/// <summary>Runs an action when a context is about to save, to inject failures and concurrent writes mid-import.</summary>
internal sealed class SaveHook(Func<DbContext, Task> beforeSave) : SaveChangesInterceptor
{
    public int Calls { get; private set; }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Calls++;
        await beforeSave(eventData.Context!);
        return result;
    }
}
