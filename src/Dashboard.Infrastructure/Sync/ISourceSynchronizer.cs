using Dashboard.Core.Billing;

namespace Dashboard.Infrastructure.Sync;

/// <summary>Brings one provider's data into the store: resumes or starts a full import, else applies what changed.</summary>
public interface ISourceSynchronizer
{
    SourceProvider Provider { get; }

    /// <summary>Which kind of sync <paramref name="source"/> needs now.</summary>
    Task<SyncMode> PlanAsync(Source source, CancellationToken cancellationToken);

    /// <summary>Runs the sync <see cref="PlanAsync"/> chose (<paramref name="mode"/>) to its end.</summary>
    Task SyncAsync(Source source, SyncMode mode, SyncProgress progress, CancellationToken cancellationToken);
}
