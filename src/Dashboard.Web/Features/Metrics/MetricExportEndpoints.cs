using Dashboard.Core.Metrics;
using Dashboard.Core.Timelines;

namespace Dashboard.Web.Features.Metrics;

/// <summary>
/// <c>GET /export/metrics/{name}.csv</c> with the metric page's own query string: the CSV of what the page shows.
/// Served to the dashboard's users like the pages (the REST API's keys are not needed).
/// </summary>
public static class MetricExportEndpoints
{
    public static IEndpointRouteBuilder MapMetricExports(this IEndpointRouteBuilder app)
    {
        app.MapGet("/export/metrics/{file}", ExportAsync).ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> ExportAsync(string file, HttpRequest request, MetricViewQuery query, CancellationToken cancellationToken)
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
            var data = await query.SeriesAsync(name, state, cancellationToken);
            var csv = MetricPageModel.From(data, state.Compare).ToCsv();
            var fileName = $"{data.Metric.Name}-{MetricViewState.Day(data.Start)}-{MetricViewState.Day(data.End)}-{Intervals.Name(data.Interval)}.csv";
            return Results.File(System.Text.Encoding.UTF8.GetBytes(csv), "text/csv; charset=utf-8", fileName);
        }
        catch (Exception exception) when (exception is MetricQueryException or MissingFxRateException)
        {
            return Results.Problem(exception.Message, statusCode: StatusCodes.Status400BadRequest);
        }
    }
}
