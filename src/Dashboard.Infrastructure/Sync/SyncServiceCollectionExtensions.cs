using Dashboard.Infrastructure.Jobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Dashboard.Infrastructure.Sync;

public static class SyncServiceCollectionExtensions
{
    /// <summary>The runner, the status service, the checkpoint store and the per-source intervals (connectors call this themselves).</summary>
    public static IServiceCollection AddSyncCore(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<SyncScheduleOptions>();
        services.TryAddSingleton<SyncStatusService>();
        services.TryAddSingleton<SyncCheckpointStore>();
        services.TryAddSingleton<SyncRunner>();
        services.TryAddSingleton<SyncIntervals>();
        services.TryAddSingleton<ISyncSchedule, NoSyncSchedule>();
        return services;
    }

    /// <summary>
    /// Syncs as background jobs (needs <see cref="JobsServiceCollectionExtensions.AddBackgroundJobs"/>): a recurring job
    /// per source on its interval (section "Sync": <c>Enabled</c>, <c>DefaultIntervalMinutes</c>), "sync now" through
    /// <see cref="SourceSyncQueue"/>, and with <paramref name="reconcileAtStart"/> the schedule brought in line with the
    /// store when the host starts.
    /// </summary>
    public static IServiceCollection AddScheduledSync(this IServiceCollection services, IConfiguration configuration, bool reconcileAtStart)
    {
        services.AddSyncCore();
        services.Configure<SyncScheduleOptions>(configuration.GetSection(SyncScheduleOptions.SectionName));
        services.TryAddTransient<SourceSyncJob>();
        services.TryAddSingleton<RecurringSyncSchedule>();
        services.Replace(ServiceDescriptor.Singleton<ISyncSchedule>(provider => provider.GetRequiredService<RecurringSyncSchedule>()));
        services.TryAddSingleton<SourceSyncQueue>();
        if (reconcileAtStart)
        {
            services.AddHostedService<SyncScheduleStartup>();
        }

        return services;
    }
}
