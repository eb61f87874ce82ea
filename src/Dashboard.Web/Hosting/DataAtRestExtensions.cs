using Dashboard.Web.Features.Import;

namespace Dashboard.Web.Hosting;

public static class DataAtRestExtensions
{
    /// <summary>The private upload folder of the Import page and the start-up step that empties it and checks file permissions.</summary>
    public static IServiceCollection AddDashboardDataAtRest(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        services.AddSingleton(ImportUploads.FromConfiguration(configuration, contentRoot));
        services.AddHostedService<DataAtRestStartup>();
        return services;
    }
}
