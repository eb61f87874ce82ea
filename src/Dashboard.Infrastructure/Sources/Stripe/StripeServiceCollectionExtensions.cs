using Dashboard.Infrastructure.Import;
using Dashboard.Infrastructure.Sources.Connectors;
using Dashboard.Infrastructure.Sources.Stripe.Api;
using Dashboard.Infrastructure.Sources.Stripe.Events;
using Dashboard.Infrastructure.Sources.Stripe.Sync;
using Dashboard.Infrastructure.Sources.Stripe.Webhooks;
using Dashboard.Infrastructure.Sync;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Dashboard.Infrastructure.Sources.Stripe;

public static class StripeServiceCollectionExtensions
{
    /// <summary>
    /// Registers the Stripe connector: options (section "Stripe"), the typed API client with its retry pipeline, the
    /// event handlers and their dispatcher, the synchronizer the <see cref="SyncRunner"/> uses for Stripe sources, and
    /// the webhook receiver and its background job, and the connector (<see cref="StripeConnector"/>) that describes them.
    /// Needs AddDashboardStore, AddBillingImporter and AddSourceCredentials.
    /// </summary>
    public static IServiceCollection AddStripeConnector(this IServiceCollection services, IConfiguration configuration)
    {
        // Stripe.net's serializer options are process-wide: set them once here, before any request or webhook is read.
        Api.StripeModelReader.Install();
        services.AddOptions<StripeOptions>().Bind(configuration.GetSection(StripeOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StripeOptions>, StripeOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<StripeResilience>();

        // Stripe.net sends every request through this client; attempts are timed and retried by its handler's
        // pipeline, so the client itself never times out a whole retried call.
        services.TryAddTransient<StripeRetryHandler>();
        // Each connection keeps its client (StripeApi), so the factory never rotates its handler: connections are
        // recycled here instead, so DNS changes and stale sockets are picked up.
        services.AddHttpClient(StripeApi.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = StripeApi.ConnectionLifetime })
            .AddHttpMessageHandler<StripeRetryHandler>();
        services.TryAddSingleton<IStripeApi, StripeApi>();

        services.AddSyncCore();
        services.TryAddTransient<SourceStoreWriter>();
        services.TryAddTransient<StripeObjectImporter>();
        services.TryAddSingleton<StripeSourceConnections>();
        services.AddTransient<IStripeEventHandler, CustomerEventHandler>();
        services.AddTransient<IStripeEventHandler, PriceEventHandler>();
        services.AddTransient<IStripeEventHandler, SubscriptionEventHandler>();
        services.AddTransient<IStripeEventHandler, InvoiceEventHandler>();
        services.AddTransient<IStripeEventHandler, ChargeEventHandler>();
        services.AddTransient<IStripeEventHandler, RefundEventHandler>();
        services.AddTransient<IStripeEventHandler, CreditNoteEventHandler>();
        services.AddTransient<IStripeEventHandler, DisputeEventHandler>();
        services.TryAddTransient<StripeEventDispatcher>();
        services.TryAddTransient<StripeEventLedger>();
        services.AddTransient<ISourceSynchronizer, StripeSynchronizer>();
        services.TryAddTransient<StripeWebhookReceiver>();
        services.TryAddTransient<StripeWebhookJob>();
        services.TryAddTransient<StripeWebhookStatusService>();
        services.TryAddTransient<StripeSourceRegistrar>();
        services.AddSourceConnector<StripeConnector>();
        services.AddConnectorWebhook<StripeConnectorWebhook>();
        return services;
    }
}
