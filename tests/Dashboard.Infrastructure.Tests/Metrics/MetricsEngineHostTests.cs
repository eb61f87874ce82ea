using Dashboard.Core.Billing;
using Dashboard.Core.Metrics;
using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Import;
using Dashboard.Infrastructure.Import.Operations;
using Dashboard.Infrastructure.Metrics;
using Dashboard.Infrastructure.Reporting;
using Dashboard.Infrastructure.Sources;
using Dashboard.Infrastructure.Tests.Import;
using Dashboard.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dashboard.Infrastructure.Tests.Metrics;

/// <summary>The engine host over a real store: built on first use, then kept current by the importer's notifications.</summary>
public sealed class MetricsEngineHostTests
{
    private static readonly DateOnly February = new(2026, 2, 1);
    private static readonly DateOnly EndOfMarch = new(2026, 3, 31);

    [SkippableTheory]
    [MemberData(nameof(Samples.Providers), MemberType = typeof(Samples))]
    public async Task Imports_after_the_first_build_update_the_numbers(DatabaseProvider provider)
    {
        await using var store = await Store.CreateAsync(provider);
        await store.ImportAsync(Samples.Plan(), Samples.Customer(), Samples.Subscription());
        Assert.Equal(9_800m, await store.MrrAsync(February)); // 2 seats of $49

        await store.ImportAsync(Samples.Customer("cus_2"), Samples.Subscription("sub_2", "cus_2") with { Quantity = 1 });
        Assert.Equal(14_700m, await store.MrrAsync(February));

        await store.ImportAsync(new Deletion { Target = ImportObjectKind.Customer, Oid = "cus_2" });
        Assert.Equal(9_800m, await store.MrrAsync(February));
        Assert.Equal(1m, await store.ValueAsync("active_customers", February));
    }

    [SkippableTheory]
    [MemberData(nameof(Samples.Providers), MemberType = typeof(Samples))]
    public async Task Changing_a_metric_setting_recomputes_the_numbers(DatabaseProvider provider)
    {
        await using var store = await Store.CreateAsync(provider);
        await store.ImportAsync(Samples.Plan(), Samples.Customer(), Samples.Subscription(),
            new SubscriptionChange { Oid = "sub_1", PlanOid = "pro_monthly", OccurredAt = new DateTimeOffset(2026, 2, 10, 0, 0, 0, TimeSpan.Zero), Status = SubscriptionStatus.PastDue });

        Assert.Equal(0m, await store.MrrAsync(EndOfMarch)); // past due since Feb 10: churned after the default 30 days

        await store.Settings.SetAsync(MetricSettingsReader.PastDueChurnDaysKey, "never");
        Assert.Equal(9_800m, await store.MrrAsync(EndOfMarch));

        await store.Settings.SetAsync(MetricSettingsReader.PastDueChurnDaysKey, null);
        Assert.Equal(0m, await store.MrrAsync(EndOfMarch));
    }

    [SkippableTheory]
    [MemberData(nameof(Samples.Providers), MemberType = typeof(Samples))]
    public async Task A_bad_stored_setting_is_an_error_naming_the_key(DatabaseProvider provider)
    {
        await using var store = await Store.CreateAsync(provider);
        await store.Settings.SetAsync(MetricSettingsReader.PastDueChurnDaysKey, "soon");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => store.Host.GetEngineAsync());
        Assert.Contains(MetricSettingsReader.PastDueChurnDaysKey, error.Message);
    }

    [Fact]
    public async Task A_large_stores_customer_list_indexes_are_built_after_the_first_build_and_after_each_change()
    {
        await using var store = await Store.CreateAsync(DatabaseProvider.Sqlite);
        var operations = new List<ImportOperation> { Samples.Plan() };
        for (var i = 0; i < 2_100; i++)
        {
            operations.Add(Samples.Customer($"cus_{i}") with { Name = $"Customer {i}" });
            operations.Add(Samples.Subscription($"sub_{i}", $"cus_{i}"));
        }

        await store.ImportAsync([.. operations]);
        await store.Host.GetEngineAsync();
        await WaitForAsync(() => store.Host.CustomerListWarmUps == 1);

        await store.ImportAsync(Samples.Customer("cus_late") with { Name = "Late" });
        await WaitForAsync(() => store.Host.CustomerListWarmUps == 2);
        var engine = await store.Host.GetEngineAsync();
        Assert.Equal(2_101, engine.Customers(new Dashboard.Core.Customers.CustomerListQuery(February)).Total);
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The customer list was not prepared in the background.");
            await Task.Delay(20);
        }
    }

    private sealed class Store : IAsyncDisposable
    {
        private Store(TestDatabase database)
        {
            Database = database;
            var factory = database.CreateFactory();
            Host = new MetricsEngineHost(factory, new MetricSettingsReader(new ConfigurationBuilder().Build()), NullLogger<MetricsEngineHost>.Instance,
                customerListWarmUpDelay: TimeSpan.Zero);
            var time = new FixedTimeProvider(ImportFixture.Now);
            Importer = new BillingImporter(factory, time, Host, NullLogger<BillingImporter>.Instance);
            Sources = new SourceCatalog(factory, time);
            Settings = new ReportingSettingsStore(factory, Host, NullLogger<ReportingSettingsStore>.Instance);
        }

        public TestDatabase Database { get; }

        public MetricsEngineHost Host { get; }

        public BillingImporter Importer { get; }

        public SourceCatalog Sources { get; }

        public ReportingSettingsStore Settings { get; }

        private long SourceId { get; set; }

        public static async Task<Store> CreateAsync(DatabaseProvider provider)
        {
            var store = new Store(await TestDatabase.CreateAsync(provider));
            store.SourceId = (await store.Sources.CreateAsync("Pushed", SourceProvider.Api)).Id;
            return store;
        }

        public async Task ImportAsync(params ImportOperation[] operations)
        {
            var batch = new ImportBatch(SourceId);
            batch.AddRange(operations);
            await Importer.ImportAsync(batch);
        }

        public Task<decimal?> MrrAsync(DateOnly day) => ValueAsync("mrr", day);

        public async Task<decimal?> ValueAsync(string metric, DateOnly day)
        {
            var engine = await Host.GetEngineAsync();
            return engine.Query(new MetricQuery(metric, day, day, Interval.Day)).Points[0].Value;
        }

        public async ValueTask DisposeAsync() => await Database.DisposeAsync();
    }
}
