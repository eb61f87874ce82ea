namespace Dashboard.Web.Api;

/// <summary>Settings of the REST API (section <c>Api</c>).</summary>
public sealed class ApiOptions
{
    public const string SectionName = "Api";

    /// <summary>Largest request body accepted, in bytes; larger bodies get 413.</summary>
    public long MaxRequestBodyBytes { get; set; } = 5 * 1024 * 1024;

    public RateLimitOptions RateLimit { get; set; } = new();

    public InvalidKeyOptions InvalidKeys { get; set; } = new();

    /// <summary>How many requests with a bad API key a client (address) may send before it gets 429.</summary>
    public sealed class InvalidKeyOptions
    {
        /// <summary>Failed attempts a client may make at once.</summary>
        public int Attempts { get; set; } = 10;

        /// <summary>How long an empty allowance takes to refill completely (evenly, one attempt at a time).</summary>
        public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
    }

    public sealed class RateLimitOptions
    {
        /// <summary>Requests each key may make per second on average.</summary>
        public int PermitsPerSecond { get; set; } = 1000;

        /// <summary>Requests a key may make at once after a quiet spell; defaults to twice the per-second rate.</summary>
        public int? Burst { get; set; }
    }
}
