using System.Globalization;
using Dashboard.Core.Timelines;
using Dashboard.Infrastructure.Metrics;

namespace Dashboard.Web.Features.Settings.Reporting;

/// <summary>
/// The editable reporting settings: currency, time zone and the metric policies of metrics.md. <see cref="Validate"/>
/// names each bad field; <see cref="ToStoredValues"/> writes them the way <see cref="MetricSettingsReader"/> reads them.
/// </summary>
public sealed class ReportingSettingsForm
{
    public const int MaxPastDueDays = 3650;

    public string? Currency { get; set; } = "USD";

    public string? TimeZone { get; set; } = "UTC";

    /// <summary>True when past-due subscriptions never churn for being past due ("never").</summary>
    public bool PastDueNeverChurns { get; set; }

    public int? PastDueChurnDays { get; set; } = 30;

    public ChurnRecognition ChurnRecognition { get; set; } = ChurnRecognition.AtEnd;

    public bool IncludeMeteredInMrr { get; set; }

    public static ReportingSettingsForm From(MetricSettings settings) => new()
    {
        Currency = settings.ReportingCurrency,
        TimeZone = settings.TimeZone,
        PastDueNeverChurns = settings.PastDueChurnDays is null,
        PastDueChurnDays = settings.PastDueChurnDays ?? 30,
        ChurnRecognition = settings.ChurnRecognition,
        IncludeMeteredInMrr = settings.IncludeMeteredInMrr,
    };

    /// <summary>One message per bad field (keyed by the form's property name); empty when the form can be saved.</summary>
    public IReadOnlyDictionary<string, string> Validate()
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var currency = Currency?.Trim().ToUpperInvariant();
        if (string.IsNullOrEmpty(currency))
        {
            errors[nameof(Currency)] = "Reporting currency is required (an ISO 4217 code such as USD).";
        }
        else if (!Dashboard.Core.Money.Currency.IsValid(currency))
        {
            errors[nameof(Currency)] = $"Reporting currency '{Currency!.Trim()}' is not an ISO 4217 currency code (such as USD or EUR).";
        }

        if (string.IsNullOrWhiteSpace(TimeZone))
        {
            errors[nameof(TimeZone)] = "Reporting time zone is required (an IANA name such as Europe/Berlin).";
        }
        else if (TimeZones.Canonical(TimeZone) is null)
        {
            errors[nameof(TimeZone)] = $"Reporting time zone '{TimeZone.Trim()}' is not an IANA time zone name (such as Europe/Berlin or UTC).";
        }

        if (!PastDueNeverChurns && PastDueChurnDays is not (>= 0 and <= MaxPastDueDays))
        {
            errors[nameof(PastDueChurnDays)] = PastDueChurnDays is null
                ? "Past-due days before churn is required (a whole number of days), or choose 'never churn'."
                : $"Past-due days before churn must be between 0 and {MaxPastDueDays}; {PastDueChurnDays} is not.";
        }

        if (!Enum.IsDefined(ChurnRecognition))
        {
            errors[nameof(ChurnRecognition)] = "Churn recognition must be 'when the subscription ends' or 'when the cancellation is scheduled'.";
        }

        return errors;
    }

    /// <summary>The setting values to store, by key; only call on a valid form.</summary>
    public IReadOnlyDictionary<string, string> ToStoredValues() => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [MetricSettingsReader.CurrencyKey] = Currency!.Trim().ToUpperInvariant(),
        [MetricSettingsReader.TimeZoneKey] = TimeZones.Canonical(TimeZone!)!,
        [MetricSettingsReader.PastDueChurnDaysKey] = PastDueNeverChurns
            ? "never"
            : PastDueChurnDays!.Value.ToString(CultureInfo.InvariantCulture),
        [MetricSettingsReader.ChurnRecognitionKey] = ChurnRecognition.ToString(),
        [MetricSettingsReader.IncludeMeteredKey] = IncludeMeteredInMrr ? "true" : "false",
    };
}
