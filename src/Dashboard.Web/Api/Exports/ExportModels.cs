using System.Globalization;
using System.Reflection;
using System.Text.Json.Serialization;
using Dashboard.Core.Exports;
using Dashboard.Core.Metrics;
using Dashboard.Infrastructure.Exports;
using Dashboard.Web.Api.Infrastructure;
using Dashboard.Web.Services.Exports;
using Microsoft.AspNetCore.Http.Metadata;

namespace Dashboard.Web.Api.Exports;

public sealed record ScheduleRequest(string? Frequency, string? At, string? Weekday, int? Day, string? Cron);

public sealed record DeliveryRequest(string? Type, IReadOnlyList<string?>? To, string? Url, string? Secret);

/// <summary>POST and PUT <c>/exports</c>; a PUT changes only the top-level fields it sends.</summary>
public sealed record ExportRequest(
    string? Name,
    string? Kind,
    IReadOnlyList<string?>? Metrics,
    string? Interval,
    string? Range,
    IReadOnlyList<string?>? Filter,
    long? SegmentId,
    ScheduleRequest? Schedule,
    IReadOnlyList<DeliveryRequest?>? Deliveries,
    bool? Paused) : IPartialRequest
{
    [JsonIgnore]
    public SentFields Sent { get; set; } = SentFields.None;

    /// <summary>This body over <paramref name="stored"/> (a new export's draft is empty).</summary>
    public ExportDraft Apply(ExportDraft stored) => new()
    {
        Name = Sent.Pick("name", Name, stored.Name),
        Kind = Sent.Pick("kind", Kind, stored.Kind),
        Metrics = Sent.Pick("metrics", Metrics, stored.Metrics),
        Interval = Sent.Pick("interval", Interval, stored.Interval),
        Range = Sent.Pick("range", Range, stored.Range),
        Filter = Sent.Pick("filter", Filter, stored.Filter),
        SegmentId = Sent.Pick("segment_id", SegmentId, stored.SegmentId),
        Schedule = Sent.Pick("schedule", Schedule is { } s ? new ScheduleDraft(s.Frequency, s.At, s.Weekday, s.Day, s.Cron) : null, stored.Schedule),
        Deliveries = Sent.Pick("deliveries", Deliveries?.Select(d => d is null ? null : new DeliveryDraft(d.Type, d.To, d.Url, d.Secret)).ToList(), stored.Deliveries),
        Paused = Sent.Pick("paused", Paused, stored.Paused),
    };
}

public sealed record ScheduleDto(string Frequency, string? At, string? Weekday, int? Day, string? Cron);

/// <summary>A delivery as the API shows it: a webhook's secret is never shown, only whether one is set.</summary>
public sealed record DeliveryDto(string Type, IReadOnlyList<string>? To, string? Url, bool? SecretSet);

public sealed record ExportDto(
    long Id,
    string Name,
    string Kind,
    IReadOnlyList<string> Metrics,
    string Interval,
    string Range,
    IReadOnlyList<string> Filter,
    long? SegmentId,
    ScheduleDto Schedule,
    IReadOnlyList<DeliveryDto> Deliveries,
    bool Paused,
    DateTimeOffset? NextRunAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static ExportDto From(ExportView view)
    {
        var d = view.Definition;
        var s = d.Schedule;
        return new ExportDto(
            view.Id,
            d.Name,
            d.Kind.ToString().ToLowerInvariant(),
            d.Metrics,
            Intervals.Name(d.Interval),
            RelativeRanges.Name(d.Range),
            d.Filters,
            d.SegmentId,
            new ScheduleDto(
                ExportSchedule.FrequencyName(s.Frequency),
                s.Frequency == ScheduleFrequency.Cron ? null : s.At.ToString("HH:mm", CultureInfo.InvariantCulture),
                s.Weekday is { } w ? ExportSchedule.WeekdayName(w) : null,
                s.Day,
                s.Frequency == ScheduleFrequency.Cron ? s.Cron : null),
            d.Deliveries.Select(x => new DeliveryDto(ExportDelivery.TypeName(x.Type), x.To, x.Url, x.Type == DeliveryType.Webhook ? x.Secret is not null : null)).ToList(),
            d.Paused,
            view.NextRunAt,
            view.Export.CreatedAt,
            view.Export.UpdatedAt);
    }
}

public sealed record ExportEnvelope(ExportDto Export);

public sealed record ExportList(IReadOnlyList<ExportDto> Exports, PaginationMeta Meta);

public sealed record RunDeliveryDto(string Type, string Target, string Status, int Attempts, string? Error);

public sealed record RunDto(
    long Id,
    string Status,
    string Trigger,
    DateTimeOffset QueuedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    int? Rows,
    long? Bytes,
    string? Error,
    IReadOnlyList<RunDeliveryDto> Deliveries)
{
    public static RunDto From(StoredRun run) => new(run.Id, run.Status, run.Trigger, run.QueuedAt, run.StartedAt, run.FinishedAt, run.Rows, run.Bytes, run.Error,
        run.Deliveries.Select(d => new RunDeliveryDto(d.Type, d.Target, d.Status, d.Attempts, d.Error)).ToList());
}

public sealed record RunEnvelope(RunDto Run);

public sealed record RunList(IReadOnlyList<RunDto> Runs, PaginationMeta Meta);

/// <summary>202 with <typeparamref name="T"/>: the work was queued.</summary>
public sealed class ApiAccepted<T>(T value) : ApiJsonResult<T>(value, StatusCodes.Status202Accepted), IEndpointMetadataProvider
{
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Describe(builder, StatusCodes.Status202Accepted);
}
