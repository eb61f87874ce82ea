namespace Dashboard.Web.Features.Overview;

/// <summary>
/// The Overview's raw numbers. Money is in integer minor units of <see cref="Currency"/> (cents for USD);
/// percentages are plain percent numbers (4.2 means 4.2 %).
/// </summary>
/// <param name="Currency">The reporting currency (ISO 4217).</param>
/// <param name="AsOf">The day the KPIs describe (today in the reporting time zone): stock values at its end.</param>
/// <param name="HasData">False when the store has no customers at all (the page shows how to get data in).</param>
/// <param name="Today">MRR and active customers at the end of <paramref name="AsOf"/>.</param>
/// <param name="ThirtyDaysAgo">The same 30 days earlier, for the cards' change arrows.</param>
/// <param name="CustomerChurnRate">customer_churn_rate over the trailing 30 days ending on <paramref name="AsOf"/>; null when nobody was active at its start.</param>
/// <param name="MrrSeries">Monthly MRR points, oldest first: dated the month's first day, valued at the end of its last day (today for this month).</param>
/// <param name="Problems">Data problems the numbers exclude (e.g. a missing exchange rate), to show rather than hide.</param>
public sealed record OverviewModel(
    string Currency,
    DateOnly AsOf,
    bool HasData,
    MrrSnapshot Today,
    MrrSnapshot ThirtyDaysAgo,
    decimal? CustomerChurnRate,
    IReadOnlyList<MrrPoint> MrrSeries,
    IReadOnlyList<string> Problems)
{
    /// <summary>The IANA reporting time zone whose calendar days the numbers use.</summary>
    public string TimeZone { get; init; } = "UTC";
}

/// <summary>MRR (minor units) and the number of customers with MRR &gt; 0 at one instant.</summary>
public sealed record MrrSnapshot(long MrrMinor, int ActiveCustomers)
{
    /// <summary>arpu = mrr / active_customers, rounded to the minor unit; null when nobody is active.</summary>
    public long? ArpuMinor => ActiveCustomers == 0
        ? null
        : (long)Math.Round((decimal)MrrMinor / ActiveCustomers, 0, MidpointRounding.AwayFromZero);
}

/// <summary>One point of the MRR chart.</summary>
public sealed record MrrPoint(DateOnly Date, long MrrMinor);
