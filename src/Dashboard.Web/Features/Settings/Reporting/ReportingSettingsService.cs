using Dashboard.Core.Timelines;
using Dashboard.Infrastructure.Import;
using Dashboard.Infrastructure.Metrics;

namespace Dashboard.Web.Features.Settings.Reporting;

/// <summary>A reporting setting as the page shows it: its value in force and whether it was saved or is the configured default.</summary>
public sealed record EffectiveSetting(string Key, string Value, bool IsSaved);

/// <summary>The settings in force and the form built from them.</summary>
public sealed record ReportingSettingsView(MetricSettings Settings, IReadOnlyList<EffectiveSetting> Effective)
{
    public EffectiveSetting this[string key] => Effective.FirstOrDefault(s => s.Key == key) ?? new EffectiveSetting(key, string.Empty, false);
}

/// <summary>The outcome of a save: the field errors (nothing was stored) or the keys that changed.</summary>
public sealed record ReportingSaveResult(IReadOnlyDictionary<string, string> Errors, IReadOnlyList<string> ChangedKeys)
{
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>
/// Reads the reporting settings in force (saved value, else configuration <c>Reporting:*</c>, else the built-in default)
/// and saves changes through <see cref="BillingImporter.SetSettingAsync"/>, which tells the metrics engine to rebuild.
/// </summary>
public sealed class ReportingSettingsService(BillingImporter importer, IConfiguration configuration)
{
    public async Task<ReportingSettingsView> LoadAsync(CancellationToken cancellationToken = default)
    {
        var stored = await importer.GetSettingsAsync(cancellationToken);
        var settings = MetricSettingsReader.Parse(key => stored.TryGetValue(key, out var value) ? value : configuration[key]);
        var text = ReportingSettingsForm.From(settings).ToStoredValues();
        var effective = MetricSettingsReader.Keys
            .Select(key => new EffectiveSetting(key, text[key], stored.TryGetValue(key, out var saved) && !string.IsNullOrWhiteSpace(saved)))
            .ToList();
        return new ReportingSettingsView(settings, effective);
    }

    /// <summary>Validates <paramref name="form"/>; when valid, stores each value that differs from the one in force.</summary>
    public async Task<ReportingSaveResult> SaveAsync(ReportingSettingsForm form, CancellationToken cancellationToken = default)
    {
        var errors = form.Validate();
        if (errors.Count > 0)
        {
            return new ReportingSaveResult(errors, []);
        }

        // Compared as text rather than through LoadAsync, so a stored value that no longer parses can be repaired here.
        var stored = await importer.GetSettingsAsync(cancellationToken);
        var defaults = ReportingSettingsForm.From(MetricSettingsReader.Parse(key => configuration[key])).ToStoredValues();
        var changed = new List<string>();
        foreach (var (key, value) in form.ToStoredValues())
        {
            var inForce = stored.TryGetValue(key, out var saved) && !string.IsNullOrWhiteSpace(saved) ? saved.Trim() : defaults[key];
            if (!string.Equals(inForce, value, StringComparison.Ordinal))
            {
                await importer.SetSettingAsync(key, value, cancellationToken);
                changed.Add(key);
            }
        }

        return new ReportingSaveResult(errors, changed);
    }
}
