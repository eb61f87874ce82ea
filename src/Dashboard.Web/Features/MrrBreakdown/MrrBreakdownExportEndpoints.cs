using Dashboard.Core.Metrics;
using Dashboard.Core.Timelines;
using Dashboard.Web.Auth;
using Dashboard.Web.Features.Metrics;
using Dashboard.Web.Services.Metrics;

namespace Dashboard.Web.Features.MrrBreakdown;

/// <summary>
/// <c>GET /export/mrr-breakdown.csv</c> with the breakdown page's own query string (range, start, end, interval,
/// filter, segment_id): the CSV of the table the page shows, for every signed-in role (the Read policy).
/// </summary>
public static class MrrBreakdownExportEndpoints
{
    public static IEndpointRouteBuilder MapMrrBreakdownExport(this IEndpointRouteBuilder app)
    {
        app.MapGet("/export/mrr-breakdown.csv", ExportAsync).RequireAuthorization(DashboardPolicies.Read).ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> ExportAsync(HttpRequest request, MetricQueryService metrics, CancellationToken cancellationToken)
    {
        var q = request.Query;
        var state = MetricViewState.Parse(q["range"], q["start"], q["end"], q["interval"], null, q["filter"].Where(f => f is not null)!, q["segment_id"]);
        try
        {
            var data = await MrrBreakdownQuery.LoadAsync(metrics, state, cancellationToken);
            return Results.File(System.Text.Encoding.UTF8.GetBytes(MrrBreakdownCsv.Write(data.Model)), "text/csv; charset=utf-8", MrrBreakdownCsv.FileName(data.Model));
        }
        catch (Exception exception) when (exception is MetricQueryException or MissingFxRateException)
        {
            return Results.Problem(exception.Message, statusCode: StatusCodes.Status400BadRequest);
        }
    }
}
