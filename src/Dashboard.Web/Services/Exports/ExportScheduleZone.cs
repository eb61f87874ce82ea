using Dashboard.Infrastructure.Exports;
using Dashboard.Infrastructure.Metrics;
using Dashboard.Web.Features.Settings.Reporting;

namespace Dashboard.Web.Services.Exports;

/// <summary>
/// When Settings saves a new reporting time zone, every export's recurring job is registered again in it, so the
/// schedules move with the zone at once (08:00 stays 08:00 local in the new zone) without a restart.
/// </summary>
public sealed class ExportScheduleZone(ExportStore store, ExportSchedules schedules) : IReportingSettingsListener
{
    public async Task ChangedAsync(IReadOnlyCollection<string> changedKeys, CancellationToken cancellationToken)
    {
        if (changedKeys.Contains(MetricSettingsReader.TimeZoneKey, StringComparer.Ordinal))
        {
            await schedules.ReconcileAsync(await store.ListAsync(cancellationToken), cancellationToken);
        }
    }
}
