namespace Dashboard.Infrastructure.Sync;

/// <summary>Keeps a source's recurring sync in line with the store: registered while it can sync, removed once it cannot.</summary>
public interface ISyncSchedule
{
    /// <summary>Registers, updates (its interval) or removes the recurring sync of <paramref name="sourceId"/>.</summary>
    Task ApplyAsync(long sourceId, CancellationToken cancellationToken);
}

/// <summary>No recurring syncs (tests and tools that register no job storage).</summary>
public sealed class NoSyncSchedule : ISyncSchedule
{
    public Task ApplyAsync(long sourceId, CancellationToken cancellationToken) => Task.CompletedTask;
}
