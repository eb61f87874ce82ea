using System.Globalization;
using Dashboard.Core.Exports;
using Dashboard.Core.Metrics;

namespace Dashboard.Web.Features.Exports;

/// <summary>
/// What the export form edits, as the inputs hold it; <see cref="ToDraft"/> turns it into the draft the service
/// validates (the same rules as the REST API). Deliveries are listed folder, email, webhook, in that order.
/// </summary>
public sealed class ExportFormModel
{
    public string Name { get; set; } = string.Empty;
    public string Kind { get; set; } = "metrics";
    public List<string> Metrics { get; set; } = ["mrr"];
    public string Interval { get; set; } = "month";
    public string Range { get; set; } = "last_12_months";
    public string Filters { get; set; } = string.Empty;
    public long? SegmentId { get; set; }
    public string Frequency { get; set; } = "weekly";
    public string At { get; set; } = "08:00";
    public string Weekday { get; set; } = "monday";
    public int Day { get; set; } = 1;
    public string Cron { get; set; } = string.Empty;
    public bool Folder { get; set; } = true;
    public string EmailTo { get; set; } = string.Empty;
    public string WebhookUrl { get; set; } = string.Empty;
    public string WebhookSecret { get; set; } = string.Empty;
    public bool Paused { get; set; }

    /// <summary>The stored webhook secret, kept when the form leaves the secret empty.</summary>
    public string? StoredSecret { get; set; }

    public static ExportFormModel From(ExportDefinition definition)
    {
        var s = definition.Schedule;
        var email = definition.Deliveries.FirstOrDefault(d => d.Type == DeliveryType.Email);
        var webhook = definition.Deliveries.FirstOrDefault(d => d.Type == DeliveryType.Webhook);
        return new ExportFormModel
        {
            Name = definition.Name,
            Kind = definition.Kind.ToString().ToLowerInvariant(),
            Metrics = definition.Metrics.ToList(),
            Interval = Intervals.Name(definition.Interval),
            Range = RelativeRanges.Name(definition.Range),
            Filters = string.Join('\n', definition.Filters),
            SegmentId = definition.SegmentId,
            Frequency = ExportSchedule.FrequencyName(s.Frequency),
            At = s.At.ToString("HH:mm", CultureInfo.InvariantCulture),
            Weekday = s.Weekday is { } w ? ExportSchedule.WeekdayName(w) : "monday",
            Day = s.Day ?? 1,
            Cron = s.Cron ?? string.Empty,
            Folder = definition.Deliveries.Any(d => d.Type == DeliveryType.Folder),
            EmailTo = email is null ? string.Empty : string.Join(", ", email.To ?? []),
            WebhookUrl = webhook?.Url ?? string.Empty,
            StoredSecret = webhook?.Secret,
            Paused = definition.Paused,
        };
    }

    public ExportDraft ToDraft()
    {
        var deliveries = new List<DeliveryDraft?>();
        if (Folder)
        {
            deliveries.Add(new DeliveryDraft("folder"));
        }

        if (!string.IsNullOrWhiteSpace(EmailTo))
        {
            deliveries.Add(new DeliveryDraft("email", EmailTo.Split([',', ';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)));
        }

        if (!string.IsNullOrWhiteSpace(WebhookUrl))
        {
            deliveries.Add(new DeliveryDraft("webhook", null, WebhookUrl.Trim(), string.IsNullOrEmpty(WebhookSecret) ? StoredSecret : WebhookSecret));
        }

        return new ExportDraft
        {
            Name = Name,
            Kind = Kind,
            Metrics = Kind == "customers" ? [] : Metrics.ToList(),
            Interval = Interval,
            Range = Range,
            Filter = Filters.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            SegmentId = SegmentId,
            Schedule = new ScheduleDraft(Frequency, At, Weekday, Day, Cron),
            Deliveries = deliveries,
            Paused = Paused,
        };
    }
}
