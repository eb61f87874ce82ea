using Dashboard.Web.Features.Settings.FxRates;
using Dashboard.Web.Features.Settings.Reporting;

namespace Dashboard.Web.Features.Settings;

public static class SettingsServiceCollectionExtensions
{
    /// <summary>The services behind /settings: reporting settings and FX rates (API keys use the API's key service).</summary>
    public static IServiceCollection AddDashboardSettingsPages(this IServiceCollection services)
    {
        services.AddScoped<ReportingSettingsService>();
        services.AddScoped<FxRateService>();
        return services;
    }
}
