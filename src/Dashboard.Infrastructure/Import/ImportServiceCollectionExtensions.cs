using Dashboard.Infrastructure.Attributes;
using Dashboard.Infrastructure.Import.Csv;
using Dashboard.Infrastructure.Reporting;
using Dashboard.Infrastructure.Sources;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Dashboard.Infrastructure.Import;

public static class ImportServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="BillingImporter"/>, <see cref="CsvImporter"/> and the services that write the rest of the
    /// store with the same retry and notification rules: <see cref="SourceCatalog"/>, <see cref="AttributeFieldService"/>,
    /// <see cref="FxRateStore"/> and <see cref="ReportingSettingsStore"/> (needs AddDashboardStore). A change notifier
    /// registered before or after replaces the default no-op one.
    /// </summary>
    public static IServiceCollection AddBillingImporter(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IBillingChangeNotifier, NoOpBillingChangeNotifier>();
        services.TryAddSingleton<BillingImporter>();
        services.TryAddSingleton<CsvImporter>();
        services.TryAddSingleton<SourceCatalog>();
        services.TryAddSingleton<AttributeFieldService>();
        services.TryAddSingleton<FxRateStore>();
        services.TryAddSingleton<ReportingSettingsStore>();
        return services;
    }
}
