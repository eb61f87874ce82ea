namespace Dashboard.Core.Metrics;

/// <summary>
/// The per-day quantities every metric is computed from. Stock series hold deltas (the value at the end of day D is the
/// sum of the deltas up to D); flows are summed over a range of days. The amounts of MRR (in
/// <see cref="Money.MrrUnits"/>) come first, up to <see cref="ReactivationMrr"/>: their sums are 128-bit (see
/// <see cref="SeriesInfo.IsMrrAmount"/>).
/// </summary>
internal enum SeriesId
{
    Mrr,
    Discounts,

    /// <summary>The add-ons' part of list price MRR of paying subscriptions (delta series).</summary>
    AddOnMrr,

    /// <summary>MRR of customers who were active 365 days earlier (delta series).</summary>
    NrrNumerator,

    /// <summary>Same, each customer capped at its MRR 365 days earlier (delta series).</summary>
    GrrNumerator,

    NewMrr,
    ExpansionMrr,
    ContractionMrr,
    ChurnedMrr,
    ReactivationMrr,
    ActiveCustomers,
    ActiveSubscriptions,
    ActiveTrials,
    NewCustomers,
    Reactivations,
    ChurnedCustomers,
    Upgrades,
    Downgrades,
    NewSubscriptions,
    ChurnedSubscriptions,
    NewTrials,
    TrialConversions,
    GrossRevenue,
    Refunds,
    Fees,
    OtherRevenue,
    UsageRevenue,
    FailedCharges,
    FailedChargeAmount,

    /// <summary>Amounts of disputes lost, by the day they were lost.</summary>
    Disputes,
}

/// <summary>Which parts of a customer a computation needs (walking cash is skipped for MRR metrics, and so on).</summary>
[Flags]
internal enum WalkParts
{
    Mrr = 1,
    Retention = 2,
    Subscriptions = 4,
    Cash = 8,
    All = Mrr | Retention | Subscriptions | Cash,
}

internal static class SeriesInfo
{
    public const int Count = (int)SeriesId.Disputes + 1;

    /// <summary>The series holding amounts of MRR in <see cref="Money.MrrUnits"/>: <see cref="SeriesId.Mrr"/> to <see cref="SeriesId.ReactivationMrr"/>.</summary>
    public const int MrrAmountCount = (int)SeriesId.ReactivationMrr + 1;

    public static bool IsMrrAmount(SeriesId series) => (int)series < MrrAmountCount;

    /// <summary>Churn runs longer than this many days share one histogram bin; windows may be at most this long.</summary>
    public const int MaxWindowDays = 366;

    /// <summary>The walk part that produces a series.</summary>
    public static WalkParts PartOf(SeriesId series) => series switch
    {
        SeriesId.NrrNumerator or SeriesId.GrrNumerator => WalkParts.Retention,
        SeriesId.ActiveSubscriptions or SeriesId.ActiveTrials or SeriesId.NewSubscriptions or SeriesId.ChurnedSubscriptions
            or SeriesId.NewTrials or SeriesId.TrialConversions => WalkParts.Subscriptions,
        >= SeriesId.GrossRevenue => WalkParts.Cash,
        _ => WalkParts.Mrr,
    };
}
