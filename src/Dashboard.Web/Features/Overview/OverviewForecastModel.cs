using System.Globalization;
using Dashboard.Core.Forecasts;
using Dashboard.Core.Metrics;
using Dashboard.Web.Features.Metrics;

namespace Dashboard.Web.Features.Overview;

/// <summary>
/// One figure of the Overview's forecast card: the forecast at the end of its twelfth month with the low and high
/// edges of its range (<see cref="Value"/>, <see cref="Low"/>, <see cref="High"/> in minor units or customers).
/// </summary>
public sealed record OverviewForecastFigure(string Metric, string Title, long Value, long Low, long High, string Display, string LowDisplay, string HighDisplay);

/// <summary>
/// The Overview's forecast card (docs/metrics.md, "Forecasts"): projected MRR and active customers twelve months
/// after the last complete month, for the Overview's filters, from the same <see cref="Forecast"/> as
/// <c>GET /api/v1/metrics/forecast</c> and the metric pages' forecast panel. With too little history
/// <see cref="Figures"/> is empty and <see cref="MissingHistory"/> says what is needed.
/// </summary>
public sealed record OverviewForecastModel(
    DateOnly FirstMonth,
    DateOnly LastMonth,
    DateOnly EndDate,
    int HistoryMonths,
    int MonthsWithCustomers,
    IReadOnlyList<OverviewForecastFigure> Figures,
    string Href)
{
    /// <summary>How many complete months with paying customers at their start a forecast needs to be shown.</summary>
    public const int NeededMonths = EngineForecast.MinHistoryMonths;

    public bool HasForecast => Figures.Count > 0;

    /// <summary>"By the end of Nov 2027".</summary>
    public string EndLabel => "By the end of " + EndDate.ToString("MMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>The months the trend comes from: "Jun 2026 – Nov 2026".</summary>
    public string HistoryText => $"{Month(FirstMonth)} – {Month(LastMonth)}";

    /// <summary>"Continuing the trend of the last 6 complete months (Jun 2026 – Nov 2026)."</summary>
    public string Basis => $"Continuing the trend of the last {HistoryMonths} complete months ({HistoryText}).";

    /// <summary>The empty state's text: what a forecast needs and what these filters have; null when there is a forecast.</summary>
    public string? MissingHistory => HasForecast
        ? null
        : $"A forecast needs at least {NeededMonths} complete months that start with paying customers; "
          + $"{(MonthsWithCustomers == 0 ? "there is none" : MonthsWithCustomers == 1 ? "there is 1" : $"there are {MonthsWithCustomers}")} "
          + $"in the last {HistoryMonths} ({HistoryText}) for this view.";

    /// <param name="forecast">The forecast for the Overview's filters.</param>
    /// <param name="query">The Overview's view as a query string, carried into the link to the MRR page's forecast.</param>
    public static OverviewForecastModel From(Forecast forecast, string query)
    {
        ArgumentNullException.ThrowIfNull(forecast);
        var monthsWithCustomers = forecast.History.Count(m => m.StartMrr > 0);
        var last = forecast.Points[^1];
        var currency = forecast.Currency;
        IReadOnlyList<OverviewForecastFigure> figures = [];
        if (monthsWithCustomers >= NeededMonths)
        {
            // One group of headline figures: whole units when any amount of it reaches 1,000 (docs/ui.md, "Number format").
            var style = MetricValues.HeadlineStyle(new decimal?[] { last.Mrr, last.MrrLow, last.MrrHigh }.Select(v => (v, MetricUnit.Money)), currency);
            string Money(long v) => MetricValues.Headline(v, MetricUnit.Money, currency, style);
            string Count(long v) => MetricValues.Headline(v, MetricUnit.Count, currency, style);
            figures =
            [
                new("mrr", "MRR", last.Mrr, last.MrrLow, last.MrrHigh, Money(last.Mrr), Money(last.MrrLow), Money(last.MrrHigh)),
                new("active_customers", "Active customers", last.Customers, last.CustomersLow, last.CustomersHigh,
                    Count(last.Customers), Count(last.CustomersLow), Count(last.CustomersHigh)),
            ];
        }

        var href = "metrics/mrr" + (query.Length == 0 ? string.Empty : "?" + query) + "#forecast-title";
        return new OverviewForecastModel(forecast.History[0].Month, forecast.History[^1].Month, last.EndDate, forecast.History.Count, monthsWithCustomers, figures, href);
    }

    private static string Month(DateOnly date) => date.ToString("MMM yyyy", CultureInfo.InvariantCulture);
}
