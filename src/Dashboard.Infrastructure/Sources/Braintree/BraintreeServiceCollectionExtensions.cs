using Dashboard.Infrastructure.Sources.Braintree.Api;
using Dashboard.Infrastructure.Sources.Braintree.Sync;
using Dashboard.Infrastructure.Sync;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Dashboard.Infrastructure.Sources.Braintree;

public static class BraintreeServiceCollectionExtensions
{
    /// <summary>
    /// Registers the Braintree connector's inside: options (section "Braintree"), the typed gateway client with its
    /// retry pipeline, the synchronizer the <see cref="SyncRunner"/> uses for Braintree sources, and the notification
    /// processor webhooks call. Needs AddDashboardStore, AddBillingImporter and AddSourceCredentials.
    /// </summary>
    public static IServiceCollection AddBraintreeConnector(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BraintreeOptions>().Bind(configuration.GetSection(BraintreeOptions.SectionName));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<BraintreeResilience>();

        // Attempts are timed by the retry pipeline, so the client itself never times out a whole retried call.
        services.AddHttpClient<IBraintreeClient, BraintreeClient>(client => client.Timeout = Timeout.InfiniteTimeSpan);

        services.AddSyncCore();
        services.TryAddTransient<SourceStoreWriter>();
        services.TryAddTransient<BraintreeObjectImporter>();
        services.TryAddSingleton<BraintreeSourceConnections>();
        services.TryAddTransient<BraintreeSynchronizer>();
        services.AddTransient<ISourceSynchronizer>(sp => sp.GetRequiredService<BraintreeSynchronizer>());
        services.TryAddTransient<BraintreeNotificationProcessor>();
        return services;
    }
}
