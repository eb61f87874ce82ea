namespace Dashboard.Web.Auth;

/// <summary>
/// Per-client (remote address) backoff for failed sign-ins and set-up attempts. A client may fail
/// <see cref="SignInRules.FreeFailuresPerClient"/> times in a row without waiting; after that each attempt must wait
/// 1 s, then 2 s, 4 s ... up to <see cref="SignInRules.MaxClientBackoff"/> after the client's last failure. A throttled
/// attempt is refused before any password is checked, so it never counts towards an account's lockout. A success
/// clears the client; a client quiet for <see cref="SignInRules.ClientMemory"/> is forgotten, and at most
/// <see cref="MaxClients"/> clients are remembered (the longest quiet go first), so the table cannot grow without bound.
/// </summary>
public sealed class SignInThrottle(TimeProvider time)
{
    public const int MaxClients = 10_000;

    private readonly Dictionary<string, ClientFailures> clients = new(StringComparer.Ordinal);
    private readonly Lock gate = new();

    /// <summary>How long <paramref name="client"/> must still wait before its next attempt; zero when it may try now.</summary>
    public TimeSpan RetryAfter(string client)
    {
        lock (gate)
        {
            var now = time.GetUtcNow();
            if (!clients.TryGetValue(client, out var failures))
            {
                return TimeSpan.Zero;
            }

            if (now - failures.Last >= SignInRules.ClientMemory)
            {
                clients.Remove(client);
                return TimeSpan.Zero;
            }

            var wait = failures.Last + Backoff(failures.Count) - now;
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }
    }

    public void RecordFailure(string client)
    {
        lock (gate)
        {
            var now = time.GetUtcNow();
            var count = clients.TryGetValue(client, out var failures) && now - failures.Last < SignInRules.ClientMemory ? failures.Count + 1 : 1;
            clients[client] = new ClientFailures(count, now);
            if (clients.Count > MaxClients)
            {
                Prune(now);
            }
        }
    }

    public void RecordSuccess(string client)
    {
        lock (gate)
        {
            clients.Remove(client);
        }
    }

    /// <summary>The wait after a client's <paramref name="failures"/>-th failure.</summary>
    public static TimeSpan Backoff(int failures)
    {
        var over = failures - SignInRules.FreeFailuresPerClient + 1;
        if (over <= 0)
        {
            return TimeSpan.Zero;
        }

        var seconds = over >= 30 ? double.MaxValue : Math.Pow(2, over - 1);
        return seconds >= SignInRules.MaxClientBackoff.TotalSeconds ? SignInRules.MaxClientBackoff : TimeSpan.FromSeconds(seconds);
    }

    private void Prune(DateTimeOffset now)
    {
        foreach (var stale in clients.Where(c => now - c.Value.Last >= SignInRules.ClientMemory).Select(c => c.Key).ToList())
        {
            clients.Remove(stale);
        }

        if (clients.Count > MaxClients)
        {
            // Drop a tenth more than needed, so a flood of new clients does not sort the table on every failure.
            foreach (var oldest in clients.OrderBy(c => c.Value.Last).Take(clients.Count - (MaxClients * 9 / 10)).Select(c => c.Key).ToList())
            {
                clients.Remove(oldest);
            }
        }
    }

    /// <summary>How many clients are remembered now.</summary>
    public int TrackedClients
    {
        get
        {
            lock (gate)
            {
                return clients.Count;
            }
        }
    }

    private readonly record struct ClientFailures(int Count, DateTimeOffset Last);
}
