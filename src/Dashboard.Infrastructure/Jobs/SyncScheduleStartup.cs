using Microsoft.Extensions.Hosting;

namespace Dashboard.Infrastructure.Jobs;

/// <summary>Start-up step of the server: brings the recurring source syncs in line with the store and settings.</summary>
public sealed class SyncScheduleStartup(RecurringSyncSchedule schedule) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => schedule.ReconcileAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
