using Dashboard.Core.Exports;
using Dashboard.Infrastructure.Exports;
using Dashboard.Web.Services.Exports;
using Hangfire;
using Hangfire.Common;
using Hangfire.Storage;
using Hangfire.Storage.SQLite;

namespace Dashboard.Web.Tests.Exports;

/// <summary>
/// The recurring job Hangfire keeps for an export fires at the schedule's local time in the reporting time zone, on
/// both sides of Europe/Paris' daylight-saving changes (2026-03-29 and 2026-10-25), computed from a fake "now".
/// </summary>
public sealed class ExportScheduleDstTests : IDisposable
{
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("export-dst-");
    private readonly SQLiteStorage storage;
    private long nextId = 1;

    public ExportScheduleDstTests() => storage = new SQLiteStorage(Path.Combine(folder.FullName, "jobs.db"));

    public void Dispose()
    {
        storage.Dispose();
        folder.Delete(recursive: true);
    }

    [Theory]
    [InlineData("2026-03-16T12:00:00Z", "2026-03-23T07:00:00Z")] // Monday 08:00 CET (UTC+1)
    [InlineData("2026-03-23T12:00:00Z", "2026-03-30T06:00:00Z")] // the next Monday is after the change: 08:00 CEST (UTC+2)
    [InlineData("2026-10-19T12:00:00Z", "2026-10-26T07:00:00Z")] // back to CET after October 25
    public void Every_monday_at_eight_stays_eight_in_paris(string now, string expected) =>
        Assert.Equal(DateTime.Parse(expected).ToUniversalTime(), NextRun(new ExportSchedule(ScheduleFrequency.Weekly, new TimeOnly(8, 0), DayOfWeek.Monday), now));

    [Fact]
    public void A_daily_time_that_does_not_exist_on_the_spring_day_runs_once_right_after_the_gap()
    {
        // 02:30 does not exist in Paris on 2026-03-29 (02:00 CET jumps to 03:00 CEST = 01:00 UTC).
        var schedule = new ExportSchedule(ScheduleFrequency.Daily, new TimeOnly(2, 30));

        Assert.Equal(new DateTime(2026, 3, 29, 1, 0, 0, DateTimeKind.Utc), NextRun(schedule, "2026-03-28T12:00:00Z"));
        Assert.Equal(new DateTime(2026, 3, 30, 0, 30, 0, DateTimeKind.Utc), NextRun(schedule, "2026-03-29T01:01:00Z"));
    }

    [Fact]
    public void A_daily_time_that_happens_twice_on_the_autumn_day_runs_once()
    {
        // 02:30 happens at 00:30 UTC (CEST) and again at 01:30 UTC (CET) on 2026-10-25.
        var schedule = new ExportSchedule(ScheduleFrequency.Daily, new TimeOnly(2, 30));

        Assert.Equal(new DateTime(2026, 10, 25, 0, 30, 0, DateTimeKind.Utc), NextRun(schedule, "2026-10-24T12:00:00Z"));
        Assert.Equal(new DateTime(2026, 10, 26, 1, 30, 0, DateTimeKind.Utc), NextRun(schedule, "2026-10-25T00:31:00Z"));
    }

    [Fact]
    public void A_monthly_schedule_runs_on_its_day_at_local_time()
    {
        var schedule = new ExportSchedule(ScheduleFrequency.Monthly, new TimeOnly(9, 15), Day: 1);

        Assert.Equal(new DateTime(2026, 4, 1, 7, 15, 0, DateTimeKind.Utc), NextRun(schedule, "2026-03-15T00:00:00Z"));
        Assert.Equal(new DateTime(2026, 11, 1, 8, 15, 0, DateTimeKind.Utc), NextRun(schedule, "2026-10-15T00:00:00Z"));
    }

    [Fact]
    public void A_paused_export_has_no_job()
    {
        var manager = new RecurringJobManager(storage, JobFilterProviders.Providers, new DefaultTimeZoneResolver(), () => DateTime.UtcNow);
        var schedules = new ExportSchedules(manager, storage, null!, null!);
        var export = Export(new ExportSchedule(ScheduleFrequency.Daily, new TimeOnly(8, 0)));
        schedules.Register(export, Paris);
        Assert.NotNull(schedules.NextRunAt(export.Id));

        schedules.Register(export with { Definition = export.Definition with { Paused = true } }, Paris);

        Assert.Null(schedules.NextRunAt(export.Id));
    }

    private DateTime? NextRun(ExportSchedule schedule, string now)
    {
        var clock = DateTime.Parse(now).ToUniversalTime();
        var manager = new RecurringJobManager(storage, JobFilterProviders.Providers, new DefaultTimeZoneResolver(), () => clock);
        var schedules = new ExportSchedules(manager, storage, null!, null!);
        var export = Export(schedule);

        schedules.Register(export, Paris);

        using var connection = storage.GetConnection();
        var job = Assert.Single(connection.GetRecurringJobs([ExportJob.RecurringId(export.Id)]));
        Assert.Equal(schedule.ToCron(), job.Cron);
        Assert.Equal(Paris.Id, job.TimeZoneId);
        return job.NextExecution;
    }

    private StoredExport Export(ExportSchedule schedule) => new(
        nextId++,
        new ExportDefinition("dst", ExportKind.Metrics, ["mrr"], Core.Metrics.Interval.Month, RelativeRange.Last12Months, [], null, schedule, [], false),
        DateTimeOffset.UnixEpoch,
        DateTimeOffset.UnixEpoch);
}
