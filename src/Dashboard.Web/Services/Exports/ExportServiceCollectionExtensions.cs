using Dashboard.Infrastructure.Exports;
using Dashboard.Web.Cli;
using Dashboard.Web.Features.Settings.Reporting;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Services.Exports;

public static class ExportServiceCollectionExtensions
{
    /// <summary>
    /// Exports: their store, folder (<c>Exports:Folder</c>), deliveries (folder, SMTP from <c>Email:Smtp</c> in configuration or saved in Settings, signed
    /// webhooks), jobs and the <c>export</c> verbs. With <paramref name="reconcileAtStart"/> (the server) every export's
    /// recurring job is brought in line with the store at start-up.
    /// </summary>
    public static IServiceCollection AddExports(this IServiceCollection services, IConfiguration configuration, string contentRoot, bool reconcileAtStart)
    {
        services.AddOptions<ExportOptions>().Bind(configuration.GetSection(ExportOptions.SectionName));
        services.AddHttpClient(ExportSenders.WebhookClient);
        services.AddSingleton(provider => new ExportFolder(provider.GetRequiredService<IOptions<ExportOptions>>(), contentRoot));
        services.AddSingleton<ExportJson>();
        services.AddScoped<ExportStore>();
        services.AddScoped<SmtpSettingsStore>();
        services.AddScoped<ExportSenders>();
        services.AddScoped<ExportDeliverer>();
        services.AddScoped<ExportTableBuilder>();
        services.AddScoped<ExportRunner>();
        services.AddScoped<ExportSchedules>();
        services.AddScoped<ExportService>();
        services.AddScoped<ExportJob>();
        services.AddScoped<IReportingSettingsListener, ExportScheduleZone>();
        services.AddCliVerb<ExportListVerb>();
        services.AddCliVerb<ExportRunVerb>();
        if (reconcileAtStart)
        {
            services.AddHostedService<ExportScheduleStartup>();
        }

        return services;
    }
}
