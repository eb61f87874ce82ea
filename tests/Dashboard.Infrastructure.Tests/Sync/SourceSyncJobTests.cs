using System.Collections.Concurrent;
using Dashboard.Core.Billing;
using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Sync;
using Dashboard.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace Dashboard.Infrastructure.Tests.Sync;

/// <summary>The scheduled sync as Quartz runs it: every connected source is synced, and one source never twice at once.</summary>
public sealed class SourceSyncJobTests : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    private readonly RecordingSynchronizer synchronizer = new();
    private TestDatabase database = null!;
    private ServiceProvider services = null!;
    private long first, second, pushed;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using (var db = database.CreateContext())
        {
            var sources = new[]
            {
                new Source { Name = "Stripe EU", Provider = SourceProvider.Stripe, ProtectedCredentials = "sealed" },
                new Source { Name = "Stripe US", Provider = SourceProvider.Stripe, ProtectedCredentials = "sealed" },
                new Source { Name = "Pushed", Provider = SourceProvider.Api },
            };
            db.Sources.AddRange(sources);
            await db.SaveChangesAsync();
            (first, second, pushed) = (sources[0].Id, sources[1].Id, sources[2].Id);
        }

        // Every second, so the test sees the cron trigger fire rather than a hand-started job.
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Sync:Schedule"] = "0/1 * * * * ?" })
            .Build();
        services = new ServiceCollection()
            .AddLogging()
            .AddSingleton(database.CreateFactory())
            .AddSingleton<ISourceSynchronizer>(synchronizer)
            .AddScheduledSync(configuration)
            .BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        synchronizer.ReleaseAll();
        await services.DisposeAsync();
        await database.DisposeAsync();
    }

    [Fact]
    public async Task The_scheduled_job_syncs_every_source_with_a_connector_and_stamps_it()
    {
        var scheduler = await StartSchedulerAsync();
        try
        {
            await synchronizer.WaitForAsync(s => s.Contains(first) && s.Contains(second), Wait);
        }
        finally
        {
            synchronizer.ReleaseAll();
            await scheduler.Shutdown(waitForJobsToComplete: true);
        }

        Assert.DoesNotContain(pushed, synchronizer.Started);
        await using var db = database.CreateContext();
        Assert.All(db.Sources.Where(s => s.Id != pushed).ToList(), s => Assert.NotNull(s.LastSyncedAt));
    }

    [Fact]
    public async Task Runs_triggered_while_a_source_is_still_syncing_never_sync_it_twice_at_once()
    {
        synchronizer.Hold(first);
        var scheduler = await StartSchedulerAsync();
        try
        {
            await synchronizer.WaitForAsync(s => s.Contains(first), Wait);

            // More triggers while the first run is stuck in source 1: Quartz queues them ([DisallowConcurrentExecution]),
            // and a manual sync of the same source waits for the running one instead of starting a second.
            await scheduler.TriggerJob(SourceSyncJob.Key);
            await scheduler.TriggerJob(SourceSyncJob.Key);
            var manual = services.GetRequiredService<SyncRunner>().RunAsync(first, CancellationToken.None);
            await Task.Delay(TimeSpan.FromSeconds(2.5));
            Assert.False(manual.IsCompleted);
            Assert.Equal(1, synchronizer.Started.Count(id => id == first));

            synchronizer.ReleaseAll();
            await manual.WaitAsync(Wait);
            await synchronizer.WaitForAsync(s => s.Count(id => id == first) >= 3, Wait);
        }
        finally
        {
            synchronizer.ReleaseAll();
            await scheduler.Shutdown(waitForJobsToComplete: true);
        }

        Assert.Equal(1, synchronizer.MaxConcurrent(first));
        Assert.Equal(1, synchronizer.MaxConcurrent(second));
    }

    [Fact]
    public async Task A_run_all_that_finds_a_source_busy_skips_it_and_syncs_the_others()
    {
        synchronizer.Hold(first);
        var runner = services.GetRequiredService<SyncRunner>();
        var busy = runner.RunAllAsync(CancellationToken.None);
        await synchronizer.WaitForAsync(s => s.Contains(first), Wait);

        await runner.RunAllAsync(CancellationToken.None).WaitAsync(Wait);

        Assert.Equal(1, synchronizer.Started.Count(id => id == first));
        Assert.Contains(second, synchronizer.Started);
        synchronizer.ReleaseAll();
        await busy.WaitAsync(Wait);
    }

    private async Task<IScheduler> StartSchedulerAsync()
    {
        var scheduler = await services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        await scheduler.Start();
        return scheduler;
    }

    /// <summary>Records each sync it is asked for; syncs of held sources wait until released.</summary>
    private sealed class RecordingSynchronizer : ISourceSynchronizer
    {
        private readonly ConcurrentQueue<long> started = new();
        private readonly ConcurrentDictionary<long, int> running = new();
        private readonly ConcurrentDictionary<long, int> maxRunning = new();
        private readonly ConcurrentDictionary<long, TaskCompletionSource> held = new();
        private readonly SemaphoreSlim changed = new(0);

        public SourceProvider Provider => SourceProvider.Stripe;

        public IReadOnlyList<long> Started => started.ToList();

        public int MaxConcurrent(long sourceId) => maxRunning.GetValueOrDefault(sourceId);

        public void Hold(long sourceId) => held[sourceId] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        public void ReleaseAll()
        {
            foreach (var gate in held.Values)
            {
                gate.TrySetResult();
            }
        }

        public async Task WaitForAsync(Func<IReadOnlyList<long>, bool> condition, TimeSpan timeout)
        {
            var deadline = DateTime.UtcNow + timeout;
            while (!condition(Started))
            {
                if (DateTime.UtcNow > deadline)
                {
                    throw new TimeoutException("Synced so far: " + string.Join(", ", Started));
                }

                await changed.WaitAsync(TimeSpan.FromMilliseconds(100));
            }
        }

        public Task<SyncMode> PlanAsync(Source source, CancellationToken cancellationToken) => Task.FromResult(SyncMode.Full);

        public async Task SyncAsync(Source source, SyncMode mode, SyncProgress progress, CancellationToken cancellationToken)
        {
            var now = running.AddOrUpdate(source.Id, 1, (_, n) => n + 1);
            maxRunning.AddOrUpdate(source.Id, now, (_, max) => Math.Max(max, now));
            started.Enqueue(source.Id);
            changed.Release();
            try
            {
                if (held.TryGetValue(source.Id, out var gate))
                {
                    await gate.Task.WaitAsync(cancellationToken);
                }
            }
            finally
            {
                running.AddOrUpdate(source.Id, 0, (_, n) => n - 1);
            }
        }
    }
}
