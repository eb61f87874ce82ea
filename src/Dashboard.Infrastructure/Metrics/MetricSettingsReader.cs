using System.Globalization;
using Dashboard.Core.Timelines;
using Dashboard.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace Dashboard.Infrastructure.Metrics;

/// <summary>
/// The reporting policies in force: configuration (<c>Reporting:*</c>) gives the defaults, settings saved in the store
/// (same keys, changed in the Settings page) override them.
/// </summary>
public sealed class MetricSettingsReader(IConfiguration configuration)
{
    public const string CurrencyKey = "Reporting:Currency";
    public const string TimeZoneKey = "Reporting:TimeZone";
    public const string PastDueChurnDaysKey = "Reporting:PastDueChurnDays";
    public const string ChurnRecognitionKey = "Reporting:ChurnRecognition";
    public const string IncludeMeteredKey = "Reporting:IncludeMeteredInMrr";

    public static readonly IReadOnlyList<string> Keys = [CurrencyKey, TimeZoneKey, PastDueChurnDaysKey, ChurnRecognitionKey, IncludeMeteredKey];

    public async Task<MetricSettings> ReadAsync(DashboardDbContext db, CancellationToken cancellationToken)
    {
        var stored = await db.Settings.AsNoTracking()
            .Where(s => Keys.Contains(s.Key))
            .ToDictionaryAsync(s => s.Key, s => s.Value, cancellationToken);
        return Parse(key => stored.TryGetValue(key, out var value) ? value : configuration[key]);
    }

    /// <summary>Reads every policy through <paramref name="lookup"/>; a value that does not parse is an error naming its key.</summary>
    public static MetricSettings Parse(Func<string, string?> lookup)
    {
        var defaults = new MetricSettings();
        var pastDue = lookup(PastDueChurnDaysKey);
        return new MetricSettings
        {
            ReportingCurrency = Text(lookup(CurrencyKey)) ?? defaults.ReportingCurrency,
            TimeZone = Text(lookup(TimeZoneKey)) ?? defaults.TimeZone,
            PastDueChurnDays = Text(pastDue) switch
            {
                null => defaults.PastDueChurnDays,
                var v when v.Equals("never", StringComparison.OrdinalIgnoreCase) => null,
                var v when int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var days) => days,
                var v => throw Invalid(PastDueChurnDaysKey, v, "a whole number of days or 'never'"),
            },
            ChurnRecognition = Text(lookup(ChurnRecognitionKey)) switch
            {
                null => defaults.ChurnRecognition,
                var v when Enum.TryParse<ChurnRecognition>(v, ignoreCase: true, out var recognition) => recognition,
                var v => throw Invalid(ChurnRecognitionKey, v, "AtEnd or WhenScheduled"),
            },
            IncludeMeteredInMrr = Text(lookup(IncludeMeteredKey)) switch
            {
                null => defaults.IncludeMeteredInMrr,
                var v when bool.TryParse(v, out var include) => include,
                var v => throw Invalid(IncludeMeteredKey, v, "true or false"),
            },
        };
    }

    private static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static InvalidOperationException Invalid(string key, string value, string expected) =>
        new($"Setting {key} is '{value}'; expected {expected}.");
}
