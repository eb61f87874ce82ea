using System.Net;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Api.Keys;

/// <summary>
/// Counts failed API key checks per client address in a token bucket: <c>Api:InvalidKeys:Attempts</c> failures at
/// once, refilled evenly over <c>Api:InvalidKeys:Window</c>. A client with an empty bucket gets 429 with Retry-After
/// before its key is looked up, so guessing keys costs the store nothing and takes forever. Holds at most
/// <see cref="MaxClients"/> addresses; beyond that the newcomers share one bucket, so the memory stays bounded.
/// </summary>
public sealed class InvalidKeyThrottle(IOptions<ApiOptions> options, TimeProvider clock)
{
    internal const int MaxClients = 10_000;
    private const string Overflow = "overflow";

    private readonly Lock gate = new();
    private readonly Dictionary<string, Bucket> buckets = new(StringComparer.Ordinal);

    private int Attempts => Math.Max(1, options.Value.InvalidKeys.Attempts);

    private TimeSpan PerToken => TimeSpan.FromTicks(Math.Max(1, options.Value.InvalidKeys.Window.Ticks / Attempts));

    /// <summary>Addresses tracked now (for tests of the bound).</summary>
    internal int TrackedClients
    {
        get
        {
            lock (gate)
            {
                return buckets.Count;
            }
        }
    }

    /// <summary>True when <paramref name="client"/> has no failed attempts left; then <paramref name="retryAfter"/> says when it has one.</summary>
    public bool IsLimited(IPAddress? client, out TimeSpan retryAfter)
    {
        lock (gate)
        {
            retryAfter = TimeSpan.Zero;
            if (!buckets.TryGetValue(KeyOf(client), out var bucket))
            {
                return false;
            }

            var tokens = Refill(bucket);
            if (tokens >= 1)
            {
                return false;
            }

            retryAfter = PerToken * (1 - tokens);
            return true;
        }
    }

    public void RecordFailure(IPAddress? client)
    {
        lock (gate)
        {
            var key = KeyOf(client);
            if (!buckets.TryGetValue(key, out var bucket))
            {
                if (buckets.Count >= MaxClients)
                {
                    ForgetRefilled();
                }

                key = buckets.Count >= MaxClients ? Overflow : key;
                bucket = buckets.TryGetValue(key, out var shared) ? shared : new Bucket(Attempts, clock.GetUtcNow());
                buckets[key] = bucket;
            }

            bucket.Tokens = Math.Max(0, Refill(bucket) - 1);
        }
    }

    private static string KeyOf(IPAddress? client) => client is null ? "unknown"
        : (client.IsIPv4MappedToIPv6 ? client.MapToIPv4() : client).ToString();

    /// <summary>Tokens in the bucket now; brings the bucket up to date.</summary>
    private double Refill(Bucket bucket)
    {
        var now = clock.GetUtcNow();
        var elapsed = now > bucket.Updated ? now - bucket.Updated : TimeSpan.Zero;
        bucket.Tokens = Math.Min(Attempts, bucket.Tokens + (elapsed / PerToken));
        bucket.Updated = now;
        return bucket.Tokens;
    }

    /// <summary>A full bucket is the same as none: drop those.</summary>
    private void ForgetRefilled()
    {
        foreach (var (key, bucket) in buckets.ToList())
        {
            if (Refill(bucket) >= Attempts)
            {
                buckets.Remove(key);
            }
        }
    }

    private sealed class Bucket(double tokens, DateTimeOffset updated)
    {
        public double Tokens { get; set; } = tokens;

        public DateTimeOffset Updated { get; set; } = updated;
    }
}
