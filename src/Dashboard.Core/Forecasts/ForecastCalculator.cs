namespace Dashboard.Core.Forecasts;

/// <summary>
/// Projects MRR and active customers month by month from the recent trend (docs/metrics.md, "Forecasts"), in exact
/// decimal arithmetic. Each future month repeats the history's averages:
/// MRR' = MRR x (1 + expansion rate - contraction rate - churn rate) + (new + reactivation MRR), and
/// customers' = customers x (1 - customer churn rate) + (new customers + reactivations).
/// The low edge repeats the worst month of the history every month (its lowest change of existing MRR and its lowest
/// added MRR; its highest customer churn rate and fewest added customers), the high edge the best, so the range
/// widens with the spread of the months it learnt from.
/// </summary>
public static class ForecastCalculator
{
    /// <summary>How many future months a forecast covers.</summary>
    public const int FutureMonths = 12;

    /// <summary>The drivers of <paramref name="history"/>: averages of the rates and amounts, and their extremes.</summary>
    /// <remarks>
    /// Amounts average over every month; rates over the months that started with MRR (or customers), as a rate of
    /// nothing is undefined. With no such month the rates are 0.
    /// </remarks>
    public static ForecastDrivers Drivers(IReadOnlyList<ForecastMonth> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        if (history.Count == 0)
        {
            throw new ArgumentException("A forecast needs at least one month of history.", nameof(history));
        }

        var retention = history.Select(m => m.RetentionChange).OfType<decimal>().ToList();
        var customerChurn = history.Select(m => m.CustomerChurnRate).OfType<decimal>().ToList();
        return new ForecastDrivers(
            AddedMrr: history.Average(m => m.AddedMrr),
            ExpansionRate: Average(history.Select(m => m.ExpansionRate)),
            ContractionRate: Average(history.Select(m => m.ContractionRate)),
            ChurnRate: Average(history.Select(m => m.ChurnRate)),
            AddedCustomers: history.Average(m => m.AddedCustomers),
            CustomerChurnRate: Average(customerChurn.Cast<decimal?>()),
            LowAddedMrr: history.Min(m => m.AddedMrr),
            HighAddedMrr: history.Max(m => m.AddedMrr),
            LowRetentionChange: retention.Count == 0 ? 0 : retention.Min(),
            HighRetentionChange: retention.Count == 0 ? 0 : retention.Max(),
            LowAddedCustomers: history.Min(m => m.AddedCustomers),
            HighAddedCustomers: history.Max(m => m.AddedCustomers),
            HighCustomerChurnRate: customerChurn.Count == 0 ? 0 : customerChurn.Max(),
            LowCustomerChurnRate: customerChurn.Count == 0 ? 0 : customerChurn.Min());
    }

    /// <summary>
    /// <see cref="ForecastCalculator.FutureMonths"/> months after <paramref name="startDate"/> (the last day of a
    /// month), starting from <paramref name="startMrr"/> (minor units) and <paramref name="startCustomers"/>.
    /// </summary>
    public static Forecast Project(string currency, DateOnly startDate, long startMrr, long startCustomers, IReadOnlyList<ForecastMonth> history)
    {
        if (startDate.AddDays(1).Day != 1)
        {
            throw new ArgumentException($"A forecast starts at the end of a month, not {startDate:yyyy-MM-dd}.", nameof(startDate));
        }

        var d = Drivers(history);
        decimal mrr = startMrr, mrrLow = startMrr, mrrHigh = startMrr;
        decimal customers = startCustomers, customersLow = startCustomers, customersHigh = startCustomers;
        var points = new List<ForecastPoint>(FutureMonths);
        var month = startDate.AddDays(1);
        for (var i = 0; i < FutureMonths; i++)
        {
            mrr = Floor(mrr * (1 + d.RetentionChange) + d.AddedMrr);
            mrrLow = Floor(mrrLow * (1 + d.LowRetentionChange) + d.LowAddedMrr);
            mrrHigh = Floor(mrrHigh * (1 + d.HighRetentionChange) + d.HighAddedMrr);
            customers = Floor(customers * (1 - d.CustomerChurnRate) + d.AddedCustomers);
            customersLow = Floor(customersLow * (1 - d.HighCustomerChurnRate) + d.LowAddedCustomers);
            customersHigh = Floor(customersHigh * (1 - d.LowCustomerChurnRate) + d.HighAddedCustomers);
            var next = month.AddMonths(1);
            points.Add(new ForecastPoint(month, next.AddDays(-1), Round(mrr), Round(mrrLow), Round(mrrHigh),
                Round(customers), Round(customersLow), Round(customersHigh)));
            month = next;
        }

        return new Forecast(currency, startDate, startMrr, startCustomers, history, d, points);
    }

    private static decimal Average(IEnumerable<decimal?> values)
    {
        var known = values.OfType<decimal>().ToList();
        return known.Count == 0 ? 0 : known.Sum() / known.Count;
    }

    /// <summary>A projection cannot go below zero: a business cannot lose more MRR or customers than it has.</summary>
    private static decimal Floor(decimal value) => value < 0 ? 0 : value;

    private static long Round(decimal value) => (long)Math.Round(value, 0, MidpointRounding.AwayFromZero);
}
