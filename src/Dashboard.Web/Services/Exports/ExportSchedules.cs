using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Exports;
using Dashboard.Infrastructure.Metrics;
using Hangfire;
using Hangfire.Storage;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Services.Exports;

/// <summary>
/// One Hangfire recurring job per export that is not paused (<c>export-{id}</c>), its cron built from the schedule and
/// read in the reporting time zone, so "every Monday 08:00" stays 08:00 local across daylight-saving changes.
/// </summary>
public sealed class ExportSchedules(
    IRecurringJobManager recurringJobs, JobStorage storage, IDbContextFactory<DashboardDbContext> contexts, MetricSettingsReader settings)
{
    public const string JobIdPrefix = "export-";

    public async Task ApplyAsync(StoredExport export, CancellationToken cancellationToken) =>
        Register(export, await ZoneAsync(cancellationToken));

    public void Remove(long exportId) => recurringJobs.RemoveIfExists(ExportJob.RecurringId(exportId));

    /// <summary>Registers every export's job and removes the jobs of exports that no longer exist.</summary>
    public async Task ReconcileAsync(IReadOnlyList<StoredExport> exports, CancellationToken cancellationToken)
    {
        var zone = await ZoneAsync(cancellationToken);
        foreach (var export in exports)
        {
            Register(export, zone);
        }

        var wanted = exports.Select(e => ExportJob.RecurringId(e.Id)).ToHashSet(StringComparer.Ordinal);
        using var connection = storage.GetConnection();
        foreach (var id in connection.GetRecurringJobs().Select(j => j.Id).Where(id => id.StartsWith(JobIdPrefix, StringComparison.Ordinal) && !wanted.Contains(id)))
        {
            recurringJobs.RemoveIfExists(id);
        }
    }

    /// <summary>When the export's job next fires, as the job storage has it; null while it is paused.</summary>
    public DateTimeOffset? NextRunAt(long exportId)
    {
        using var connection = storage.GetConnection();
        var job = connection.GetRecurringJobs([ExportJob.RecurringId(exportId)]).FirstOrDefault(j => !j.Removed);
        return job?.NextExecution is { } next ? new DateTimeOffset(DateTime.SpecifyKind(next, DateTimeKind.Utc)) : null;
    }

    public async Task<TimeZoneInfo> ZoneAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return TimeZoneInfo.FindSystemTimeZoneById((await settings.ReadAsync(db, cancellationToken)).TimeZone);
    }

    /// <summary>Registers the export's job with its schedule read in <paramref name="zone"/>, or removes it while the export is paused.</summary>
    public void Register(StoredExport export, TimeZoneInfo zone)
    {
        if (export.Definition.Paused)
        {
            Remove(export.Id);
            return;
        }

        var id = export.Id;
        recurringJobs.AddOrUpdate<ExportJob>(
            ExportJob.RecurringId(id),
            job => job.RunScheduledAsync(id, null, CancellationToken.None),
            export.Definition.Schedule.ToCron(),
            new RecurringJobOptions { TimeZone = zone });
    }
}
