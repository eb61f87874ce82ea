using Dashboard.Infrastructure.Sync;
using Hangfire;

namespace Dashboard.Infrastructure.Jobs;

/// <summary>"Sync now": enqueues the source's sync as a background job (retried like the scheduled one).</summary>
public sealed class SourceSyncQueue(IBackgroundJobClient jobs)
{
    /// <summary>Returns the job's id.</summary>
    public string Enqueue(long sourceId) => jobs.Enqueue<SourceSyncJob>(job => job.RunAsync(sourceId, CancellationToken.None));
}
