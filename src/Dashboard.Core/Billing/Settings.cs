namespace Dashboard.Core.Billing;

/// <summary>An exchange rate: one unit of <see cref="Currency"/> is worth <see cref="Rate"/> units of the reporting currency on <see cref="Date"/>.</summary>
public sealed class FxRate
{
    public DateOnly Date { get; set; }
    public required string Currency { get; set; }
    public decimal Rate { get; set; }
}

/// <summary>A stored setting (reporting currency, time zone, metric policies), keyed like configuration: "Reporting:Currency".</summary>
public sealed class Setting
{
    public required string Key { get; set; }
    public required string Value { get; set; }
}

/// <summary>A REST API key. Only a hash of the secret is stored; <see cref="Prefix"/> identifies it in lists.</summary>
public sealed class ApiKey
{
    public long Id { get; set; }
    public required string Name { get; set; }
    public required string Prefix { get; set; }
    public required string KeyHash { get; set; }
    public ApiKeyScope Scope { get; set; } = ApiKeyScope.ReadWrite;
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }
}

/// <summary>What a REST API key may do: read; read and write billing data; or that and the admin endpoints too.</summary>
public enum ApiKeyScope
{
    ReadOnly,
    ReadWrite,
    Admin,
}

/// <summary>A saved list of filters (joined by AND), stored as JSON.</summary>
public sealed class Segment
{
    public long Id { get; set; }
    public required string Name { get; set; }
    public required string FiltersJson { get; set; }
}

public sealed class CancellationReason
{
    public long Id { get; set; }
    public required string Text { get; set; }
    public int SortKey { get; set; }
}

public sealed class CancellationEvent
{
    public long Id { get; set; }
    public long CustomerId { get; set; }
    public long ReasonId { get; set; }
    public string? Comment { get; set; }
    public DateTimeOffset OccurredAt { get; set; }

    /// <summary>External ids of the subscriptions concerned, separated by '|'; empty for all of them.</summary>
    public string? SubscriptionExternalIds { get; set; }

    /// <summary>
    /// Set only on the event a connector's cancellation feedback keeps for one subscription: the source of that
    /// subscription, whose single external id is <see cref="SubscriptionExternalIds"/>. The pair is unique, so a source
    /// holds at most one such event per subscription. Null for events recorded through the API, which may repeat.
    /// </summary>
    public long? FeedbackSourceId { get; set; }
}
