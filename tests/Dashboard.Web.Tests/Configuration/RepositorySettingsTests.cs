using System.Text.Json;
using Dashboard.Testing;
using Microsoft.AspNetCore.Builder;

namespace Dashboard.Web.Tests.Configuration;

/// <summary>
/// The app reads the repository-root appsettings.json (copied next to its binaries), and environment variables and
/// the command line override it. The builder here is made exactly as Program makes it, with a content root that has
/// no appsettings.json of its own, so every value seen comes from the repository file or an override.
/// </summary>
[Collection(EnvironmentVariables.Collection)]
public sealed class RepositorySettingsTests : IDisposable
{
    private readonly string contentRoot = Directory.CreateTempSubdirectory("dashboard-config-").FullName;

    [Fact]
    public void The_binaries_carry_the_repository_root_settings_file()
    {
        var repositoryFile = Path.Combine(RepositoryPaths.Root, "appsettings.json");
        var copied = Path.Combine(AppContext.BaseDirectory, "appsettings.json");

        Assert.Equal(File.ReadAllText(repositoryFile), File.ReadAllText(copied));
        using var json = JsonDocument.Parse(File.ReadAllText(repositoryFile));
        Assert.Equal("USD", json.RootElement.GetProperty("Reporting").GetProperty("Currency").GetString());
    }

    [Fact]
    public void The_app_configuration_has_the_repository_settings()
    {
        var builder = DashboardHost.CreateBuilder(new WebApplicationOptions { ContentRootPath = contentRoot, Args = [] });

        Assert.Equal("Sqlite", builder.Configuration["Database:Provider"]);
        Assert.Equal("USD", builder.Configuration["Reporting:Currency"]);
        Assert.Equal("UTC", builder.Configuration["Reporting:TimeZone"]);
        Assert.Equal("True", builder.Configuration["Dashboard:SeedDemoData"], ignoreCase: true);
    }

    [Fact]
    public void Environment_variables_and_the_command_line_override_the_file()
    {
        Environment.SetEnvironmentVariable("Reporting__Currency", "EUR");
        try
        {
            var builder = DashboardHost.CreateBuilder(new WebApplicationOptions
            {
                ContentRootPath = contentRoot,
                Args = ["--Reporting:TimeZone=Europe/Paris"],
            });

            Assert.Equal("EUR", builder.Configuration["Reporting:Currency"]);
            Assert.Equal("Europe/Paris", builder.Configuration["Reporting:TimeZone"]);
            Assert.Equal("Sqlite", builder.Configuration["Database:Provider"]);
        }
        finally
        {
            Environment.SetEnvironmentVariable("Reporting__Currency", null);
        }
    }

    public void Dispose() => Directory.Delete(contentRoot, recursive: true);

}

/// <summary>Tests that set process environment variables run one at a time.</summary>
[CollectionDefinition(Collection, DisableParallelization = true)]
public sealed class EnvironmentVariables
{
    public const string Collection = "Environment variables";
}
