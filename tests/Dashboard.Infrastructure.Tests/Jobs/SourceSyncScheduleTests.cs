using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Jobs;
using Dashboard.Infrastructure.Sync;
using Dashboard.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Infrastructure.Tests.Jobs;

/// <summary>One recurring job per syncable source, on its interval, kept in line with the store on both providers.</summary>
public sealed class SourceSyncScheduleTests
{
    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.PostgreSql];

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_source_gets_an_hourly_job_its_interval_changes_it_and_removing_the_source_removes_it(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var first = await JobsHost.AddSourceAsync(database, "Stripe EU");
        var pushed = await JobsHost.AddSourceAsync(database, "Pushed", syncable: false);
        await using var host = await JobsHost.StartAsync(database, new RecordingSynchronizer(), runServer: false);

        // Reconciled at start: the syncable source only, hourly, in UTC.
        Assert.Equal([(RecurringSyncSchedule.JobId(first), "0 * * * *", "UTC")], Jobs(host));

        var second = await JobsHost.AddSourceAsync(database, "Stripe US");
        var schedule = host.Services.GetRequiredService<ISyncSchedule>();
        await schedule.ApplyAsync(second, default);
        await host.Services.GetRequiredService<SyncIntervals>().SetAsync(second, 15, default);
        await schedule.ApplyAsync(second, default);
        await schedule.ApplyAsync(pushed, default);
        Assert.Equal(
            [(RecurringSyncSchedule.JobId(first), "0 * * * *", "UTC"), (RecurringSyncSchedule.JobId(second), "*/15 * * * *", "UTC")],
            Jobs(host));

        await using (var db = database.CreateContext())
        {
            db.Sources.Remove(db.Sources.Single(s => s.Id == first));
            await db.SaveChangesAsync();
        }

        await schedule.ApplyAsync(first, default);
        Assert.Equal([(RecurringSyncSchedule.JobId(second), "*/15 * * * *", "UTC")], Jobs(host));
    }

    [Fact]
    public async Task Reconciling_at_start_drops_jobs_of_removed_sources_and_sync_disabled_means_no_jobs()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var kept = await JobsHost.AddSourceAsync(database, "Kept");
        var removed = await JobsHost.AddSourceAsync(database, "Removed");
        await using (var host = await JobsHost.StartAsync(database, new RecordingSynchronizer(), runServer: false))
        {
            await host.Services.GetRequiredService<SyncIntervals>().SetAsync(kept, 360, default);
            await host.Services.GetRequiredService<ISyncSchedule>().ApplyAsync(kept, default);
            Assert.Equal(2, host.RecurringSyncs().Count);
        }

        await using (var db = database.CreateContext())
        {
            db.Sources.Remove(db.Sources.Single(s => s.Id == removed));
            await db.SaveChangesAsync();
        }

        await using (var host = await JobsHost.StartAsync(database, new RecordingSynchronizer(), runServer: false))
        {
            Assert.Equal([(RecurringSyncSchedule.JobId(kept), "0 */6 * * *", "UTC")], Jobs(host));
        }

        var disabled = new Dictionary<string, string?> { ["Sync:Enabled"] = "false" };
        await using (var host = await JobsHost.StartAsync(database, new RecordingSynchronizer(), disabled, runServer: false))
        {
            Assert.Empty(host.RecurringSyncs());
            await host.Services.GetRequiredService<ISyncSchedule>().ApplyAsync(kept, default);
            Assert.Empty(host.RecurringSyncs());
        }
    }

    [Fact]
    public async Task The_default_interval_comes_from_configuration_and_a_bad_interval_is_refused()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var source = await JobsHost.AddSourceAsync(database, "Stripe");
        var settings = new Dictionary<string, string?> { ["Sync:DefaultIntervalMinutes"] = "30" };
        await using var host = await JobsHost.StartAsync(database, new RecordingSynchronizer(), settings, runServer: false);

        Assert.Equal([(RecurringSyncSchedule.JobId(source), "*/30 * * * *", "UTC")], Jobs(host));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => host.Services.GetRequiredService<SyncIntervals>().SetAsync(source, 45, default));
        await using var db = database.CreateContext();
        Assert.DoesNotContain(db.Settings, s => s.Key == SyncInterval.SettingKey(source));
    }

    [Theory]
    [InlineData(5, "*/5 * * * *")]
    [InlineData(30, "*/30 * * * *")]
    [InlineData(60, "0 * * * *")]
    [InlineData(180, "0 */3 * * *")]
    [InlineData(1440, "0 0 * * *")]
    public void Each_interval_is_a_cron_expression(int minutes, string cron) => Assert.Equal(cron, SyncInterval.Cron(minutes));

    private static List<(string, string, string?)> Jobs(JobsHost host) =>
        host.RecurringSyncs().OrderBy(j => j.Key, StringComparer.Ordinal).Select(j => (j.Key, j.Value.Cron, j.Value.TimeZoneId)).ToList();
}
