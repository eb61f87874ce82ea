using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;

namespace Dashboard.Web;

/// <summary>
/// The app's settings file lives at the repository root (appsettings.json) and is copied next to the binaries.
/// It is added as the lowest-priority source, so environment variables and the command line still override it.
/// </summary>
public static class RepositorySettings
{
    public const string FileName = "appsettings.json";

    public static void AddRepositorySettings(this ConfigurationManager configuration)
    {
        var source = new JsonConfigurationSource
        {
            FileProvider = new PhysicalFileProvider(AppContext.BaseDirectory),
            Path = FileName,
            Optional = false,
            ReloadOnChange = false,
        };
        configuration.Sources.Insert(0, source);
    }
}
