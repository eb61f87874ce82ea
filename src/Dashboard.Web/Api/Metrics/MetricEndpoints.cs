using Dashboard.Core.Metrics;
using Dashboard.Core.Timelines;
using Dashboard.Infrastructure.Metrics;
using Dashboard.Web.Services.Metrics;
using Dashboard.Web.Api.Infrastructure;
using Dashboard.Web.Services;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Dashboard.Web.Api.Metrics;

/// <summary>
/// <c>GET /api/v1/metrics/{metric}</c>, <c>/metrics</c> (summary), <c>/metrics/{metric}/customers</c> (drill-down) and
/// <c>/metrics/cohorts</c>: thin adapters over <see cref="MetricQueryService"/>, which the pages and exports use too.
/// </summary>
public static class MetricEndpoints
{
    /// <summary>The query parameters of <see cref="MetricRequest"/>: the date range and the segment.</summary>
    private static readonly string[] RangeQuery = ["start_date", "end_date", "segment_id", "filter"];

    public static void MapMetrics(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/metrics").WithTags("Metrics");
        group.MapGet("/", SummaryAsync).AllowQuery("date", "segment_id", "filter", "compare_to");
        group.MapGet("/cohorts", CohortsAsync).AllowQuery(RangeQuery);
        group.MapGet("/{metric}", SeriesAsync).AllowQuery([.. RangeQuery, "interval", "compare_to"]);
        group.MapGet("/{metric}/customers", CustomersAsync).AllowListQuery(RangeQuery);
    }

    private static Task<Results<ApiOk<MetricSeriesResponse>, InvalidProblem, ConflictProblem>> SeriesAsync(
        string metric, HttpRequest request, MetricQueryService metrics, CancellationToken cancellationToken) =>
        RunAsync<MetricSeriesResponse>(async () =>
        {
            var range = await MetricRequest.ReadAsync(request, metrics, cancellationToken);
            var interval = request.Query["interval"] is { Count: > 0 } i ? Intervals.Parse(i.ToString()) : Interval.Month;
            var compareTo = MetricRequest.OptionalInt(request, "compare_to");
            var series = await metrics.SeriesAsync(
                new MetricQuery(metric, range.Start, range.End, interval) { Filters = range.Filters, CompareToDays = compareTo }, cancellationToken);
            var points = series.Points
                .Select(p => new MetricPointDto(MetricDtos.Day(p.Date), MetricDtos.Human(p.Date, interval), p.Value, MetricDtos.Previous(p.Previous)))
                .ToList();
            return new ApiOk<MetricSeriesResponse>(new MetricSeriesResponse(series.Metric, MetricDtos.Unit(series.Unit), series.Currency, Intervals.Name(interval), points));
        });

    private static Task<Results<ApiOk<MetricSummaryResponse>, InvalidProblem, ConflictProblem>> SummaryAsync(
        HttpRequest request, MetricQueryService metrics, CancellationToken cancellationToken) =>
        RunAsync<MetricSummaryResponse>(async () =>
        {
            var engine = await metrics.EngineAsync(cancellationToken);
            var date = MetricRequest.OptionalDate(request, "date") ?? metrics.Today(engine);
            var filters = await MetricRequest.FiltersAsync(request, metrics, cancellationToken);
            var items = (await metrics.SummaryAsync(date, filters, MetricRequest.OptionalInt(request, "compare_to"), cancellationToken))
                .Select(s => new SummaryItemDto(s.Metric, s.Title, MetricDtos.Unit(s.Unit), s.Value, MetricDtos.Previous(s.Previous)))
                .ToList();
            return new ApiOk<MetricSummaryResponse>(new MetricSummaryResponse(MetricDtos.Day(date), engine.ReportingCurrency, items));
        });

    private static Task<Results<ApiOk<DrillDownResponse>, InvalidProblem, ConflictProblem>> CustomersAsync(
        string metric, HttpRequest request, MetricQueryService metrics, CancellationToken cancellationToken) =>
        RunAsync<DrillDownResponse>(async () =>
        {
            var errors = new FieldErrors();
            var paging = Paging.From(request, errors);
            if (paging is null)
            {
                return errors.ToProblem();
            }

            var range = await MetricRequest.ReadAsync(request, metrics, cancellationToken);
            var result = await metrics.DrillDownAsync(metric, range.Start, range.End, range.Filters, cancellationToken);
            var page = result.Customers.Skip(paging.Skip).Take(paging.PerPage)
                .Select(c => new ContributionDto(c.CustomerId, c.ExternalId, c.Name, c.Email, c.Contribution,
                    c.Movements.Select(m => new MovementDto(MetricDtos.Day(m.Date), m.Kind, m.Amount)).ToList()))
                .ToList();
            var meta = new PaginationMeta(new Pagination(paging.Page, paging.PerPage, paging.Skip + paging.PerPage < result.Customers.Count));
            return new ApiOk<DrillDownResponse>(new DrillDownResponse(result.Metric, MetricDtos.Unit(result.Unit), result.Currency,
                MetricDtos.Day(result.Start), MetricDtos.Day(result.End), result.Value, result.Numerator, page, meta));
        });

    private static Task<Results<ApiOk<CohortResponse>, InvalidProblem, ConflictProblem>> CohortsAsync(
        HttpRequest request, MetricQueryService metrics, CancellationToken cancellationToken) =>
        RunAsync<CohortResponse>(async () =>
        {
            var range = await MetricRequest.ReadAsync(request, metrics, cancellationToken);
            var table = await metrics.CohortsAsync(range.Start, range.End, range.Filters, cancellationToken);
            var rows = table.Rows.Select(r => new CohortRowDto(MetricDtos.Day(r.Month), r.Customers, r.StartingMrr,
                    r.Periods.Select(c => new CohortCellDto(c.Period, MetricDtos.Day(c.Date), c.ActiveCustomers, c.Mrr, c.ActiveShare, c.MrrShare)).ToList()))
                .ToList();
            return new ApiOk<CohortResponse>(new CohortResponse(table.Currency, rows));
        });

    /// <summary>Turns the engine's and the request's errors into problem details naming the parameter at fault.</summary>
    /// <remarks>A bad query string is a 400; an amount the configured FX rates cannot convert is a 409 naming <c>fx_rates</c>.</remarks>
    private static async Task<Results<ApiOk<T>, InvalidProblem, ConflictProblem>> RunAsync<T>(Func<Task<Results<ApiOk<T>, InvalidProblem>>> handler)
    {
        try
        {
            return await handler() switch
            {
                { Result: ApiOk<T> ok } => ok,
                var failed => (InvalidProblem)failed.Result,
            };
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
