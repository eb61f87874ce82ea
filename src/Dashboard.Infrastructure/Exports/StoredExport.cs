using Dashboard.Core.Exports;

namespace Dashboard.Infrastructure.Exports;

public sealed record StoredExport(long Id, ExportDefinition Definition, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

public sealed record StoredDelivery(long Id, int Position, string Type, string Target, string Status, int Attempts, string? Error, DateTimeOffset? FinishedAt);

public sealed record StoredRun(
    long Id,
    long ExportId,
    string Trigger,
    string Status,
    DateTimeOffset QueuedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    int? Rows,
    long? Bytes,
    string? Error,
    string? FilePath,
    IReadOnlyList<StoredDelivery> Deliveries)
{
    public TimeSpan? Duration => StartedAt is { } s && FinishedAt is { } f ? f - s : null;
}
