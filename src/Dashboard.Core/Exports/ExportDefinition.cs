using Dashboard.Core.Metrics;

namespace Dashboard.Core.Exports;

/// <summary>
/// A validated export: what it writes (<see cref="Kind"/>, metrics, interval, range, segment), when it runs and where
/// the file goes. Filters are <c>field:op:value</c> texts, joined by AND with the saved segment's.
/// </summary>
public sealed record ExportDefinition(
    string Name,
    ExportKind Kind,
    IReadOnlyList<string> Metrics,
    Interval Interval,
    RelativeRange Range,
    IReadOnlyList<string> Filters,
    long? SegmentId,
    ExportSchedule Schedule,
    IReadOnlyList<ExportDelivery> Deliveries,
    bool Paused);

/// <summary>One destination of every run's file: the folder, an email to <see cref="To"/>, or a signed POST to <see cref="Url"/>.</summary>
public sealed record ExportDelivery(DeliveryType Type, IReadOnlyList<string>? To = null, string? Url = null, string? Secret = null)
{
    /// <summary>What the run history shows as the target: the addresses or the URL (never the secret).</summary>
    public string Target => Type switch
    {
        DeliveryType.Email => string.Join(", ", To ?? []),
        DeliveryType.Webhook => Url ?? string.Empty,
        _ => "folder",
    };

    public static string TypeName(DeliveryType type) => type.ToString().ToLowerInvariant();
}
