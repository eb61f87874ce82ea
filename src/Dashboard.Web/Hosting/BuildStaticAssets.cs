namespace Dashboard.Web.Hosting;

public static class BuildStaticAssets
{
    /// <summary>
    /// Serves the static web assets of a build (not a publish) in every environment, not only in Development:
    /// `dotnet run` keeps Radzen's _content and _framework/blazor.web.js where the build left them and lists them in
    /// Dashboard.Web.staticwebassets.runtime.json, which ASP.NET Core reads on its own only in Development. A
    /// published app has no such file (its assets are in its wwwroot), and then this does nothing.
    /// </summary>
    public static WebApplicationBuilder UseBuildStaticAssets(this WebApplicationBuilder builder)
    {
        builder.WebHost.UseStaticWebAssets();
        return builder;
    }
}
