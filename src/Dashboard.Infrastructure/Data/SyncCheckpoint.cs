namespace Dashboard.Infrastructure.Data;

/// <summary>How far a connector's sync of one kind of object has come, so a killed sync resumes where it stopped.</summary>
public sealed class SyncCheckpoint
{
    public long Id { get; set; }
    public long SourceId { get; set; }

    /// <summary>What is being synced: "customers", "subscriptions", "events"...</summary>
    public required string Kind { get; set; }

    /// <summary>The provider's pagination cursor or event id to continue from; null once the kind is complete.</summary>
    public string? Cursor { get; set; }

    public long Done { get; set; }
    public long? Total { get; set; }
    public bool Completed { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>An object a sync could not import, recorded and shown rather than silently skipped.</summary>
public sealed class SyncError
{
    public long Id { get; set; }
    public long SourceId { get; set; }
    public required string Kind { get; set; }
    public required string ExternalId { get; set; }
    public required string Message { get; set; }
    public DateTimeOffset OccurredAt { get; set; }
}
