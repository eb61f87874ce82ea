namespace Dashboard.Infrastructure.Sync;

public enum SyncState
{
    Idle,
    Running,
    Succeeded,
    Failed,
    Canceled,
}

/// <summary>
/// One kind's progress: <see cref="Total"/> is known once a kind has been counted to its end (from the previous full
/// pass while it runs again), so <see cref="Eta"/> is null on a first import.
/// </summary>
public sealed record SyncKindProgress(string Kind, long Done, long? Total, double RatePerSecond, TimeSpan? Eta, bool Completed);

/// <summary>What a source's sync is doing, for the Sources page and the CLI.</summary>
public sealed record SyncStatus(
    long SourceId,
    SyncState State,
    SyncMode? Mode,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    IReadOnlyList<SyncKindProgress> Kinds,
    long Errors,
    string? Message)
{
    public static SyncStatus Idle(long sourceId) => new(sourceId, SyncState.Idle, null, null, null, [], 0, null);
}
