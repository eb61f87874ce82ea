using Dashboard.Core.Billing;
using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Import;
using Dashboard.Infrastructure.Sources;
using Dashboard.Infrastructure.Sources.Braintree;
using Dashboard.Infrastructure.Sources.Connectors;
using Dashboard.Infrastructure.Sources.Stripe;
using Dashboard.Infrastructure.Sync;
using Dashboard.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Infrastructure.Tests.Sources.Connectors;

/// <summary>The registry over the real registrations: each provider found by name with its parts, placeholders only as a fallback.</summary>
public sealed class ConnectorRegistryTests : IAsyncLifetime
{
    private readonly string keys = Path.Combine(Path.GetTempPath(), "dashboard-keys-" + Guid.NewGuid().ToString("N"));
    private TestDatabase database = null!;

    public async Task InitializeAsync() => database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);

    public async Task DisposeAsync()
    {
        await database.DisposeAsync();
        if (Directory.Exists(keys))
        {
            Directory.Delete(keys, recursive: true);
        }
    }

    [Fact]
    public void Both_providers_are_registered_with_their_webhooks_and_synchronizers()
    {
        using var services = Services().BuildServiceProvider();
        var registry = services.GetRequiredService<ConnectorRegistry>();

        Assert.Equal(["stripe", "braintree"], registry.Names);
        Assert.Equal(SourceProvider.Braintree, registry.Find("Braintree")!.Descriptor.Provider);
        Assert.Equal(SourceProvider.Stripe, registry.Webhook("stripe")!.Provider);
        Assert.Equal(SourceProvider.Braintree, registry.Webhook("braintree")!.Provider);
        Assert.Null(registry.Find("paypal"));
        Assert.Null(registry.Webhook("paypal"));
        Assert.IsType<StripeConnector>(registry.Find(SourceProvider.Stripe));
        Assert.Equal("/webhooks/braintree/7", registry.Find("braintree")!.Descriptor.WebhookPath(7));
    }

    [Fact]
    public async Task Without_a_real_braintree_synchronizer_the_placeholder_says_it_is_not_installed()
    {
        using var services = Services().BuildServiceProvider();
        var synchronizer = services.GetRequiredService<ConnectorRegistry>().Synchronizer(SourceProvider.Braintree);

        Assert.IsType<MissingBraintreeSynchronizer>(synchronizer);
        var error = await Assert.ThrowsAsync<NotSupportedException>(() => synchronizer!.SyncAsync(
            new Source { Name = "x", Provider = SourceProvider.Braintree }, SyncMode.Full, null!, default));
        Assert.Contains("Braintree synchronizer is not installed", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_real_synchronizer_wins_over_the_placeholder_whichever_is_registered_first(bool realFirst)
    {
        var collection = new ServiceCollection();
        if (realFirst)
        {
            collection.AddTransient<ISourceSynchronizer, RealBraintreeSynchronizer>();
        }

        Services(collection);
        if (!realFirst)
        {
            collection.AddTransient<ISourceSynchronizer, RealBraintreeSynchronizer>();
        }

        using var services = collection.BuildServiceProvider();

        Assert.IsType<RealBraintreeSynchronizer>(services.GetRequiredService<ConnectorRegistry>().Synchronizer(SourceProvider.Braintree));
        Assert.IsType<RealBraintreeSynchronizer>(ConnectorParts.Pick(services.GetServices<ISourceSynchronizer>(), s => s.Provider == SourceProvider.Braintree));
    }

    private ServiceCollection Services(ServiceCollection? collection = null)
    {
        collection ??= new ServiceCollection();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["DataProtection:KeysPath"] = keys })
            .Build();
        collection.AddLogging()
            .AddSingleton(TimeProvider.System)
            .AddSourceCredentials(configuration, Path.GetTempPath())
            .AddSingleton(database.CreateFactory())
            .AddBillingImporter()
            .AddStripeConnector(configuration)
            .AddBraintreeSetup();
        return collection;
    }

    private sealed class RealBraintreeSynchronizer : ISourceSynchronizer
    {
        public SourceProvider Provider => SourceProvider.Braintree;

        public Task<SyncMode> PlanAsync(Source source, CancellationToken cancellationToken) => Task.FromResult(SyncMode.Incremental);

        public Task SyncAsync(Source source, SyncMode mode, SyncProgress progress, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
