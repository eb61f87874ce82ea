using Dashboard.Infrastructure.Sources.Braintree.Webhooks;
using Dashboard.Infrastructure.Sources.Connectors;
using Dashboard.Infrastructure.Sync;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Dashboard.Infrastructure.Sources.Braintree;

public static class BraintreeServiceCollectionExtensions
{
    /// <summary>
    /// Registers the Braintree connector: its descriptor and set-up (<see cref="BraintreeConnector"/>), the stored
    /// credentials, the webhook route's verifier and job, and stand-ins (<see cref="BraintreePlaceholders"/>) for the
    /// synchronizer, the notification handler and the connection test, used only while no real one is registered.
    /// Needs AddDashboardStore, AddBillingImporter and AddSourceCredentials.
    /// </summary>
    public static IServiceCollection AddBraintreeConnector(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSyncCore();
        services.TryAddSingleton<BraintreeSourceConnections>();
        services.AddSourceConnector<BraintreeConnector>();
        services.AddConnectorWebhook<BraintreeConnectorWebhook>();
        services.TryAddTransient<BraintreeWebhookJob>();
        services.TryAddEnumerable(ServiceDescriptor.Transient<ISourceSynchronizer, MissingBraintreeSynchronizer>());
        services.TryAddEnumerable(ServiceDescriptor.Transient<IBraintreeNotificationHandler, MissingBraintreeNotificationHandler>());
        services.TryAddEnumerable(ServiceDescriptor.Transient<IBraintreeConnectionTest, MissingBraintreeConnectionTest>());
        return services;
    }
}
