namespace Dashboard.Core.Billing;

/// <summary>A paying (or prospective) customer as known to one source. <see cref="ExternalId"/> is unique per source.</summary>
public sealed class Customer
{
    public long Id { get; set; }
    public long SourceId { get; set; }
    public required string ExternalId { get; set; }
    public string? Name { get; set; }
    public string? Email { get; set; }

    /// <summary>ISO 3166-1 alpha-2 country code, upper case.</summary>
    public string? Country { get; set; }

    /// <summary>ISO 4217 currency the customer is billed in, upper case.</summary>
    public string? Currency { get; set; }

    public string? Notes { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>
    /// When the source deleted the customer. A deleted customer keeps its history (subscriptions, charges, refunds), so
    /// past metrics do not change; null while it exists.
    /// </summary>
    public DateTimeOffset? DeletedAt { get; set; }

    public List<CustomerAttribute> Attributes { get; set; } = [];
}
