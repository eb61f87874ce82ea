namespace Dashboard.Infrastructure.Jobs;

/// <summary>Settings of the background job server (configuration section "Jobs").</summary>
public sealed class JobsOptions
{
    public const string SectionName = "Jobs";

    /// <summary>Worker threads. Kept small: on SQLite more workers only contend for the same file.</summary>
    public int Workers { get; set; } = 2;

    /// <summary>How often an idle worker looks for enqueued jobs ("sync now" and webhooks wait at most this long).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);
}
