using System.Diagnostics;

namespace Dashboard.Infrastructure.Sync;

/// <summary>Counts one sync run's progress per kind and publishes it: done, total, rate over this run, ETA.</summary>
public sealed class SyncProgress(long sourceId, SyncMode mode, SyncStatusService service, TimeProvider time)
{
    private readonly object gate = new();
    private readonly List<Entry> kinds = [];
    private readonly DateTimeOffset startedAt = time.GetUtcNow();
    private long errors;

    public long SourceId { get; } = sourceId;

    public long Errors => Interlocked.Read(ref errors);

    /// <summary>Starts (or resumes) a kind that has <paramref name="done"/> objects behind it already.</summary>
    public void Begin(string kind, long done, long? total)
    {
        lock (gate)
        {
            kinds.RemoveAll(k => k.Kind == kind);
            kinds.Add(new Entry(kind, done, total, time.GetTimestamp()));
        }

        Publish(SyncState.Running, null);
    }

    public void Advance(string kind, int count)
    {
        lock (gate)
        {
            var entry = kinds.First(k => k.Kind == kind);
            entry.Done += count;
            entry.SinceStart += count;
        }

        Publish(SyncState.Running, null);
    }

    public void Complete(string kind)
    {
        lock (gate)
        {
            var entry = kinds.First(k => k.Kind == kind);
            entry.Completed = true;
            entry.Total = entry.Done;
            entry.Elapsed = time.GetElapsedTime(entry.StartedTimestamp);
        }

        Publish(SyncState.Running, null);
    }

    public void Error() => Interlocked.Increment(ref errors);

    public long Done(string kind)
    {
        lock (gate)
        {
            return kinds.FirstOrDefault(k => k.Kind == kind)?.Done ?? 0;
        }
    }

    public SyncStatus Finish(SyncState state, string? message) => Publish(state, message, time.GetUtcNow());

    public SyncStatus Publish(SyncState state, string? message, DateTimeOffset? finishedAt = null)
    {
        List<SyncKindProgress> snapshot;
        lock (gate)
        {
            snapshot = kinds.Select(ToProgress).ToList();
        }

        var status = new SyncStatus(SourceId, state, mode, startedAt, finishedAt, snapshot, Errors, message);
        service.Publish(status);
        return status;
    }

    private SyncKindProgress ToProgress(Entry entry)
    {
        var seconds = (entry.Elapsed ?? time.GetElapsedTime(entry.StartedTimestamp)).TotalSeconds;
        var rate = seconds > 0 ? entry.SinceStart / seconds : 0;
        TimeSpan? eta = entry.Completed ? TimeSpan.Zero
            : entry.Total is { } total && rate > 0 && total >= entry.Done ? TimeSpan.FromSeconds((total - entry.Done) / rate)
            : null;
        return new SyncKindProgress(entry.Kind, entry.Done, entry.Total, rate, eta, entry.Completed);
    }

    [DebuggerDisplay("{Kind}: {Done}/{Total}")]
    private sealed class Entry(string kind, long done, long? total, long startedTimestamp)
    {
        public string Kind { get; } = kind;
        public long Done { get; set; } = done;
        public long SinceStart { get; set; }
        public long? Total { get; set; } = total;
        public bool Completed { get; set; }
        public long StartedTimestamp { get; } = startedTimestamp;

        /// <summary>How long the kind took, once completed (its rate stops moving then).</summary>
        public TimeSpan? Elapsed { get; set; }
    }
}
