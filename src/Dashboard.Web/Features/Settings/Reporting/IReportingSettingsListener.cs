namespace Dashboard.Web.Features.Settings.Reporting;

/// <summary>Told after Settings saved a change of the reporting settings, with the keys that changed (e.g. the time zone).</summary>
public interface IReportingSettingsListener
{
    Task ChangedAsync(IReadOnlyCollection<string> changedKeys, CancellationToken cancellationToken);
}
