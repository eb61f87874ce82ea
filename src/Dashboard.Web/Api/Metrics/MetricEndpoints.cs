using Dashboard.Core.Metrics;
using Dashboard.Core.Segments;
using Dashboard.Core.Timelines;
using Dashboard.Infrastructure.Data;
using Dashboard.Web.Api.Plans;
using Microsoft.EntityFrameworkCore;
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
        group.MapGet("/", SummaryAsync).AllowQuery([.. RangeQuery, "date"]);
        group.MapGet("/cohorts", CohortsAsync).AllowQuery([.. RangeQuery, "format"]);
        group.MapGet("/{metric}", SeriesAsync).AllowQuery([.. RangeQuery, "interval", "compare_to"]);
        group.MapGet("/{metric}/customers", CustomersAsync).AllowListQuery(RangeQuery);
        group.MapGet("/{metric}/plans", PlansAsync).AllowQuery(RangeQuery);
    }

    private static Task<Results<ApiOk<MetricSeriesResponse>, InvalidProblem, ConflictProblem>> SeriesAsync(
        string metric, HttpRequest request, MetricQueryService metrics, CancellationToken cancellationToken) =>
        RunAsync<MetricSeriesResponse>(async () =>
        {
            var range = await MetricRequest.ReadAsync(request, metrics, cancellationToken);
            // Daily points when no interval is given, as Baremetrics answers.
            var interval = request.Query["interval"] is { Count: > 0 } i ? Intervals.Parse(i.ToString()) : Interval.Day;
            var compareTo = MetricRequest.OptionalInt(request, "compare_to");
            var series = await metrics.SeriesAsync(
                new MetricQuery(metric, range.Start, range.End, interval) { Filters = range.Filters, CompareToDays = compareTo }, cancellationToken);
            var points = series.Points.Select(p => MetricDtos.Point(p, compareTo)).ToList();
            return new ApiOk<MetricSeriesResponse>(new MetricSeriesResponse(series.Metric, MetricDtos.Unit(series.Unit), series.Currency, Intervals.Name(interval), points)
            {
                Summary = MetricDtos.RangeFigure(series, compareTo),
            });
        });

    /// <summary>
    /// Baremetrics' summary: every metric for each day of start_date..end_date (both default to today; our <c>date</c>
    /// names a single day), under Baremetrics' slugs and our names.
    /// </summary>
    private static Task<Results<ApiOk<MetricSummaryResponse>, InvalidProblem, ConflictProblem>> SummaryAsync(
        HttpRequest request, MetricQueryService metrics, CancellationToken cancellationToken) =>
        RunAsync<MetricSummaryResponse>(async () =>
        {
            var engine = await metrics.EngineAsync(cancellationToken);
            var day = MetricRequest.OptionalDate(request, "date");
            var end = MetricRequest.OptionalDate(request, "end_date") ?? day ?? metrics.Today(engine);
            var start = MetricRequest.OptionalDate(request, "start_date") ?? day ?? end;
            var filters = await MetricRequest.FiltersAsync(request, metrics, cancellationToken);
            var days = await metrics.SummariesAsync(start, end, filters, cancellationToken);
            var range = await metrics.RangeSummaryAsync(start, end, filters, cancellationToken);
            return new ApiOk<MetricSummaryResponse>(new MetricSummaryResponse(engine.ReportingCurrency, days.Select(MetricDtos.SummaryPoint).ToList())
            {
                Range = MetricDtos.RangeSummary(start, end, range),
            });
        });

    /// <summary>Baremetrics' plan breakout: the metric over start_date..end_date (as the drill-down counts it) for each plan.</summary>
    private static Task<Results<ApiOk<PlanBreakoutResponse>, InvalidProblem, ConflictProblem>> PlansAsync(
        string metric, HttpRequest request, MetricQueryService metrics, DashboardDbContext db, CancellationToken cancellationToken) =>
        RunAsync<PlanBreakoutResponse>(async () =>
        {
            var definition = MetricQueryService.Metric(metric);
            var range = await MetricRequest.ReadAsync(request, metrics, cancellationToken);
            var plans = await PlanReads.WithProvider(db, db.Plans.AsNoTracking()).OrderBy(r => r.Plan.SourceId).ThenBy(r => r.Plan.Id).ToListAsync(cancellationToken);
            var engine = await metrics.EngineAsync(cancellationToken);
            var rows = new List<PlanBreakoutDto>(plans.Count);
            foreach (var row in plans)
            {
                var filters = range.Filters.Append(new SegmentFilter(SegmentFilter.PlanField, FilterOperator.Eq, row.Plan.ExternalId)).ToList();
                var result = await metrics.DrillDownAsync(definition.Name, range.Start, range.End, filters, cancellationToken);
                rows.Add(new PlanBreakoutDto(MetricDtos.Unix(range.End), MetricDtos.Day(range.End), result.Value, PlanDto.From(row.Plan, row.Provider)));
            }

            return new ApiOk<PlanBreakoutResponse>(new PlanBreakoutResponse(definition.Name, MetricDtos.Unit(definition.Unit), engine.ReportingCurrency, rows));
        });

    private static Task<Results<ApiOk<DrillDownResponse>, InvalidProblem, ConflictProblem>> CustomersAsync(
        string metric, HttpRequest request, MetricQueryService metrics, DashboardDbContext db, CustomerNumbers numbers, CancellationToken cancellationToken) =>
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
            var baremetrics = await DrillDownPoints.ForAsync(db, result, page, await numbers.ForReadAsync(cancellationToken), cancellationToken);
            return new ApiOk<DrillDownResponse>(new DrillDownResponse(result.Metric, MetricDtos.Unit(result.Unit), result.Currency,
                MetricDtos.Day(result.Start), MetricDtos.Day(result.End), result.Value, result.Numerator, page, meta, baremetrics));
        });

    /// <summary>
    /// Monthly cohorts over start_date..end_date: Baremetrics' list (a top-level array of cohorts with their
    /// <c>cells</c>) by default, our table (<c>{currency, cohorts}</c>) with <c>format=table</c>.
    /// </summary>
    private static async Task<Results<ApiOk<IReadOnlyList<BaremetricsCohortDto>>, ApiOkAlternative<CohortResponse>, InvalidProblem, ConflictProblem>> CohortsAsync(
        HttpRequest request, MetricQueryService metrics, CancellationToken cancellationToken)
    {
        var format = request.Query["format"].ToString();
        if (format is not ("" or "table"))
        {
            return ApiProblems.Validation("format", "must be 'table' (the dashboard's table) or left out (Baremetrics' list of cohorts)");
        }

        if (format == "table")
        {
            return (await RunAsync<CohortResponse>(async () =>
            {
                var table = await CohortTableAsync(request, metrics, cancellationToken);
                var rows = table.Rows.Select(r => new CohortRowDto(MetricDtos.Day(r.Month), r.Customers, r.StartingMrr,
                        r.Periods.Select(c => new CohortCellDto(c.Period, MetricDtos.Day(c.Date), c.ActiveCustomers, c.Mrr, c.ActiveShare, c.MrrShare)).ToList()))
                    .ToList();
                return new ApiOk<CohortResponse>(new CohortResponse(table.Currency, rows));
            })).Result switch
            {
                ApiOk<CohortResponse> ok => new ApiOkAlternative<CohortResponse>(ok.Value),
                ConflictProblem conflict => conflict,
                var invalid => (InvalidProblem)invalid,
            };
        }

        return (await RunAsync<IReadOnlyList<BaremetricsCohortDto>>(async () =>
        {
            var table = await CohortTableAsync(request, metrics, cancellationToken);
            return new ApiOk<IReadOnlyList<BaremetricsCohortDto>>(table.Rows.Select(r => BaremetricsCohortDto.From(r, table.Currency)).ToList());
        })).Result switch
        {
            ApiOk<IReadOnlyList<BaremetricsCohortDto>> ok => ok,
            ConflictProblem conflict => conflict,
            var invalid => (InvalidProblem)invalid,
        };
    }

    private static async Task<CohortTable> CohortTableAsync(HttpRequest request, MetricQueryService metrics, CancellationToken cancellationToken)
    {
        var range = await MetricRequest.ReadAsync(request, metrics, cancellationToken);
        return await metrics.CohortsAsync(range.Start, range.End, range.Filters, cancellationToken);
    }

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
