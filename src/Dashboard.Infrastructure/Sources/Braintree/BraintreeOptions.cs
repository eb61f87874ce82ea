namespace Dashboard.Infrastructure.Sources.Braintree;

/// <summary>Settings of the Braintree connector (configuration section "Braintree").</summary>
public sealed class BraintreeOptions
{
    public const string SectionName = "Braintree";

    public Uri SandboxApiBase { get; set; } = new("https://api.sandbox.braintreegateway.com:443/");

    public Uri ProductionApiBase { get; set; } = new("https://api.braintreegateway.com:443/");

    /// <summary>The gateway API version sent as X-ApiVersion: the XML shapes the parser is written for.</summary>
    public string ApiVersion { get; set; } = "6";

    /// <summary>Ids per advanced_search request (Braintree serves at most 50).</summary>
    public int SearchPageSize { get; set; } = 50;

    /// <summary>Retries of a request that met a 429, a 5xx or a network failure, before the sync gives up.</summary>
    public int MaxRetries { get; set; } = 6;

    /// <summary>First back-off delay when the response names no Retry-After; doubles on each retry, with jitter.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Longest wait between two attempts, whatever Retry-After asks for.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Time allowed for one attempt (request and response body).</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Where the first sync's created_at windows begin (Braintree opened in 2007; nothing is older).</summary>
    public DateTimeOffset EarliestCreatedAt { get; set; } = new(2007, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// First span of a created_at search window. It doubles after a window with few objects and halves when a search
    /// answers more than <see cref="MaxIdsPerWindow"/> ids; a killed sync re-reads at most the window it was in.
    /// </summary>
    public TimeSpan SearchWindow { get; set; } = TimeSpan.FromDays(365);

    /// <summary>Most ids one window may hold (a search answers every matching id at once): the bound on memory per window.</summary>
    public int MaxIdsPerWindow { get; set; } = 5000;

    /// <summary>How far back of its checkpoint each sync searches again, for objects that became searchable late.</summary>
    public TimeSpan WindowOverlap { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Search pages (of up to 50 objects) fetched at once.</summary>
    public int FetchConcurrency { get; set; } = 4;

    /// <summary>Objects gathered from consecutive pages before one importer transaction.</summary>
    public int WriteBatchSize { get; set; } = 500;
}
