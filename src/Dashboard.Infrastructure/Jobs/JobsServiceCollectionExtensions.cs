using Dashboard.Infrastructure.Data;
using Hangfire;
using Hangfire.AspNetCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dashboard.Infrastructure.Jobs;

public static class JobsServiceCollectionExtensions
{
    /// <summary>
    /// Hangfire on the store's provider (<see cref="JobStorageFactory"/>): <see cref="IBackgroundJobClient"/> and
    /// <see cref="IRecurringJobManager"/> to enqueue and schedule, and with <paramref name="runServer"/> a job server
    /// of <c>Jobs:Workers</c> workers that runs with the host. Needs <see cref="DatabaseOptions"/> (AddDashboardStore).
    /// </summary>
    public static IServiceCollection AddBackgroundJobs(this IServiceCollection services, IConfiguration configuration, bool runServer)
    {
        services.AddOptions<JobsOptions>().Bind(configuration.GetSection(JobsOptions.SectionName));

        // Hangfire's defaults read the process-wide JobStorage.Current and JobActivator.Current; registering both per
        // container first keeps two hosts in one process (tests) on their own storage and services.
        services.AddSingleton<JobStorage>(provider =>
            JobStorageFactory.Create(provider.GetRequiredService<DatabaseOptions>(), provider.GetRequiredService<IOptions<JobsOptions>>().Value));
        services.AddSingleton<JobActivator>(provider => new AspNetCoreJobActivator(provider.GetRequiredService<IServiceScopeFactory>()));
        services.AddHangfire((provider, hangfire) => hangfire
            .UseLogProvider(new HostLogProvider(provider.GetRequiredService<ILoggerFactory>()))
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings());

        if (runServer)
        {
            services.AddHangfireServer((provider, server) =>
            {
                var options = provider.GetRequiredService<IOptions<JobsOptions>>().Value;
                server.WorkerCount = Math.Max(1, options.Workers);
            });
        }

        return services;
    }
}
