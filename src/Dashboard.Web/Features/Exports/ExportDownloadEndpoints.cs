using System.Globalization;
using Dashboard.Web.Auth;
using Dashboard.Web.Services.Exports;

namespace Dashboard.Web.Features.Exports;

/// <summary>
/// <c>GET /exports/{id}/runs/{run_id}.csv</c>: a run's stored file for the Exports page, served to every signed-in user
/// (viewers too, like the pages) with <c>Cache-Control: no-store</c>.
/// </summary>
public static class ExportDownloadEndpoints
{
    public static IEndpointRouteBuilder MapExportDownloads(this IEndpointRouteBuilder app)
    {
        app.MapGet("/exports/{id:long}/runs/{file}", DownloadAsync).ExcludeFromDescription().RequireAuthorization(DashboardPolicies.Read);
        return app;
    }

    public static string Href(long exportId, long runId) => string.Create(CultureInfo.InvariantCulture, $"exports/{exportId}/runs/{runId}.csv");

    private static async Task<IResult> DownloadAsync(long id, string file, HttpResponse response, ExportService exports, CancellationToken cancellationToken)
    {
        if (!file.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) ||
            !long.TryParse(file[..^4], NumberStyles.None, CultureInfo.InvariantCulture, out var runId) ||
            await exports.OpenFileAsync(id, runId, cancellationToken) is not { } stream)
        {
            return Results.NotFound();
        }

        response.Headers.CacheControl = "no-store";
        return Results.Stream(stream, "text/csv; charset=utf-8", string.Create(CultureInfo.InvariantCulture, $"export-{id}-run-{runId}.csv"));
    }
}
