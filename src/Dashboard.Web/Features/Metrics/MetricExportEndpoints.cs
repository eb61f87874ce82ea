using Dashboard.Core.Metrics;
using Dashboard.Core.Timelines;
using Dashboard.Web.Auth;
using Dashboard.Web.Services.Metrics;

namespace Dashboard.Web.Features.Metrics;

/// <summary>
/// <c>GET /export/metrics/{name}.csv</c> with the metric page's own query string: the CSV of what the page shows.
/// Served to every signed-in role like the pages (the Read policy) (the REST API's keys are not needed); the CSV is written from the
/// same <see cref="MetricQueryService"/> series the page shows, not from the page's view model.
/// <c>GET /export/metrics/{name}/customers.csv</c> with the page's query string plus the drilled window (<c>from</c>,
/// <c>to</c>): every row of the drill-down (<see cref="DrillDownCsv"/>), from the same drill-down call the page makes.
/// </summary>
public static class MetricExportEndpoints
{
    public static IEndpointRouteBuilder MapMetricExports(this IEndpointRouteBuilder app)
    {
        app.MapGet("/export/metrics/{file}", ExportAsync).RequireAuthorization(DashboardPolicies.Read).ExcludeFromDescription();
        app.MapGet("/export/metrics/{name}/customers.csv", ExportDrillDownAsync).RequireAuthorization(DashboardPolicies.Read).ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> ExportAsync(string file, HttpRequest request, MetricQueryService metrics, CancellationToken cancellationToken)
    {
        if (!file.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
        {
            return Results.NotFound();
        }

        var name = file[..^4];
        var q = request.Query;
        var state = MetricViewState.Parse(q["range"], q["start"], q["end"], q["interval"], q["compare"], q["filter"].Where(f => f is not null)!, q["segment_id"]);
        try
        {
            var data = await metrics.SeriesAsync(name, state, cancellationToken);
            var csv = MetricSeriesCsv.Write(data, state.Compare);
            return Results.File(System.Text.Encoding.UTF8.GetBytes(csv), "text/csv; charset=utf-8", MetricSeriesCsv.FileName(data));
        }
        catch (Exception exception) when (exception is MetricQueryException or MissingFxRateException)
        {
            return Results.Problem(exception.Message, statusCode: StatusCodes.Status400BadRequest);
        }
    }

    private static async Task<IResult> ExportDrillDownAsync(string name, HttpRequest request, MetricQueryService metrics, CancellationToken cancellationToken)
    {
        var q = request.Query;
        if (!TryDay(q["from"], out var from) || !TryDay(q["to"], out var to) || to < from)
        {
            return Results.Problem("from and to must be days (yyyy-MM-dd), from not after to.", statusCode: StatusCodes.Status400BadRequest);
        }

        var state = MetricViewState.Parse(q["range"], q["start"], q["end"], q["interval"], q["compare"], q["filter"].Where(f => f is not null)!, q["segment_id"]);
        try
        {
            var metric = MetricCatalog.Get(name);
            var filters = await metrics.FiltersAsync(state, cancellationToken);
            var result = await metrics.DrillDownAsync(metric.Name, from, to, filters, cancellationToken);
            var view = DrillDownView.From(result, metric, metric.Title);
            var csv = DrillDownCsv.Write(metric.Name, view);
            return Results.File(System.Text.Encoding.UTF8.GetBytes(csv), "text/csv; charset=utf-8", DrillDownCsv.FileName(metric.Name, view));
        }
        catch (Exception exception) when (exception is MetricQueryException or MissingFxRateException)
        {
            return Results.Problem(exception.Message, statusCode: StatusCodes.Status400BadRequest);
        }
    }

    private static bool TryDay(string? text, out DateOnly day) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out day);
}
