namespace Dashboard.Infrastructure.Exports;

/// <summary>A stored export: its name and pause flag as columns, the rest of its definition as JSON (<see cref="ExportJson"/>).</summary>
public sealed class ExportRecord
{
    public long Id { get; set; }
    public required string Name { get; set; }
    public required string DefinitionJson { get; set; }
    public bool Paused { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>
/// One run of an export. <see cref="OccurrenceKey"/> is unique per export: a scheduled run is keyed by the background
/// job of its occurrence, so a retried or repeated job finds its run instead of writing a second one.
/// </summary>
public sealed class ExportRunRecord
{
    public long Id { get; set; }
    public long ExportId { get; set; }
    public required string OccurrenceKey { get; set; }
    public required string Trigger { get; set; }
    public required string Status { get; set; }
    public DateTimeOffset QueuedAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public int? Rows { get; set; }
    public long? Bytes { get; set; }
    public string? Error { get; set; }

    /// <summary>The stored file, relative to <c>Exports:Folder</c> (<c>runs/{export_id}/{run_id}.csv</c>).</summary>
    public string? FilePath { get; set; }
}

/// <summary>The outcome of one delivery of one run, retried with backoff until it succeeds or its attempts run out.</summary>
public sealed class ExportDeliveryRecord
{
    public long Id { get; set; }
    public long RunId { get; set; }
    public int Position { get; set; }
    public required string Type { get; set; }
    public required string Target { get; set; }
    public required string Status { get; set; }
    public int Attempts { get; set; }
    public string? Error { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
}

public static class RunStatus
{
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
}

public static class DeliveryStatus
{
    public const string Pending = "pending";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
}
