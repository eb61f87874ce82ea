using Dashboard.Core.Billing;

namespace Dashboard.Infrastructure.Sync;

/// <summary>Brings one provider's data into the store: resumes or starts a full import, else applies what changed.</summary>
public interface ISourceSynchronizer
{
    SourceProvider Provider { get; }

    /// <summary>Which kind of sync <paramref name="source"/> needs now ("full", "resume", "incremental").</summary>
    Task<string> PlanAsync(Source source, CancellationToken cancellationToken);

    Task SyncAsync(Source source, SyncProgress progress, CancellationToken cancellationToken);
}
