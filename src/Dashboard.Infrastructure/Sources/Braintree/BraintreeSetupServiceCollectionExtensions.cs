using Dashboard.Infrastructure.Sources.Braintree.Webhooks;
using Dashboard.Infrastructure.Sources.Connectors;
using Dashboard.Infrastructure.Sync;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Dashboard.Infrastructure.Sources.Braintree;

public static class BraintreeSetupServiceCollectionExtensions
{
    /// <summary>
    /// Registers Braintree on the connector model: its descriptor and set-up (<see cref="BraintreeConnector"/>), the
    /// webhook route's verifier and job, and stand-ins (<see cref="BraintreePlaceholders"/>) for the synchronizer, the
    /// notification handler and the connection test, used only while no real one is registered (the gateway client,
    /// import and sync register theirs). Needs AddDashboardStore, AddBillingImporter and AddSourceCredentials.
    /// </summary>
    public static IServiceCollection AddBraintreeSetup(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSyncCore();
        services.AddSourceConnector<BraintreeConnector>();
        services.AddConnectorWebhook<BraintreeConnectorWebhook>();
        services.TryAddTransient<BraintreeWebhookJob>();
        services.TryAddEnumerable(ServiceDescriptor.Transient<ISourceSynchronizer, MissingBraintreeSynchronizer>());
        services.TryAddEnumerable(ServiceDescriptor.Transient<IBraintreeNotificationHandler, MissingBraintreeNotificationHandler>());
        services.TryAddEnumerable(ServiceDescriptor.Transient<IBraintreeConnectionTest, MissingBraintreeConnectionTest>());
        return services;
    }
}
