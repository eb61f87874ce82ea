using Dashboard.Core.Billing;

namespace Dashboard.Infrastructure.Import.Operations;

/// <summary>Creates or replaces a plan. Amounts are in minor units of <see cref="Currency"/>.</summary>
public sealed record PlanImport : ImportOperation
{
    public string? Name { get; init; }
    public string? Currency { get; init; }
    public long? Amount { get; init; }
    public BillingInterval? Interval { get; init; }

    /// <summary>Billing periods per charge; 1 when omitted.</summary>
    public int? IntervalCount { get; init; }

    public int? TrialDuration { get; init; }
    public BillingInterval? TrialDurationUnit { get; init; }
    public bool IsMetered { get; init; }

    public override ImportObjectKind ObjectKind => ImportObjectKind.Plan;
}
