namespace Dashboard.Web.Api;

/// <summary>Settings of the REST API (section <c>Api</c>).</summary>
public sealed class ApiOptions
{
    public const string SectionName = "Api";

    /// <summary>Largest request body accepted, in bytes; larger bodies get 413.</summary>
    public long MaxRequestBodyBytes { get; set; } = 5 * 1024 * 1024;

    public RateLimitOptions RateLimit { get; set; } = new();

    public sealed class RateLimitOptions
    {
        /// <summary>Requests each key may make per second on average.</summary>
        public int PermitsPerSecond { get; set; } = 1000;

        /// <summary>Requests a key may make at once after a quiet spell; defaults to twice the per-second rate.</summary>
        public int? Burst { get; set; }
    }
}
