namespace Dashboard.Web.Hosting;

public static class StartupServiceCollectionExtensions
{
    /// <summary>
    /// Seeds demo data on the first run (see <see cref="DemoDataStartup"/>). The seeder itself is an
    /// <see cref="Dashboard.Infrastructure.Demo.IDemoDataSeeder"/> registered by the demo-data module.
    /// </summary>
    public static IServiceCollection AddDemoDataOnFirstRun(this IServiceCollection services)
    {
        services.AddHostedService<DemoDataStartup>();
        return services;
    }
}
