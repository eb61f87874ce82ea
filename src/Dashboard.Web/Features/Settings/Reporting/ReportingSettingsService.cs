using Dashboard.Core.Timelines;
using Dashboard.Infrastructure.Metrics;
using Dashboard.Infrastructure.Reporting;

namespace Dashboard.Web.Features.Settings.Reporting;

/// <summary>A reporting setting as the page shows it: its value in force and whether it was saved or is the configured default.</summary>
public sealed record EffectiveSetting(string Key, string Value, bool IsSaved);

/// <summary>The settings in force and the form built from them.</summary>
public sealed record ReportingSettingsView(MetricSettings Settings, IReadOnlyList<EffectiveSetting> Effective)
{
    public EffectiveSetting this[string key] => Effective.FirstOrDefault(s => s.Key == key) ?? new EffectiveSetting(key, string.Empty, false);
}

/// <summary>
/// The outcome of a save: the field errors (nothing was stored), or a confirmation to ask for (nothing was stored), or
/// the keys that changed and how many FX rates were deleted with them.
/// </summary>
public sealed record ReportingSaveResult(IReadOnlyDictionary<string, string> Errors, IReadOnlyList<string> ChangedKeys)
{
    public bool Succeeded => Errors.Count == 0 && Confirmation is null;

    /// <summary>Set when the currency change would delete stored FX rates and the caller has not confirmed that count.</summary>
    public FxRateDeletion? Confirmation { get; init; }

    public int FxRatesDeleted { get; init; }
}

/// <summary>
/// Changing the reporting currency deletes the stored FX rates: each is quoted as units of the reporting currency per
/// unit of another, so read against a new reporting currency it would be wrong.
/// </summary>
public sealed record FxRateDeletion(int Count, string OldCurrency, string NewCurrency)
{
    public string Message =>
        $"Changing the reporting currency from {OldCurrency} to {NewCurrency} deletes the {Count} stored FX {(Count == 1 ? "rate" : "rates")}: " +
        $"{(Count == 1 ? "it is" : "they are")} quoted against {OldCurrency}. Import rates against {NewCurrency} afterwards.";
}

/// <summary>
/// Reads the reporting settings in force (saved value, else configuration <c>Reporting:*</c>, else the built-in default)
/// and saves every change in one transaction through <see cref="ReportingSettingsStore.SetManyAsync"/>, which tells the
/// metrics engine to rebuild once; then tells every <see cref="IReportingSettingsListener"/> (the exports' schedules follow
/// a new time zone).
/// </summary>
public sealed class ReportingSettingsService(
    ReportingSettingsStore settingsStore, FxRateStore fxRates, IConfiguration configuration, IEnumerable<IReportingSettingsListener> listeners)
{
    public async Task<ReportingSettingsView> LoadAsync(CancellationToken cancellationToken = default)
    {
        var stored = await settingsStore.GetAllAsync(cancellationToken);
        var settings = MetricSettingsReader.Parse(key => stored.TryGetValue(key, out var value) ? value : configuration[key]);
        var text = ReportingSettingsForm.From(settings).ToStoredValues();
        var effective = MetricSettingsReader.Keys
            .Select(key => new EffectiveSetting(key, text[key], stored.TryGetValue(key, out var saved) && !string.IsNullOrWhiteSpace(saved)))
            .ToList();
        return new ReportingSettingsView(settings, effective);
    }

    /// <summary>
    /// Validates <paramref name="form"/>; when valid, stores the values that differ from those in force. A currency
    /// change while FX rates are stored needs <paramref name="confirmedFxRateDeletion"/> equal to the number of rates
    /// (as stated by a previous result's <see cref="ReportingSaveResult.Confirmation"/>); the rates are then deleted in
    /// the same transaction. Without it, or when the count changed meanwhile, nothing is stored and the confirmation
    /// is returned.
    /// </summary>
    public async Task<ReportingSaveResult> SaveAsync(ReportingSettingsForm form, int? confirmedFxRateDeletion = null,
        CancellationToken cancellationToken = default)
    {
        var errors = form.Validate();
        if (errors.Count > 0)
        {
            return new ReportingSaveResult(errors, []);
        }

        // Compared as text rather than through LoadAsync, so a stored value that no longer parses can be repaired here.
        var stored = await settingsStore.GetAllAsync(cancellationToken);
        var defaults = ReportingSettingsForm.From(MetricSettingsReader.Parse(key => configuration[key])).ToStoredValues();
        var changes = new Dictionary<string, string?>(StringComparer.Ordinal);
        var inForce = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in form.ToStoredValues())
        {
            inForce[key] = stored.TryGetValue(key, out var saved) && !string.IsNullOrWhiteSpace(saved) ? saved.Trim() : defaults[key];
            if (!string.Equals(inForce[key], value, StringComparison.Ordinal))
            {
                changes[key] = value;
            }
        }

        if (changes.Count == 0)
        {
            return new ReportingSaveResult(errors, []);
        }

        var deleteRates = false;
        if (changes.TryGetValue(MetricSettingsReader.CurrencyKey, out var newCurrency) && await fxRates.CountAsync(cancellationToken) is > 0 and var count)
        {
            if (confirmedFxRateDeletion != count)
            {
                return new ReportingSaveResult(errors, [])
                {
                    Confirmation = new FxRateDeletion(count, inForce[MetricSettingsReader.CurrencyKey], newCurrency!),
                };
            }

            deleteRates = true;
        }

        var deleted = await settingsStore.SetManyAsync(changes, deleteRates, cancellationToken);
        foreach (var listener in listeners)
        {
            await listener.ChangedAsync(changes.Keys, cancellationToken);
        }

        return new ReportingSaveResult(errors, changes.Keys.ToList()) { FxRatesDeleted = deleted };
    }
}
