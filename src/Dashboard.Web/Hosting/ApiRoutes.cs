namespace Dashboard.Web.Hosting;

/// <summary>Where the REST API is served, for the API's route groups and the pages that show how to call it.</summary>
public static class ApiRoutes
{
    public const string BasePath = "/api/v1";
}
