using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Dashboard.Infrastructure.Sources.Connectors;

public static class ConnectorServiceCollectionExtensions
{
    /// <summary>The registry and the shared store of connected sources (each connector's registration calls this).</summary>
    public static IServiceCollection AddConnectorModel(this IServiceCollection services)
    {
        services.TryAddTransient<ConnectorRegistry>();
        services.TryAddTransient<ConnectedSourceStore>();
        return services;
    }

    /// <summary>Registers a connector once (a second registration of the same type is ignored).</summary>
    public static IServiceCollection AddSourceConnector<TConnector>(this IServiceCollection services)
        where TConnector : class, ISourceConnector
    {
        services.AddConnectorModel();
        services.TryAddEnumerable(ServiceDescriptor.Transient<ISourceConnector, TConnector>());
        return services;
    }

    /// <summary>Registers a connector's webhook receiver once.</summary>
    public static IServiceCollection AddConnectorWebhook<TWebhook>(this IServiceCollection services)
        where TWebhook : class, IConnectorWebhook
    {
        services.TryAddEnumerable(ServiceDescriptor.Transient<IConnectorWebhook, TWebhook>());
        return services;
    }
}
