using Dashboard.Infrastructure.Demo;
using Dashboard.Infrastructure.Sources;
using Dashboard.Web.Jobs;
using Dashboard.Web.Services.Demo;
using Dashboard.Web.Services.ChartNotes;
using Dashboard.Web.Services.Customers;
using Dashboard.Web.Services.Filters;
using Dashboard.Web.Services.Metrics;
using Dashboard.Web.Services.Segments;
using Dashboard.Web.Services.Sources;

namespace Dashboard.Web.Services;

public static class DashboardServicesExtensions
{
    /// <summary>
    /// The services between the metrics engine and its callers (REST API, pages, CSV export, command line): metric
    /// queries, saved segments, customer lists and the sources pages pick from.
    /// </summary>
    public static IServiceCollection AddDashboardServices(this IServiceCollection services)
    {
        services.AddScoped<SegmentService>();
        services.AddScoped<MetricQueryService>();
        services.AddScoped<ForecastService>();
        services.AddScoped<TrialFunnelService>();
        services.AddScoped<CustomerQueryService>();
        services.AddScoped<CustomerNoteService>();
        services.AddScoped<SourceDirectory>();
        services.AddScoped<IFilterChoices, FilterChoices>();
        services.AddScoped<SourceDataRemover>();
        services.AddScoped<SourceRemoval>();
        services.AddScoped<DemoDataReloader>();
        services.AddScoped<DemoReload>();
        services.AddSingleton<DemoReloadStatus>();
        services.AddTransient<DemoReloadJob>();
        services.AddScoped<ChartNoteService>();
        return services;
    }
}
