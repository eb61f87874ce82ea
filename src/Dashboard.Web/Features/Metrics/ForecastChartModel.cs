using System.Globalization;
using Dashboard.Core.Forecasts;
using Dashboard.Core.Metrics;
using Dashboard.Core.Money;
using Dashboard.Core.Timelines;

namespace Dashboard.Web.Features.Metrics;

/// <summary>
/// One month end on the forecast chart: an actual value (history) or a forecast with its range. <see cref="Raw"/>,
/// <see cref="RawLow"/> and <see cref="RawHigh"/> are minor units or customers; the chart values are in major units.
/// </summary>
public sealed record ForecastRow(string Label, DateOnly EndDate, long Raw, long RawLow, long RawHigh, double Value, double Low, double High,
    string Display, string LowDisplay, string HighDisplay, bool IsForecast)
{
    public string RangeDisplay => $"{LowDisplay} – {HighDisplay}";

    /// <summary>The month end as the chart's x value: a date axis places every series' points by date.</summary>
    public DateTime At => EndDate.ToDateTime(TimeOnly.MinValue);
}

/// <summary>
/// A forecast as the metric page draws it for <c>mrr</c> or <c>active_customers</c>: the history's month ends as a solid
/// line, the forecast continuing dashed from the last complete month with its low-high range shaded.
/// </summary>
public sealed record ForecastChartModel(
    string Metric,
    string Title,
    MetricUnit Unit,
    string Currency,
    IReadOnlyList<ForecastRow> Actual,
    IReadOnlyList<ForecastRow> Projected,
    ForecastDrivers Drivers,
    int HistoryMonths)
{
    /// <summary>The metrics a forecast exists for.</summary>
    public static readonly IReadOnlySet<string> Metrics = new HashSet<string>(StringComparer.Ordinal) { "mrr", "active_customers" };

    /// <summary>The forecast for the year's last month.</summary>
    public ForecastRow Final => Projected[^1];

    public static ForecastChartModel From(Forecast forecast, string metric)
    {
        var money = metric == "mrr";
        var unit = money ? MetricUnit.Money : MetricUnit.Count;
        var currency = forecast.Currency;
        string Show(decimal value) => money ? MoneyFormat.Full((long)value, currency) : MoneyFormat.Count(value);
        double Chart(decimal value) => MetricValues.Chart(value, unit, currency);
        ForecastRow Actual(DateOnly end, decimal value) =>
            new(Label(end), end, (long)value, (long)value, (long)value, Chart(value), Chart(value), Chart(value), Show(value), Show(value), Show(value), false);

        var actual = new List<ForecastRow>(forecast.History.Count + 1);
        foreach (var month in forecast.History)
        {
            // Each history month's start value is the end of the month before it.
            var end = month.Month.AddDays(-1);
            var value = money ? month.StartMrr : month.StartCustomers;
            actual.Add(Actual(end, value));
        }

        var last = money ? forecast.StartMrr : forecast.StartCustomers;
        var anchor = Actual(forecast.StartDate, last);
        actual.Add(anchor);

        var projected = new List<ForecastRow>(forecast.Points.Count + 1) { anchor };
        foreach (var p in forecast.Points)
        {
            var (value, low, high) = money ? (p.Mrr, p.MrrLow, p.MrrHigh) : (p.Customers, p.CustomersLow, p.CustomersHigh);
            projected.Add(new ForecastRow(Label(p.EndDate), p.EndDate, value, low, high, Chart(value), Chart(low), Chart(high), Show(value), Show(low), Show(high), true));
        }

        return new ForecastChartModel(metric, money ? "MRR" : "Active customers", unit, currency, actual, projected, forecast.Drivers, forecast.History.Count);
    }

    /// <summary>The drivers in words, for the panel's method line.</summary>
    public string DriversText
    {
        get
        {
            var d = Drivers;
            return Metric == "mrr"
                ? $"Average month of the last {HistoryMonths}: {MoneyFormat.Full((long)Math.Round(d.AddedMrr, 0, MidpointRounding.AwayFromZero), Currency)} new and reactivated MRR, " +
                  $"expansion {Percent(d.ExpansionRate)}, contraction {Percent(d.ContractionRate)}, churn {Percent(d.ChurnRate)} of MRR."
                : $"Average month of the last {HistoryMonths}: {d.AddedCustomers.ToString("#,0.#", CultureInfo.InvariantCulture)} new and reactivated customers, " +
                  $"{Percent(d.CustomerChurnRate)} of customers churned.";
        }
    }

    private static string Percent(decimal rate) => (rate * 100m).ToString("0.0#", CultureInfo.InvariantCulture) + " %";

    private static string Label(DateOnly date) => date.ToString("MMM yyyy", CultureInfo.InvariantCulture);
}
