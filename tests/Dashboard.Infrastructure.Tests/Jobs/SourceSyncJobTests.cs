using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Jobs;
using Dashboard.Infrastructure.Sync;
using Dashboard.Testing;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Infrastructure.Tests.Jobs;

/// <summary>Syncs as Hangfire runs them: "sync now", the same schedule fired twice at once, retries, vanished sources.</summary>
public sealed class SourceSyncJobTests : IAsyncLifetime
{
    private readonly RecordingSynchronizer synchronizer = new();
    private TestDatabase database = null!;
    private JobsHost host = null!;
    private long source;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        source = await JobsHost.AddSourceAsync(database, "Stripe");
        host = await JobsHost.StartAsync(database, synchronizer);
    }

    public async Task DisposeAsync()
    {
        synchronizer.ReleaseAll();
        await host.DisposeAsync();
        await database.DisposeAsync();
    }

    [Fact]
    public async Task Sync_now_enqueues_a_job_that_runs_the_sync_and_stamps_the_source()
    {
        var job = host.Services.GetRequiredService<SourceSyncQueue>().Enqueue(source);

        await JobWaits.WaitForStateAsync(host.Storage, job, "Succeeded");

        Assert.Equal([source], synchronizer.Started);
        await using var db = database.CreateContext();
        Assert.NotNull(db.Sources.Single(s => s.Id == source).LastSyncedAt);
        Assert.Equal(SyncState.Succeeded, host.Services.GetRequiredService<SyncStatusService>().Get(source).State);
    }

    [Fact]
    public async Task The_same_schedule_fired_twice_at_once_syncs_the_source_once()
    {
        synchronizer.Hold(source);
        var recurring = (IRecurringJobManagerV2)host.Services.GetRequiredService<IRecurringJobManager>();
        var first = recurring.TriggerJob(RecurringSyncSchedule.JobId(source));
        await JobWaits.UntilAsync(() => synchronizer.StartedCount(source) == 1, () => "the first run to start");

        // Two workers: the second run is picked up while the first is still syncing, finds the source busy and ends.
        var second = recurring.TriggerJob(RecurringSyncSchedule.JobId(source));
        await JobWaits.WaitForStateAsync(host.Storage, second, "Succeeded");
        Assert.Equal("Processing", JobWaits.StateOf(host.Storage, first));
        Assert.Equal(1, synchronizer.StartedCount(source));

        synchronizer.ReleaseAll();
        await JobWaits.WaitForStateAsync(host.Storage, first, "Succeeded");
        Assert.Equal(1, synchronizer.StartedCount(source));
        Assert.Equal(1, synchronizer.MaxConcurrent(source));
    }

    [Fact]
    public async Task A_failed_sync_is_scheduled_for_a_retry()
    {
        synchronizer.FailOnce(source);

        var job = host.Services.GetRequiredService<SourceSyncQueue>().Enqueue(source);

        await JobWaits.WaitForStateAsync(host.Storage, job, "Scheduled");
        using var connection = host.Storage.GetConnection();
        Assert.Equal("1", connection.GetJobParameter(job, "RetryCount"));
        Assert.Equal(SyncState.Failed, host.Services.GetRequiredService<SyncStatusService>().Get(source).State);
    }

    [Fact]
    public async Task A_run_for_a_source_that_is_gone_does_nothing_and_drops_its_schedule()
    {
        Assert.Contains(RecurringSyncSchedule.JobId(source), host.RecurringSyncs().Keys);
        await using (var db = database.CreateContext())
        {
            db.Sources.Remove(db.Sources.Single(s => s.Id == source));
            await db.SaveChangesAsync();
        }

        var job = ((IRecurringJobManagerV2)host.Services.GetRequiredService<IRecurringJobManager>()).TriggerJob(RecurringSyncSchedule.JobId(source));

        await JobWaits.WaitForStateAsync(host.Storage, job, "Succeeded");
        Assert.Empty(synchronizer.Started);
        Assert.Empty(host.RecurringSyncs());
    }
}
