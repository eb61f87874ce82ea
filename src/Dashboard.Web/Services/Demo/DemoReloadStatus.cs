namespace Dashboard.Web.Services.Demo;

/// <summary>Where loading the demo data again stands in this process.</summary>
public enum DemoReloadState
{
    /// <summary>Nothing asked for since the process started.</summary>
    Idle,

    /// <summary>Enqueued as a background job, not started yet.</summary>
    Queued,

    /// <summary>Writing customers (<see cref="DemoReloadProgress.Customers"/> of <see cref="DemoReloadProgress.TotalCustomers"/>).</summary>
    Running,

    /// <summary>Loaded and the metrics rebuilt.</summary>
    Succeeded,

    /// <summary>Refused because a demo source exists; nothing was written.</summary>
    Refused,

    /// <summary>Stopped by an error (<see cref="DemoReloadProgress.Message"/>).</summary>
    Failed,
}

/// <summary>One snapshot of the reload's progress.</summary>
public sealed record DemoReloadProgress(DemoReloadState State, long Customers, long TotalCustomers, string? Message)
{
    public static DemoReloadProgress Idle { get; } = new(DemoReloadState.Idle, 0, 0, null);

    /// <summary>True while a reload is queued or running: another one is refused.</summary>
    public bool IsBusy => State is DemoReloadState.Queued or DemoReloadState.Running;

    /// <summary>Share of the customers written, 0-100.</summary>
    public double Percent => TotalCustomers > 0 ? Math.Min(100, 100.0 * Customers / TotalCustomers) : 0;
}

/// <summary>
/// The progress of loading the demo data again, shared by the background job that does it and the page that shows it
/// (a singleton: the job's progress in this process). It keeps the id of the job it queued: while it says "queued",
/// <see cref="DemoReload.Progress"/> asks Hangfire's job storage what became of that job, so a job deleted from the
/// dashboard, failed (for example on its concurrency lock) or run by another instance never leaves it stuck at "queued".
/// </summary>
public sealed class DemoReloadStatus
{
    private readonly Lock gate = new();
    private DemoReloadProgress current = DemoReloadProgress.Idle;
    private string? jobId;

    /// <summary>Raised after every change, on the thread that made it.</summary>
    public event Action<DemoReloadProgress>? Changed;

    public DemoReloadProgress Current
    {
        get
        {
            lock (gate)
            {
                return current;
            }
        }
    }

    /// <summary>The id of the background job queued last, or null.</summary>
    public string? JobId
    {
        get
        {
            lock (gate)
            {
                return jobId;
            }
        }
    }

    /// <summary>Remembers the id of the job just queued (after <see cref="TryQueue"/>).</summary>
    public void Queued(string id)
    {
        lock (gate)
        {
            jobId = id;
        }
    }

    /// <summary>
    /// Replaces a "queued" that Hangfire says is over (<paramref name="next"/>), unless something changed meanwhile: only
    /// while the state is still queued for job <paramref name="id"/>.
    /// </summary>
    public void Settle(string id, DemoReloadProgress next)
    {
        lock (gate)
        {
            if (current.State != DemoReloadState.Queued || !string.Equals(jobId, id, StringComparison.Ordinal))
            {
                return;
            }

            current = next;
        }

        Changed?.Invoke(next);
    }

    /// <summary>Marks a reload as queued; false (and nothing changes) while one is queued or running.</summary>
    public bool TryQueue()
    {
        lock (gate)
        {
            if (current.IsBusy)
            {
                return false;
            }

            current = new DemoReloadProgress(DemoReloadState.Queued, 0, 0, null);
            jobId = null;
        }

        Changed?.Invoke(Current);
        return true;
    }

    public void Set(DemoReloadProgress progress)
    {
        lock (gate)
        {
            current = progress;
        }

        Changed?.Invoke(progress);
    }
}
