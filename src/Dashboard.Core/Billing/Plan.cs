namespace Dashboard.Core.Billing;

/// <summary>A price point: an amount in minor units charged every <see cref="IntervalCount"/> <see cref="Interval"/>s.</summary>
public sealed class Plan
{
    public long Id { get; set; }
    public long SourceId { get; set; }
    public required string ExternalId { get; set; }
    public required string Name { get; set; }
    public required string Currency { get; set; }
    public long AmountMinor { get; set; }
    public BillingInterval Interval { get; set; } = BillingInterval.Month;
    public int IntervalCount { get; set; } = 1;
    public int? TrialDuration { get; set; }
    public BillingInterval? TrialDurationUnit { get; set; }

    /// <summary>Usage-based price: its charges are cash (usage revenue), not MRR, unless a setting says otherwise.</summary>
    public bool IsMetered { get; set; }
}
