using System.Collections.Concurrent;
using Dashboard.Core.Billing;
using Dashboard.Infrastructure.Sync;

namespace Dashboard.Infrastructure.Tests.Jobs;

/// <summary>Records each sync it is asked for; syncs of held sources wait until released, failing sources throw once.</summary>
public sealed class RecordingSynchronizer : ISourceSynchronizer
{
    private readonly ConcurrentQueue<long> started = new();
    private readonly ConcurrentDictionary<long, int> running = new();
    private readonly ConcurrentDictionary<long, int> maxRunning = new();
    private readonly ConcurrentDictionary<long, TaskCompletionSource> held = new();
    private readonly ConcurrentDictionary<long, bool> failOnce = new();

    public SourceProvider Provider => SourceProvider.Stripe;

    public IReadOnlyList<long> Started => started.ToList();

    public int StartedCount(long sourceId) => started.Count(id => id == sourceId);

    public int MaxConcurrent(long sourceId) => maxRunning.GetValueOrDefault(sourceId);

    public void Hold(long sourceId) => held[sourceId] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void FailOnce(long sourceId) => failOnce[sourceId] = true;

    public void ReleaseAll()
    {
        foreach (var gate in held.Values)
        {
            gate.TrySetResult();
        }
    }

    public Task<SyncMode> PlanAsync(Source source, CancellationToken cancellationToken) => Task.FromResult(SyncMode.Full);

    public async Task SyncAsync(Source source, SyncMode mode, SyncProgress progress, CancellationToken cancellationToken)
    {
        var now = running.AddOrUpdate(source.Id, 1, (_, n) => n + 1);
        maxRunning.AddOrUpdate(source.Id, now, (_, max) => Math.Max(max, now));
        started.Enqueue(source.Id);
        try
        {
            if (failOnce.TryRemove(source.Id, out _))
            {
                throw new HttpRequestException("The provider answered 503.");
            }

            if (held.TryGetValue(source.Id, out var gate))
            {
                await gate.Task.WaitAsync(cancellationToken);
            }
        }
        finally
        {
            running.AddOrUpdate(source.Id, 0, (_, n) => n - 1);
        }
    }
}
