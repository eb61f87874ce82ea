namespace Dashboard.Core.Billing;

/// <summary>A payment attempt. Paid charges are revenue; failed ones are counted, not summed into revenue.</summary>
public sealed class Charge
{
    public long Id { get; set; }
    public long SourceId { get; set; }
    public required string ExternalId { get; set; }
    public long CustomerId { get; set; }
    public long? SubscriptionId { get; set; }
    public long AmountMinor { get; set; }

    /// <summary>Processor fee in the charge's currency.</summary>
    public long FeeMinor { get; set; }

    public required string Currency { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public ChargeStatus Status { get; set; }
    public ChargeKind Kind { get; set; }
}

/// <summary>
/// Money returned against a paid charge, counted on its own day: a refund, or a lost dispute (then
/// <see cref="CreatedAt"/> is when it was lost and <see cref="ExternalId"/> the dispute's id).
/// </summary>
public sealed class Refund
{
    public long Id { get; set; }
    public long SourceId { get; set; }
    public required string ExternalId { get; set; }
    public long ChargeId { get; set; }
    public long AmountMinor { get; set; }
    public required string Currency { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public RefundKind Kind { get; set; }
}
