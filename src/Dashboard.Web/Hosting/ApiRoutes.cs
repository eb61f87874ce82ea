namespace Dashboard.Web.Hosting;

/// <summary>Where the REST API is served, for the API's route groups and the pages that show how to call it.</summary>
public static class ApiRoutes
{
    public const string BasePath = "/api/v1";

    /// <summary>Baremetrics' own base path, which their client libraries hard-code: the same API, not a redirect.</summary>
    public const string BaremetricsBasePath = "/v1";

    public static readonly string[] BasePaths = [BasePath, BaremetricsBasePath];

    public static bool IsApiPath(PathString path) =>
        path.StartsWithSegments(BasePath, StringComparison.OrdinalIgnoreCase) ||
        path.StartsWithSegments(BaremetricsBasePath, StringComparison.OrdinalIgnoreCase);
}
