namespace Dashboard.Core.Forecasts;

/// <summary>
/// One complete month of history a forecast learns from. Amounts are reporting minor units; losses (contraction,
/// churn) are positive amounts. <see cref="StartMrr"/> and <see cref="StartCustomers"/> are the values at the end of
/// the month before.
/// </summary>
public sealed record ForecastMonth(
    DateOnly Month,
    decimal StartMrr,
    decimal NewMrr,
    decimal ReactivationMrr,
    decimal ExpansionMrr,
    decimal ContractionMrr,
    decimal ChurnedMrr,
    decimal StartCustomers,
    decimal NewCustomers,
    decimal Reactivations,
    decimal ChurnedCustomers)
{
    /// <summary>MRR added by customers who were not paying: new plus reactivation MRR.</summary>
    public decimal AddedMrr => NewMrr + ReactivationMrr;

    /// <summary>Customers added: new customers plus reactivations.</summary>
    public decimal AddedCustomers => NewCustomers + Reactivations;

    /// <summary>Expansion as a share of the MRR at the month's start; null when it started with no MRR.</summary>
    public decimal? ExpansionRate => Share(ExpansionMrr, StartMrr);

    public decimal? ContractionRate => Share(ContractionMrr, StartMrr);

    public decimal? ChurnRate => Share(ChurnedMrr, StartMrr);

    /// <summary>What the month's existing MRR changed by, as a share: expansion minus contraction minus churn.</summary>
    public decimal? RetentionChange => StartMrr == 0 ? null : (ExpansionMrr - ContractionMrr - ChurnedMrr) / StartMrr;

    /// <summary>Churned customers as a share of the customers paying at the month's start.</summary>
    public decimal? CustomerChurnRate => Share(ChurnedCustomers, StartCustomers);

    private static decimal? Share(decimal part, decimal whole) => whole == 0 ? null : part / whole;
}

/// <summary>The monthly movement rates and amounts a forecast repeats, central and at the edges of its range.</summary>
public sealed record ForecastDrivers(
    decimal AddedMrr,
    decimal ExpansionRate,
    decimal ContractionRate,
    decimal ChurnRate,
    decimal AddedCustomers,
    decimal CustomerChurnRate,
    decimal LowAddedMrr,
    decimal HighAddedMrr,
    decimal LowRetentionChange,
    decimal HighRetentionChange,
    decimal LowAddedCustomers,
    decimal HighAddedCustomers,
    decimal HighCustomerChurnRate,
    decimal LowCustomerChurnRate)
{
    /// <summary>The central monthly change of existing MRR: expansion minus contraction minus churn.</summary>
    public decimal RetentionChange => ExpansionRate - ContractionRate - ChurnRate;
}

/// <summary>
/// The forecast at the end of one future month: MRR in reporting minor units and active customers, each with the low
/// and high edge of its range, rounded once for output (MRR to a minor unit, customers to a whole customer).
/// </summary>
public sealed record ForecastPoint(DateOnly Month, DateOnly EndDate, long Mrr, long MrrLow, long MrrHigh, long Customers, long CustomersLow, long CustomersHigh);

/// <summary>
/// A forecast: the history it learnt from, the drivers it repeats and one point per future month, starting from MRR
/// and customers at <see cref="StartDate"/> (the end of the last complete month).
/// </summary>
public sealed record Forecast(
    string Currency,
    DateOnly StartDate,
    long StartMrr,
    long StartCustomers,
    IReadOnlyList<ForecastMonth> History,
    ForecastDrivers Drivers,
    IReadOnlyList<ForecastPoint> Points);
