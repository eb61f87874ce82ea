using Dashboard.Core.Billing;

namespace Dashboard.Core.Timelines;

/// <summary>What the engine keeps of a plan. <see cref="Index"/> is its position in <see cref="TimelineSet.Plans"/>.</summary>
public sealed record PlanInfo(
    int Index,
    long Id,
    string ExternalId,
    string Name,
    string Currency,
    long AmountMinor,
    BillingInterval Interval,
    int IntervalCount,
    bool IsMetered)
{
    /// <summary>Billing periods per year: day 365, week 52, month 12, year 1.</summary>
    public int PeriodsPerYear => Interval switch
    {
        BillingInterval.Day => 365,
        BillingInterval.Week => 52,
        BillingInterval.Month => 12,
        _ => 1,
    };

    /// <summary>Exact monthly amount of one period amount: amount * periods_per_year / (12 * interval_count).</summary>
    public decimal Monthly(decimal periodAmount) => periodAmount * PeriodsPerYear / (12m * IntervalCount);
}

/// <summary>A custom attribute field. <see cref="Ordinal"/> indexes <see cref="CustomerTimeline.Attributes"/>.</summary>
public sealed record FieldInfo(int Ordinal, long Id, string Key, AttributeType Type);
