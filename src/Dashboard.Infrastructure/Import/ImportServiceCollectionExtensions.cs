using Dashboard.Infrastructure.Import.Csv;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Dashboard.Infrastructure.Import;

public static class ImportServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="BillingImporter"/> and <see cref="CsvImporter"/> (needs AddDashboardStore). A change notifier registered before or after
    /// replaces the default no-op one.
    /// </summary>
    public static IServiceCollection AddBillingImporter(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IBillingChangeNotifier, NoOpBillingChangeNotifier>();
        services.TryAddSingleton<BillingImporter>();
        services.TryAddSingleton<CsvImporter>();
        return services;
    }
}
