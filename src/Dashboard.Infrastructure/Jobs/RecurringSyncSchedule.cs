using System.Globalization;
using Dashboard.Infrastructure.Sync;
using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.Options;

namespace Dashboard.Infrastructure.Jobs;

/// <summary>
/// One Hangfire recurring job per syncable source (<c>sync-source-{id}</c>, cron from its interval, UTC), none at all
/// while <c>Sync:Enabled</c> is false. Applied when a source is added or its interval changes, and reconciled with
/// the store at start-up (sources added from the command line, removed sources, a changed default).
/// </summary>
public sealed class RecurringSyncSchedule(
    IRecurringJobManager recurringJobs,
    JobStorage storage,
    SyncRunner runner,
    SyncIntervals intervals,
    IOptions<SyncScheduleOptions> options) : ISyncSchedule
{
    public const string JobIdPrefix = "sync-source-";

    public static string JobId(long sourceId) => JobIdPrefix + sourceId.ToString(CultureInfo.InvariantCulture);

    public async Task ApplyAsync(long sourceId, CancellationToken cancellationToken)
    {
        if (options.Value.Enabled && await runner.CanSyncAsync(sourceId, cancellationToken))
        {
            Register(sourceId, await intervals.GetAsync(sourceId, cancellationToken));
        }
        else
        {
            recurringJobs.RemoveIfExists(JobId(sourceId));
        }
    }

    /// <summary>Registers every syncable source's job with its interval and removes the jobs of any other source.</summary>
    public async Task ReconcileAsync(CancellationToken cancellationToken)
    {
        var wanted = options.Value.Enabled
            ? await intervals.GetAllAsync(await runner.SyncableSourceIdsAsync(cancellationToken), cancellationToken)
            : new Dictionary<long, int>();
        foreach (var (sourceId, minutes) in wanted)
        {
            Register(sourceId, minutes);
        }

        var wantedIds = wanted.Keys.Select(JobId).ToHashSet(StringComparer.Ordinal);
        foreach (var id in RegisteredJobIds().Where(id => !wantedIds.Contains(id)))
        {
            recurringJobs.RemoveIfExists(id);
        }
    }

    /// <summary>The ids of the source syncs registered in the job storage.</summary>
    public IReadOnlyList<string> RegisteredJobIds()
    {
        using var connection = storage.GetConnection();
        return connection.GetRecurringJobs().Select(j => j.Id).Where(id => id.StartsWith(JobIdPrefix, StringComparison.Ordinal)).ToList();
    }

    private void Register(long sourceId, int minutes) =>
        recurringJobs.AddOrUpdate<SourceSyncJob>(
            JobId(sourceId),
            job => job.RunAsync(sourceId, CancellationToken.None),
            SyncInterval.Cron(minutes),
            new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
}
