using System.Net;
using Dashboard.Infrastructure.Data;
using Dashboard.Web.Auth;
using Dashboard.Web.Services.Exports;
using Microsoft.Extensions.DependencyInjection;
using static Dashboard.Web.Tests.Auth.AuthWebApp;

namespace Dashboard.Web.Tests.Exports;

/// <summary>
/// The Exports page and its downloads through the real pipeline: anonymous visitors sign in first; viewers see the
/// exports and download files but get no buttons to create, run, pause or delete; owners and admins get them.
/// </summary>
public sealed class ExportsPageAccessTests : IAsyncLifetime
{
    private const string Password = "Exports-pass-1";
    private ExportServer server = null!;
    private long exportId;
    private long runId;

    public async Task InitializeAsync()
    {
        // The real clock: the sign-in cookie's expiry is checked by the client against it.
        server = await ExportServer.StartAsync(DatabaseProvider.Sqlite, DateTimeOffset.UtcNow);
        var accounts = server.Services.GetRequiredService<UserAccounts>();
        foreach (var role in DashboardRoles.All)
        {
            Assert.True((await accounts.CreateAsync($"{role}@example.com", Password, role, AccountActor.CommandLine)).Succeeded);
        }

        await server.PushBusinessAsync();
        exportId = await server.CreateExportAsync(new
        {
            name = "Visible to all",
            kind = "metrics",
            metrics = new[] { "mrr" },
            schedule = new { frequency = "daily", at = "07:00" },
            deliveries = Array.Empty<object>(),
        });
        await using var scope = server.Services.CreateAsyncScope();
        runId = (await scope.ServiceProvider.GetRequiredService<ExportService>().RunHereAsync(exportId, CancellationToken.None))!.Id;
    }

    public async Task DisposeAsync() => await server.DisposeAsync();

    private string Download => $"/exports/{exportId}/runs/{runId}.csv";

    [Fact]
    public async Task Anonymous_visitors_are_sent_to_sign_in()
    {
        var client = server.Browser();

        Assert.Equal("/signin?ReturnUrl=%2Fexports", Location(await client.GetAsync("/exports")));
        Assert.StartsWith("/signin", Location(await client.GetAsync(Download)));
    }

    [Fact]
    public async Task A_viewer_sees_and_downloads_but_gets_no_actions()
    {
        var viewer = await SignedInAsync(DashboardRoles.Viewer);

        var page = await (await viewer.GetAsync("/exports")).Content.ReadAsStringAsync();
        Assert.Contains("Visible to all", page);
        Assert.Contains("data-testid=\"export-history\"", page);
        Assert.DoesNotContain("data-testid=\"export-run\"", page);
        Assert.DoesNotContain("data-testid=\"export-new\"", page);
        Assert.DoesNotContain("data-testid=\"export-pause\"", page);

        var file = await viewer.GetAsync(Download);
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Equal("text/csv", file.Content.Headers.ContentType!.MediaType);
        Assert.True(file.Headers.CacheControl!.NoStore);
        Assert.StartsWith("date,mrr\r\n", await file.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await viewer.GetAsync($"/exports/{exportId}/runs/999999.csv")).StatusCode);
    }

    [Theory]
    [InlineData(DashboardRoles.Owner)]
    [InlineData(DashboardRoles.Admin)]
    public async Task Owners_and_admins_get_the_actions_and_the_navigation_link(string role)
    {
        var client = await SignedInAsync(role);

        var page = await (await client.GetAsync("/exports")).Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"export-new\"", page);
        Assert.Contains("data-testid=\"export-run\"", page);
        Assert.Contains("data-testid=\"export-pause\"", page);
        Assert.Contains("href=\"exports\"", page);
    }

    private async Task<HttpClient> SignedInAsync(string role)
    {
        var client = server.Browser();
        var signedIn = await SignInAsync(client, $"{role}@example.com", Password);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        return client;
    }
}
