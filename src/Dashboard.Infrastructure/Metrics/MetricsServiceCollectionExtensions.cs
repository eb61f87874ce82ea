using Dashboard.Infrastructure.Import;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Dashboard.Infrastructure.Metrics;

public static class MetricsServiceCollectionExtensions
{
    /// <summary>Registers the engine host and makes it the importer's change notifier.</summary>
    public static IServiceCollection AddDashboardMetrics(this IServiceCollection services)
    {
        services.AddSingleton<MetricSettingsReader>();
        services.AddSingleton<MetricsEngineHost>();
        services.RemoveAll<IBillingChangeNotifier>();
        services.AddSingleton<IBillingChangeNotifier>(sp => sp.GetRequiredService<MetricsEngineHost>());
        return services;
    }
}
