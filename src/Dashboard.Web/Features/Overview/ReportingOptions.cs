using System.Globalization;

namespace Dashboard.Web.Features.Overview;

/// <summary>The <c>Reporting:*</c> settings of metrics.md that the Overview's numbers depend on.</summary>
public sealed record ReportingOptions(
    string Currency,
    TimeZoneInfo TimeZone,
    int? PastDueChurnDays,
    bool ChurnWhenScheduled,
    bool IncludeMeteredInMrr)
{
    public static ReportingOptions Default { get; } = new("USD", TimeZoneInfo.Utc, 30, false, false);

    /// <summary>Reads <c>Reporting:Currency</c>, <c>TimeZone</c>, <c>PastDueChurnDays</c> (a number or "never"),
    /// <c>ChurnRecognition</c> (AtEnd or WhenScheduled) and <c>IncludeMeteredInMrr</c>; throws naming a bad value.</summary>
    public static ReportingOptions FromConfiguration(IConfiguration configuration)
    {
        var section = configuration.GetSection("Reporting");
        var currency = Dashboard.Core.Money.Currency.Normalize(section["Currency"] ?? Default.Currency);

        var zoneId = section["TimeZone"];
        TimeZoneInfo zone;
        try
        {
            zone = string.IsNullOrWhiteSpace(zoneId) ? TimeZoneInfo.Utc : TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        }
        catch (TimeZoneNotFoundException)
        {
            throw new InvalidOperationException($"Reporting:TimeZone '{zoneId}' is not a known IANA time zone.");
        }

        int? pastDue = Default.PastDueChurnDays;
        var pastDueText = section["PastDueChurnDays"];
        if (string.Equals(pastDueText, "never", StringComparison.OrdinalIgnoreCase))
        {
            pastDue = null;
        }
        else if (!string.IsNullOrWhiteSpace(pastDueText))
        {
            pastDue = int.TryParse(pastDueText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var days) && days >= 0
                ? days
                : throw new InvalidOperationException($"Reporting:PastDueChurnDays '{pastDueText}' must be a number of days or 'never'.");
        }

        var recognition = section["ChurnRecognition"];
        var whenScheduled = recognition switch
        {
            null or "" or "AtEnd" => false,
            "WhenScheduled" => true,
            _ => throw new InvalidOperationException($"Reporting:ChurnRecognition '{recognition}' must be AtEnd or WhenScheduled."),
        };

        return new ReportingOptions(currency, zone, pastDue, whenScheduled, section.GetValue("IncludeMeteredInMrr", false));
    }

    /// <summary>The instant that ends <paramref name="day"/> in the reporting time zone: events before it count.</summary>
    public DateTimeOffset EndOf(DateOnly day)
    {
        var nextMidnight = day.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        while (TimeZone.IsInvalidTime(nextMidnight))
        {
            // Midnight falls in a daylight-saving gap in a few zones: the day starts at the first valid minute.
            nextMidnight = nextMidnight.AddMinutes(1);
        }

        var utc = TimeZoneInfo.ConvertTimeToUtc(nextMidnight, TimeZone);
        return new DateTimeOffset(utc, TimeSpan.Zero).AddTicks(-1);
    }

    public DateOnly DayOf(DateTimeOffset instant) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, TimeZone).DateTime);
}
