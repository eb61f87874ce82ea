using System.Collections.Concurrent;

namespace Dashboard.Infrastructure.Sync;

/// <summary>
/// The latest <see cref="SyncStatus"/> of every source, observable: subscribers get each update as it happens (on the
/// syncing thread; UI code marshals to its own context).
/// </summary>
public sealed class SyncStatusService : IObservable<SyncStatus>
{
    private readonly ConcurrentDictionary<long, SyncStatus> statuses = new();
    private readonly object gate = new();
    private IObserver<SyncStatus>[] observers = [];

    public SyncStatus Get(long sourceId) => statuses.GetValueOrDefault(sourceId) ?? SyncStatus.Idle(sourceId);

    public IReadOnlyList<SyncStatus> All => statuses.Values.OrderBy(s => s.SourceId).ToList();

    public IDisposable Subscribe(IObserver<SyncStatus> observer)
    {
        lock (gate)
        {
            observers = [.. observers, observer];
        }

        return new Unsubscriber(this, observer);
    }

    internal void Publish(SyncStatus status)
    {
        statuses[status.SourceId] = status;
        foreach (var observer in Volatile.Read(ref observers))
        {
            observer.OnNext(status);
        }
    }

    private sealed class Unsubscriber(SyncStatusService service, IObserver<SyncStatus> observer) : IDisposable
    {
        public void Dispose()
        {
            lock (service.gate)
            {
                service.observers = service.observers.Where(o => o != observer).ToArray();
            }
        }
    }
}
