namespace Dashboard.Core.Billing;

/// <summary>One connected billing system (a Stripe account, a Braintree merchant, pushed API data, a CSV import).</summary>
public sealed class Source
{
    public long Id { get; set; }
    public required string Name { get; set; }
    public SourceProvider Provider { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Connector credentials, encrypted at rest; null for pushed data.</summary>
    public string? ProtectedCredentials { get; set; }

    /// <summary>Base URL of the provider's API (a setting so tests can point at a local fake).</summary>
    public string? ApiBase { get; set; }

    public DateTimeOffset? LastSyncedAt { get; set; }
}
