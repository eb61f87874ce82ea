using Hangfire;

namespace Dashboard.Testing;

/// <summary>Waits for background jobs by polling their storage (never a fixed sleep): a state, or any condition.</summary>
public static class JobWaits
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Waits until job <paramref name="jobId"/> is in <paramref name="state"/> (e.g. "Succeeded", "Scheduled").</summary>
    public static Task WaitForStateAsync(JobStorage storage, string jobId, string state, TimeSpan? timeout = null) =>
        UntilAsync(() => StateOf(storage, jobId) == state, () => $"job {jobId} to be {state} (it is {StateOf(storage, jobId)})", timeout);

    public static string? StateOf(JobStorage storage, string jobId)
    {
        using var connection = storage.GetConnection();
        return connection.GetStateData(jobId)?.Name;
    }

    public static async Task UntilAsync(Func<bool> condition, Func<string> what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("Timed out waiting for " + what());
            }

            await Task.Delay(50);
        }
    }
}
