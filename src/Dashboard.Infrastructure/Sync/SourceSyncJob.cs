using Microsoft.Extensions.Logging;
using Quartz;

namespace Dashboard.Infrastructure.Sync;

/// <summary>The scheduled sync: brings every connected source up to date (incrementally once imported).</summary>
[DisallowConcurrentExecution]
public sealed class SourceSyncJob(SyncRunner runner, ILogger<SourceSyncJob> logger) : IJob
{
    public static readonly JobKey Key = new("source-sync");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        try
        {
            await runner.RunAllAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Each source's failure is in its status; the next run tries again.
            logger.LogError(e, "Scheduled source sync failed");
        }
    }
}
