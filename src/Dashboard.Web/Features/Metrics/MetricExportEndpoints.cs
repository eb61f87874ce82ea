using Dashboard.Core.Metrics;
using Dashboard.Core.Timelines;
using Dashboard.Web.Auth;
using Dashboard.Web.Services.Metrics;

namespace Dashboard.Web.Features.Metrics;

/// <summary>
/// <c>GET /export/metrics/{name}.csv</c> with the metric page's own query string: the CSV of what the page shows.
/// Served to every signed-in role like the pages (the Read policy) (the REST API's keys are not needed); the CSV is written from the
/// same <see cref="MetricQueryService"/> series the page shows, not from the page's view model.
/// </summary>
public static class MetricExportEndpoints
{
    public static IEndpointRouteBuilder MapMetricExports(this IEndpointRouteBuilder app)
    {
        app.MapGet("/export/metrics/{file}", ExportAsync).RequireAuthorization(DashboardPolicies.Read).ExcludeFromDescription();
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
}
