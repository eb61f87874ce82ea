using Dashboard.Core.Forecasts;
using Dashboard.Core.Metrics;
using Dashboard.Core.Timelines;
using Dashboard.Web.Api.Infrastructure;
using Dashboard.Web.Services.Metrics;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Dashboard.Web.Api.Metrics;

/// <summary><c>GET /api/v1/metrics/forecast</c>: MRR and active customers for the next 12 months, over <see cref="ForecastService"/>.</summary>
public static class ForecastEndpoints
{
    public static void MapForecast(this RouteGroupBuilder api) =>
        api.MapGroup("/metrics").WithTags("Metrics")
            .MapGet("/forecast", ForecastAsync)
            .AllowQuery("segment_id", "filter", "months");

    private static async Task<Results<ApiOk<ForecastResponse>, InvalidProblem, ConflictProblem>> ForecastAsync(
        HttpRequest request, MetricQueryService metrics, ForecastService forecasts, CancellationToken cancellationToken)
    {
        try
        {
            var months = MetricRequest.OptionalInt(request, "months") ?? EngineForecast.DefaultHistoryMonths;
            var filters = await MetricRequest.FiltersAsync(request, metrics, cancellationToken);
            var forecast = await forecasts.ForecastAsync(filters, months, cancellationToken);
            return new ApiOk<ForecastResponse>(ForecastResponse.From(forecast));
        }
        catch (MetricQueryException ex)
        {
            return ApiProblems.Validation(ex.Parameter, ex.Message);
        }
        catch (MissingFxRateException ex)
        {
            return ApiProblems.Conflict("fx_rates", ex.Message);
        }
    }
}

/// <summary>
/// The forecast: money in integer minor units of <see cref="Currency"/>; <see cref="StartDate"/> is the end of the last
/// complete month, from which <see cref="Points"/> continue month by month; <see cref="History"/> the months it learnt from.
/// </summary>
public sealed record ForecastResponse(
    string Currency,
    string StartDate,
    long StartMrr,
    long StartCustomers,
    string Method,
    ForecastDriversDto Drivers,
    IReadOnlyList<ForecastHistoryDto> History,
    IReadOnlyList<ForecastPointDto> Points)
{
    public const string MethodText =
        "Each month repeats the averages of the history: MRR x (1 + expansion rate - contraction rate - churn rate) + new and reactivation MRR; " +
        "customers x (1 - customer churn rate) + new customers and reactivations. The low and high edges repeat the worst and the best month.";

    public static ForecastResponse From(Forecast f) => new(
        f.Currency,
        MetricDtos.Day(f.StartDate),
        f.StartMrr,
        f.StartCustomers,
        MethodText,
        new ForecastDriversDto(Round(f.Drivers.AddedMrr, 2), Percent(f.Drivers.ExpansionRate), Percent(f.Drivers.ContractionRate), Percent(f.Drivers.ChurnRate),
            Round(f.Drivers.AddedCustomers, 2), Percent(f.Drivers.CustomerChurnRate)),
        f.History.Select(m => new ForecastHistoryDto(MetricDtos.Day(m.Month), m.StartMrr, m.NewMrr, m.ReactivationMrr, m.ExpansionMrr, m.ContractionMrr,
            m.ChurnedMrr, m.StartCustomers, m.NewCustomers, m.Reactivations, m.ChurnedCustomers)).ToList(),
        f.Points.Select(p => new ForecastPointDto(MetricDtos.Day(p.Month), MetricDtos.Day(p.EndDate), p.Mrr, p.MrrLow, p.MrrHigh,
            p.Customers, p.CustomersLow, p.CustomersHigh)).ToList());

    private static decimal Percent(decimal rate) => Round(rate * 100m, 4);

    private static decimal Round(decimal value, int places) => Math.Round(value, places, MidpointRounding.AwayFromZero);
}

/// <summary>The monthly averages the forecast repeats: amounts in minor units, rates in percent of MRR (or customers) at a month's start.</summary>
public sealed record ForecastDriversDto(
    decimal AddedMrr,
    decimal ExpansionRate,
    decimal ContractionRate,
    decimal ChurnRate,
    decimal AddedCustomers,
    decimal CustomerChurnRate);

/// <summary>One complete month of history: losses as positive amounts.</summary>
public sealed record ForecastHistoryDto(
    string Month,
    decimal StartMrr,
    decimal NewMrr,
    decimal ReactivationMrr,
    decimal ExpansionMrr,
    decimal ContractionMrr,
    decimal ChurnedMrr,
    decimal StartCustomers,
    decimal NewCustomers,
    decimal Reactivations,
    decimal ChurnedCustomers);

/// <summary>The forecast at the end of one future month, with the low and high edges of its range.</summary>
public sealed record ForecastPointDto(string Month, string EndDate, long Mrr, long MrrLow, long MrrHigh, long Customers, long CustomersLow, long CustomersHigh);
