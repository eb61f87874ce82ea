using System.Globalization;
using System.Net.Mail;
using Dashboard.Core.Metrics;
using Dashboard.Core.Segments;

namespace Dashboard.Core.Exports;

/// <summary>A schedule as typed (API body or form): every part text, checked by <see cref="ExportDraft.Validate"/>.</summary>
public sealed record ScheduleDraft(string? Frequency, string? At, string? Weekday = null, int? Day = null, string? Cron = null)
{
    public static ScheduleDraft From(ExportSchedule schedule) => new(
        ExportSchedule.FrequencyName(schedule.Frequency),
        schedule.At.ToString("HH:mm", CultureInfo.InvariantCulture),
        schedule.Weekday is { } w ? ExportSchedule.WeekdayName(w) : null,
        schedule.Day,
        schedule.Cron);
}

public sealed record DeliveryDraft(string? Type, IReadOnlyList<string?>? To = null, string? Url = null, string? Secret = null)
{
    public static DeliveryDraft From(ExportDelivery delivery) => new(ExportDelivery.TypeName(delivery.Type), delivery.To?.ToList(), delivery.Url, delivery.Secret);
}

/// <summary>
/// An export as typed, before validation. <see cref="Validate"/> returns the definition, or the errors keyed by the
/// field at fault as the REST API names it (<c>schedule.at</c>, <c>deliveries[1].url</c>), and never half a definition.
/// </summary>
public sealed record ExportDraft
{
    public const int MaxNameLength = 200;
    public const int MinSecretLength = 16;

    public string? Name { get; init; }
    public string? Kind { get; init; }
    public IReadOnlyList<string?>? Metrics { get; init; }
    public string? Interval { get; init; }
    public string? Range { get; init; }
    public IReadOnlyList<string?>? Filter { get; init; }
    public long? SegmentId { get; init; }
    public ScheduleDraft? Schedule { get; init; }
    public IReadOnlyList<DeliveryDraft?>? Deliveries { get; init; }
    public bool? Paused { get; init; }

    public static ExportDraft From(ExportDefinition definition) => new()
    {
        Name = definition.Name,
        Kind = definition.Kind.ToString().ToLowerInvariant(),
        Metrics = definition.Metrics.ToList(),
        Interval = Intervals.Name(definition.Interval),
        Range = RelativeRanges.Name(definition.Range),
        Filter = definition.Filters.ToList(),
        SegmentId = definition.SegmentId,
        Schedule = ScheduleDraft.From(definition.Schedule),
        Deliveries = definition.Deliveries.Select(DeliveryDraft.From).ToList(),
        Paused = definition.Paused,
    };

    public ExportDefinition? Validate(out Dictionary<string, string[]> errors)
    {
        var found = new Errors();
        var name = Name?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            found.Add("name", "is required");
        }
        else if (name.Length > MaxNameLength)
        {
            found.Add("name", $"must be at most {MaxNameLength} characters");
        }

        var kind = ParseKind(found);
        var metrics = ParseMetrics(kind, found);
        var interval = ParseInterval(found);
        var range = ParseRange(found);
        var filters = ParseFilters(found);
        if (SegmentId is <= 0)
        {
            found.Add("segment_id", "must be a segment id");
        }

        var schedule = ParseSchedule(found);
        var deliveries = ParseDeliveries(found);
        errors = found.ToDictionary();
        if (found.Any)
        {
            return null;
        }

        return new ExportDefinition(name!, kind!.Value, metrics, interval, range!.Value, filters, SegmentId, schedule!, deliveries, Paused ?? false);
    }

    private ExportKind? ParseKind(Errors errors)
    {
        if (string.IsNullOrWhiteSpace(Kind))
        {
            errors.Add("kind", "is required");
            return null;
        }

        if (Enum.TryParse<ExportKind>(Kind.Trim(), ignoreCase: true, out var kind) && Kind.Trim().All(char.IsLetter))
        {
            return kind;
        }

        errors.Add("kind", "must be one of metrics, customers, digest");
        return null;
    }

    private List<string> ParseMetrics(ExportKind? kind, Errors errors)
    {
        var metrics = new List<string>();
        var given = Metrics ?? [];
        if (kind == ExportKind.Digest && given.Count == 0)
        {
            return DigestKpis.Default.ToList();
        }

        if (kind == ExportKind.Metrics && given.Count == 0)
        {
            errors.Add("metrics", "name at least one metric");
        }

        for (var i = 0; i < given.Count; i++)
        {
            var text = given[i]?.Trim();
            if (string.IsNullOrEmpty(text) || !MetricCatalog.TryGet(text, out var metric))
            {
                errors.Add($"metrics[{i}]", $"'{text}' is not a metric");
            }
            else if (metrics.Contains(metric.Name))
            {
                errors.Add($"metrics[{i}]", $"'{metric.Name}' is named twice");
            }
            else
            {
                metrics.Add(metric.Name);
            }
        }

        return metrics;
    }

    private Interval ParseInterval(Errors errors)
    {
        if (string.IsNullOrWhiteSpace(Interval))
        {
            return Dashboard.Core.Metrics.Interval.Month;
        }

        try
        {
            return Intervals.Parse(Interval);
        }
        catch (MetricQueryException e)
        {
            errors.Add("interval", e.Message);
            return Dashboard.Core.Metrics.Interval.Month;
        }
    }

    private RelativeRange? ParseRange(Errors errors)
    {
        if (string.IsNullOrWhiteSpace(Range))
        {
            return RelativeRange.Last12Months;
        }

        if (RelativeRanges.TryParse(Range, out var range))
        {
            return range;
        }

        errors.Add("range", "must be one of " + string.Join(", ", RelativeRanges.All));
        return null;
    }

    private List<string> ParseFilters(Errors errors)
    {
        var filters = new List<string>();
        var given = Filter ?? [];
        for (var i = 0; i < given.Count; i++)
        {
            var text = given[i]?.Trim();
            try
            {
                SegmentFilter.Parse(text ?? string.Empty);
                filters.Add(text!);
            }
            catch (Exception e) when (e is MetricQueryException or ArgumentException or FormatException)
            {
                errors.Add($"filter[{i}]", e.Message);
            }
        }

        return filters;
    }

    private ExportSchedule? ParseSchedule(Errors errors)
    {
        if (Schedule is null)
        {
            errors.Add("schedule", "is required");
            return null;
        }

        var before = errors.Count;
        ScheduleFrequency frequency = default;
        if (string.IsNullOrWhiteSpace(Schedule.Frequency) ||
            !Enum.TryParse(Schedule.Frequency.Trim(), ignoreCase: true, out frequency) || !Schedule.Frequency.Trim().All(char.IsLetter))
        {
            errors.Add("schedule.frequency", "must be one of daily, weekly, monthly, cron");
            return null;
        }

        var at = TimeOnly.MinValue;
        if (frequency != ScheduleFrequency.Cron &&
            !TimeOnly.TryParseExact(Schedule.At?.Trim(), ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out at))
        {
            errors.Add("schedule.at", "must be a local time HH:MM (00:00 to 23:59)");
        }

        DayOfWeek? weekday = null;
        if (frequency == ScheduleFrequency.Weekly)
        {
            if (Enum.TryParse<DayOfWeek>(Schedule.Weekday?.Trim(), ignoreCase: true, out var day) && Schedule.Weekday!.Trim().All(char.IsLetter))
            {
                weekday = day;
            }
            else
            {
                errors.Add("schedule.weekday", "must be one of monday, tuesday, wednesday, thursday, friday, saturday, sunday");
            }
        }

        if (frequency == ScheduleFrequency.Monthly && Schedule.Day is not (>= 1 and <= 28))
        {
            errors.Add("schedule.day", "must be a day of the month from 1 to 28");
        }

        string? cron = null;
        if (frequency == ScheduleFrequency.Cron)
        {
            cron = Schedule.Cron?.Trim();
            if (CronText.Check(cron) is { } problem)
            {
                errors.Add("schedule.cron", problem);
            }
        }

        return errors.Count > before ? null : new ExportSchedule(frequency, at, weekday, frequency == ScheduleFrequency.Monthly ? Schedule.Day : null, cron);
    }

    private List<ExportDelivery> ParseDeliveries(Errors errors)
    {
        var deliveries = new List<ExportDelivery>();
        var given = Deliveries ?? [];
        for (var i = 0; i < given.Count; i++)
        {
            var field = $"deliveries[{i}]";
            var draft = given[i];
            if (draft is null || !Enum.TryParse<DeliveryType>(draft.Type?.Trim(), ignoreCase: true, out var type) || !draft.Type!.Trim().All(char.IsLetter))
            {
                errors.Add(field + ".type", "must be one of folder, email, webhook");
                continue;
            }

            switch (type)
            {
                case DeliveryType.Folder:
                    deliveries.Add(new ExportDelivery(type));
                    break;
                case DeliveryType.Email:
                    var to = (draft.To ?? []).Select(a => a?.Trim() ?? string.Empty).ToList();
                    if (to.Count == 0)
                    {
                        errors.Add(field + ".to", "name at least one address");
                    }

                    for (var j = 0; j < to.Count; j++)
                    {
                        if (!MailAddress.TryCreate(to[j], out var address) || address.Address != to[j])
                        {
                            errors.Add($"{field}.to[{j}]", $"'{to[j]}' is not an email address");
                        }
                    }

                    deliveries.Add(new ExportDelivery(type, To: to));
                    break;
                case DeliveryType.Webhook:
                    var url = draft.Url?.Trim();
                    if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
                    {
                        errors.Add(field + ".url", "must be an absolute http or https URL");
                    }

                    if (string.IsNullOrEmpty(draft.Secret) || draft.Secret.Length < MinSecretLength)
                    {
                        errors.Add(field + ".secret", $"must be at least {MinSecretLength} characters");
                    }

                    deliveries.Add(new ExportDelivery(type, Url: url, Secret: draft.Secret));
                    break;
            }
        }

        return deliveries;
    }

    private sealed class Errors
    {
        private readonly Dictionary<string, List<string>> byField = new(StringComparer.Ordinal);

        public bool Any => byField.Count > 0;

        public int Count => byField.Values.Sum(v => v.Count);

        public void Add(string field, string message)
        {
            if (!byField.TryGetValue(field, out var list))
            {
                byField[field] = list = [];
            }

            list.Add(message);
        }

        public Dictionary<string, string[]> ToDictionary() => byField.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
    }
}
