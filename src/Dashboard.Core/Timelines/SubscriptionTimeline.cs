namespace Dashboard.Core.Timelines;

/// <summary>
/// A subscription's value at the end of every day from <see cref="Day"/> until the next point. <see cref="Mrr"/> and
/// <see cref="Discount"/> are unrounded normalized amounts in <see cref="Money.MrrUnits"/> (1/756,000,000 of a
/// reporting minor unit). <see cref="PastDue"/> marks a past-due state still counted in MRR. <see cref="AddOn"/> is the
/// part of the list price MRR (<see cref="Mrr"/> + <see cref="Discount"/>) that comes from add-ons, in the same units.
/// </summary>
public readonly record struct SubscriptionPoint(int Day, int Plan, bool InTrial, long Mrr, long Discount, bool PastDue = false, long AddOn = 0);

/// <summary>One subscription's end-of-day history. Before the first point its MRR is 0 and it is not in trial.</summary>
public sealed class SubscriptionTimeline
{
    public required long Id { get; init; }
    public required string ExternalId { get; init; }
    public required SubscriptionPoint[] Points { get; init; }

    /// <summary>Reporting day the subscription started.</summary>
    public int StartDay { get; init; }

    /// <summary>True when it started with a trial (trial end after start): counted in new_trials on <see cref="StartDay"/>.</summary>
    public bool StartsWithTrial { get; init; }

    public int PlanAtStart { get; init; }

    /// <summary>Reporting day the trial ends, or -1.</summary>
    public int TrialEndDay { get; init; } = -1;

    /// <summary>True when the subscription was still running when its trial ended (a trial conversion).</summary>
    public bool ConvertsTrial { get; init; }

    public int PlanAtTrialEnd { get; init; }
}
