using Dashboard.Infrastructure.Data;
using Dashboard.Core.Billing;
using Dashboard.Infrastructure.Demo;
using Dashboard.Infrastructure.Sources;
using Dashboard.Testing;
using Dashboard.Web.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dashboard.Web.Tests.Hosting;

public sealed class DemoDataStartupTests : IAsyncLifetime
{
    private TestDatabase database = null!;

    public async Task InitializeAsync() => database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);

    public async Task DisposeAsync() => await database.DisposeAsync();

    [Fact]
    public async Task Seeds_an_empty_store_by_default()
    {
        var seeder = new FakeDemoDataSeeder(database);

        await StartAsync(seeder, setting: null);

        Assert.Equal(1, seeder.Calls);
        await using var context = database.CreateContext();
        Assert.True(await context.Customers.AnyAsync());
    }

    [Fact]
    public async Task Leaves_a_store_with_customers_alone()
    {
        await using (var context = database.CreateContext())
        {
            var data = new BillingBuilder();
            data.Customer("existing");
            await data.SaveAsync(context);
        }

        var seeder = new FakeDemoDataSeeder(database);
        await StartAsync(seeder, setting: "true");

        Assert.Equal(0, seeder.Calls);
    }

    [Fact]
    public async Task Does_not_bring_removed_demo_data_back_on_the_next_start()
    {
        await using (var context = database.CreateContext())
        {
            var data = new BillingBuilder();
            data.Customer("demo_1");
            await data.SaveAsync(context);
            var source = await context.Sources.SingleAsync();
            source.Provider = SourceProvider.Demo;
            await context.SaveChangesAsync();
        }

        var removedAt = new DateTimeOffset(2026, 12, 1, 9, 30, 0, TimeSpan.Zero);
        var demoId = await FirstSourceIdAsync();
        await new SourceDataRemover(database.CreateFactory(), new FixedTimeProvider(removedAt)).RemoveAsync(demoId, CancellationToken.None);
        var seeder = new FakeDemoDataSeeder(database);
        var logs = new ListLogger();

        await StartAsync(seeder, setting: "true", logs);

        Assert.Equal(0, seeder.Calls);
        await using var check = database.CreateContext();
        Assert.False(await check.Customers.AnyAsync());
        Assert.Equal("2026-12-01T09:30:00.0000000+00:00", (await check.Settings.SingleAsync(s => s.Key == DemoDataMarker.RemovedAtSettingKey)).Value);
        Assert.Contains(logs.Messages, m => m.Contains("demo data was removed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Removing_a_source_that_is_not_the_demo_leaves_first_run_seeding_as_it_was()
    {
        await using (var context = database.CreateContext())
        {
            var data = new BillingBuilder();
            data.Customer("own_1");
            await data.SaveAsync(context);
        }

        await new SourceDataRemover(database.CreateFactory(), TimeProvider.System).RemoveAsync(await FirstSourceIdAsync(), CancellationToken.None);
        var seeder = new FakeDemoDataSeeder(database);

        await StartAsync(seeder, setting: "true");

        Assert.Equal(1, seeder.Calls);
    }

    [Fact]
    public async Task Does_nothing_when_turned_off()
    {
        var seeder = new FakeDemoDataSeeder(database);

        await StartAsync(seeder, setting: "false");

        Assert.Equal(0, seeder.Calls);
    }

    [Fact]
    public async Task Without_a_seeder_starts_empty_and_says_so()
    {
        var logs = new ListLogger();

        await StartAsync(seeder: null, setting: "true", logs);

        Assert.Contains(logs.Messages, m => m.Contains("no demo data seeder is registered", StringComparison.Ordinal));
    }

    private async Task<long> FirstSourceIdAsync()
    {
        await using var context = database.CreateContext();
        return await context.Sources.Select(s => s.Id).SingleAsync();
    }

    private async Task StartAsync(IDemoDataSeeder? seeder, string? setting, ListLogger? logger = null)
    {
        var settings = new Dictionary<string, string?>();
        if (setting is not null)
        {
            settings[DemoDataStartup.SettingKey] = setting;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton(database.CreateFactory());
        if (seeder is not null)
        {
            services.AddSingleton(seeder);
        }

        await using var provider = services.BuildServiceProvider();
        var startup = new DemoDataStartup(
            provider.GetRequiredService<IServiceScopeFactory>(),
            configuration,
            logger ?? (ILogger<DemoDataStartup>)NullLogger<DemoDataStartup>.Instance);
        await startup.StartAsync(CancellationToken.None);
    }

    /// <summary>A stand-in for the demo-data module's seeder: adds one customer and counts its calls.</summary>
    private sealed class FakeDemoDataSeeder(TestDatabase database) : IDemoDataSeeder
    {
        public int Calls { get; private set; }

        public async Task SeedAsync(CancellationToken cancellationToken)
        {
            Calls++;
            await using var context = database.CreateContext();
            var data = new BillingBuilder();
            data.Customer("demo");
            await data.SaveAsync(context, cancellationToken);
        }
    }

    private sealed class ListLogger : ILogger<DemoDataStartup>
    {
        public List<string> Messages { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Messages.Add(formatter(state, exception));
    }
}
