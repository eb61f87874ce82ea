using System.Text.Json;
using Dashboard.Testing;

namespace Dashboard.Web.Tests.Hosting;

/// <summary>The README's run command (`dotnet run --project src/Dashboard.Web`) uses this profile.</summary>
public sealed class LaunchSettingsTests
{
    [Fact]
    public void Dotnet_run_starts_the_production_environment_on_localhost_5080()
    {
        var file = Path.Combine(RepositoryPaths.Root, "src", "Dashboard.Web", "Properties", "launchSettings.json");
        using var json = JsonDocument.Parse(File.ReadAllText(file));

        var profile = Assert.Single(json.RootElement.GetProperty("profiles").EnumerateObject()).Value;

        Assert.Equal("Production", profile.GetProperty("environmentVariables").GetProperty("ASPNETCORE_ENVIRONMENT").GetString());
        Assert.Equal("http://localhost:5080", profile.GetProperty("applicationUrl").GetString());
    }
}
