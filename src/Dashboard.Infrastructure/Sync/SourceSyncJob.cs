using Hangfire;
using Microsoft.Extensions.Logging;

namespace Dashboard.Infrastructure.Sync;

/// <summary>
/// One source's sync as a background job, both the recurring one and "sync now". Idempotent: a sync resumes from its
/// checkpoints, and when the source is already syncing (another worker, the CLI) this run does nothing.
/// </summary>
public sealed partial class SourceSyncJob(SyncRunner runner, ISyncSchedule schedule, ILogger<SourceSyncJob> logger)
{
    /// <summary>Retried with Hangfire's growing delays (about 20 s, 40 s, 2 min); a failure stays in the source's status too.</summary>
    [AutomaticRetry(Attempts = 3)]
    public async Task RunAsync(long sourceId, CancellationToken cancellationToken)
    {
        var outcome = await runner.TryRunAsync(sourceId, cancellationToken);
        switch (outcome)
        {
            case SyncAttempt.Busy:
                LogBusy(logger, sourceId);
                break;
            case SyncAttempt.NoSuchSource:
                // Removed (or no longer syncable) since the run was scheduled: drop its schedule instead of failing.
                LogGone(logger, sourceId);
                await schedule.ApplyAsync(sourceId, cancellationToken);
                break;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Source {SourceId} is already syncing; this run has nothing to do.")]
    private static partial void LogBusy(ILogger logger, long sourceId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Source {SourceId} no longer exists or cannot sync; its schedule is removed.")]
    private static partial void LogGone(ILogger logger, long sourceId);
}
