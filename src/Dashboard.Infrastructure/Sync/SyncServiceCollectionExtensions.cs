using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Quartz;

namespace Dashboard.Infrastructure.Sync;

public static class SyncServiceCollectionExtensions
{
    /// <summary>The runner, the status service and the checkpoint store (connectors call this themselves).</summary>
    public static IServiceCollection AddSyncCore(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SyncStatusService>();
        services.TryAddSingleton<SyncCheckpointStore>();
        services.TryAddSingleton<SyncRunner>();
        return services;
    }

    /// <summary>
    /// Schedules <see cref="SourceSyncJob"/> with Quartz (in-memory store) on the cron expression in
    /// <c>Sync:Schedule</c> (default every 15 minutes); <c>Sync:Enabled</c> false leaves syncs to the CLI and webhooks.
    /// </summary>
    public static IServiceCollection AddScheduledSync(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSyncCore();
        var settings = configuration.GetSection(SyncScheduleOptions.SectionName).Get<SyncScheduleOptions>() ?? new SyncScheduleOptions();
        if (!settings.Enabled)
        {
            return services;
        }

        services.AddQuartz(quartz =>
        {
            quartz.AddJob<SourceSyncJob>(job => job.WithIdentity(SourceSyncJob.Key).StoreDurably());
            quartz.AddTrigger(trigger => trigger
                .ForJob(SourceSyncJob.Key)
                .WithIdentity("source-sync-schedule")
                .WithCronSchedule(settings.Schedule, cron => cron.InTimeZone(TimeZoneInfo.Utc)));
        });
        services.AddQuartzHostedService(hosted => hosted.WaitForJobsToComplete = true);
        return services;
    }
}

/// <summary>Settings of the scheduled sync (configuration section "Sync").</summary>
public sealed class SyncScheduleOptions
{
    public const string SectionName = "Sync";

    public bool Enabled { get; set; } = true;

    /// <summary>Quartz cron expression (seconds first), in UTC.</summary>
    public string Schedule { get; set; } = "0 0/15 * * * ?";
}
