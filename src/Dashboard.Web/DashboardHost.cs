using Dashboard.Web.Hosting;

namespace Dashboard.Web;

/// <summary>How the app's builder is made, shared by Program and the configuration tests.</summary>
public static class DashboardHost
{
    /// <summary>
    /// A web application builder whose configuration is, from lowest to highest priority: the repository-root
    /// appsettings.json, the usual ASP.NET Core sources (appsettings.{Environment}.json, user secrets in
    /// Development), environment variables (<c>Reporting__Currency</c>) and the command line.
    /// </summary>
    public static WebApplicationBuilder CreateBuilder(WebApplicationOptions options)
    {
        var builder = WebApplication.CreateBuilder(options);
        builder.Configuration.AddRepositorySettings();
        builder.UseBuildStaticAssets();
        return builder;
    }
}
