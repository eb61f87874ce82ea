namespace Dashboard.Infrastructure.Sync;

/// <summary>Which kind of sync a source needs; the CLI prints it lower-case ("full", "resume", "incremental").</summary>
public enum SyncMode
{
    /// <summary>Read every object from the start.</summary>
    Full,

    /// <summary>Continue a full import from its checkpoints.</summary>
    Resume,

    /// <summary>Apply only what changed since the last sync.</summary>
    Incremental,
}
