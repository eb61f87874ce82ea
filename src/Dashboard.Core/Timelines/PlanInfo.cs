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

    /// <summary>
    /// Monthly amount of one period amount (reporting minor units, possibly fractional after FX) in
    /// <see cref="Money.MrrUnits"/>: amount * periods_per_year / (12 * interval_count), exact for the counts listed there.
    /// </summary>
    public long MonthlyUnits(decimal periodAmount) => Money.MrrUnits.Monthly(periodAmount, PeriodsPerYear, IntervalCount);
}

/// <summary>A custom attribute field. <see cref="Ordinal"/> indexes <see cref="CustomerTimeline.Attributes"/>.</summary>
public sealed record FieldInfo(int Ordinal, long Id, string Key, AttributeType Type);
