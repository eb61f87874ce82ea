using Dashboard.Core.Metrics;
using Dashboard.Core.Segments;

namespace Dashboard.Core.Forecasts;

/// <summary>Reads a forecast's history from the metrics engine: the same monthly figures the metric pages show.</summary>
public static class EngineForecast
{
    public const int DefaultHistoryMonths = 6;
    public const int MinHistoryMonths = 3;
    public const int MaxHistoryMonths = 12;

    /// <summary>
    /// The forecast from the <paramref name="historyMonths"/> complete months before <paramref name="today"/>'s month,
    /// for the customers <paramref name="filters"/> keep.
    /// </summary>
    /// <exception cref="MetricQueryException">A month count out of range or a bad filter.</exception>
    public static Forecast Compute(MetricsEngine engine, DateOnly today, IReadOnlyList<SegmentFilter>? filters = null, int historyMonths = DefaultHistoryMonths)
    {
        ArgumentNullException.ThrowIfNull(engine);
        if (historyMonths is < MinHistoryMonths or > MaxHistoryMonths)
        {
            throw new MetricQueryException("months", $"months must be between {MinHistoryMonths} and {MaxHistoryMonths}, not {historyMonths}.");
        }

        filters ??= [];
        var startDate = new DateOnly(today.Year, today.Month, 1).AddDays(-1);
        var firstMonth = startDate.AddDays(1).AddMonths(-historyMonths);

        // Stocks from the day before the first month (a one-day bucket) to the end of each month: N + 1 values.
        var mrr = Values(engine, "mrr", firstMonth.AddDays(-1), startDate, filters);
        var customers = Values(engine, "active_customers", firstMonth.AddDays(-1), startDate, filters);
        var flow = (string metric) => Values(engine, metric, firstMonth, startDate, filters);
        var (newMrr, reactivationMrr, expansion, contraction, churned) =
            (flow("new_mrr"), flow("reactivation_mrr"), flow("expansion_mrr"), flow("contraction_mrr"), flow("churned_mrr"));
        var (newCustomers, reactivations, churnedCustomers) = (flow("new_customers"), flow("reactivations"), flow("churned_customers"));

        var history = new List<ForecastMonth>(historyMonths);
        for (var i = 0; i < historyMonths; i++)
        {
            history.Add(new ForecastMonth(firstMonth.AddMonths(i), mrr[i], newMrr[i], reactivationMrr[i], expansion[i], -contraction[i], -churned[i],
                customers[i], newCustomers[i], reactivations[i], churnedCustomers[i]));
        }

        return ForecastCalculator.Project(engine.ReportingCurrency, startDate, (long)mrr[historyMonths], (long)customers[historyMonths], history);
    }

    private static decimal[] Values(MetricsEngine engine, string metric, DateOnly start, DateOnly end, IReadOnlyList<SegmentFilter> filters) =>
        engine.Query(new MetricQuery(metric, start, end, Interval.Month) { Filters = filters }).Points.Select(p => p.Value ?? 0).ToArray();
}
