namespace Dashboard.Infrastructure.Sync;

/// <summary>Settings of the scheduled syncs (configuration section "Sync").</summary>
public sealed class SyncScheduleOptions
{
    public const string SectionName = "Sync";

    /// <summary>False: no recurring syncs (the CLI, "Sync now" and webhooks still work).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Interval of a source that has none of its own (one of <see cref="SyncInterval.Choices"/>).</summary>
    public int DefaultIntervalMinutes { get; set; } = SyncInterval.DefaultMinutes;
}
