namespace Dashboard.Core.Metrics;

/// <summary>
/// The customers behind a metric over start..end (taken as one bucket and window). <see cref="Numerator"/> is the
/// sum of the customers' exact shares and each row's <see cref="CustomerContribution.Contribution"/> one share; MRR
/// amounts are summed exactly and the numerator rounded once to a minor unit, and the MRR rows are rounded together by
/// largest remainder (<see cref="Money.LargestRemainder"/>), so every row list sums exactly to the numerator (counts and
/// cash amounts are whole and need no rounding).
/// For sums and counts <see cref="Value"/> is the numerator, for averages and rates it is the exact numerator over the
/// denominator, rounded (e.g. customer_churn_rate lists the churned customers, arpu the paying customers' MRR).
/// </summary>
public sealed record DrillDownResult(
    string Metric,
    MetricUnit Unit,
    string Currency,
    DateOnly Start,
    DateOnly End,
    decimal? Value,
    decimal Numerator,
    IReadOnlyList<CustomerContribution> Customers);

/// <summary>One customer's share, with the MRR movements it had in the window (amounts in reporting minor units).</summary>
public sealed record CustomerContribution(
    long CustomerId,
    string ExternalId,
    string? Name,
    string? Email,
    decimal Contribution,
    IReadOnlyList<MovementEntry> Movements);

/// <summary>
/// An MRR movement: kind is new, expansion, contraction, churn or reactivation. <see cref="Amount"/> is the change of
/// the customer's MRR rounded to a minor unit (rounded after minus rounded before), so a customer's movements add up to
/// its rounded MRR.
/// </summary>
public sealed record MovementEntry(DateOnly Date, string Kind, long Amount);

/// <summary>Cohort triangle: customers grouped by the month of their first new movement.</summary>
public sealed record CohortTable(string Currency, IReadOnlyList<CohortRow> Rows);

/// <summary>
/// One cohort. <see cref="StartingMrr"/> is the sum of the MRR each member started with (its new movement); period 0 is
/// the cohort month itself, measured at its end.
/// </summary>
public sealed record CohortRow(DateOnly Month, int Customers, long StartingMrr, IReadOnlyList<CohortCell> Periods);

/// <summary>The cohort at the end of month <see cref="Period"/> after its start (or at the query end, if earlier).</summary>
public sealed record CohortCell(int Period, DateOnly Date, int ActiveCustomers, long Mrr, decimal? ActiveShare, decimal? MrrShare);
