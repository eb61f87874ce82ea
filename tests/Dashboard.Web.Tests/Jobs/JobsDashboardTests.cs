using System.Net;
using Dashboard.Web.Auth;
using Dashboard.Web.Tests.Auth;
using Microsoft.Extensions.DependencyInjection;
using static Dashboard.Web.Tests.Auth.AuthWebApp;

namespace Dashboard.Web.Tests.Jobs;

/// <summary>Hangfire's dashboard at /jobs through the real pipeline: owners and admins only, linked from Settings.</summary>
public sealed class JobsDashboardTests : IAsyncLifetime
{
    private const string Password = "Jobs-pass-1";
    private AuthWebApp app = null!;

    public async Task InitializeAsync()
    {
        app = await AuthWebApp.StartAsync();
        var accounts = app.Services.GetRequiredService<UserAccounts>();
        foreach (var role in DashboardRoles.All)
        {
            var result = await accounts.CreateAsync($"{role}@example.com", Password, role, AccountActor.CommandLine);
            Assert.True(result.Succeeded, string.Join(" ", result.Errors));
        }
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task Anonymous_visitors_are_sent_to_sign_in()
    {
        var response = await app.Browser().GetAsync("/jobs");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/signin?ReturnUrl=%2Fjobs", Location(response));
    }

    [Fact]
    public async Task A_viewer_is_denied_like_on_the_settings_pages()
    {
        var viewer = await SignedInAsync(DashboardRoles.Viewer);

        foreach (var path in new[] { "/jobs", "/jobs/recurring" })
        {
            var response = await viewer.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/access-denied", Location(response));
        }
    }

    [Theory]
    [InlineData(DashboardRoles.Owner)]
    [InlineData(DashboardRoles.Admin)]
    public async Task Owners_and_admins_see_the_dashboard_and_the_link_to_it_in_settings(string role)
    {
        var client = await SignedInAsync(role);

        var dashboard = await client.GetAsync("/jobs");
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.Contains("Background jobs", await dashboard.Content.ReadAsStringAsync());
        var recurring = await client.GetAsync("/jobs/recurring");
        Assert.Equal(HttpStatusCode.OK, recurring.StatusCode);

        var settings = await (await client.GetAsync("/settings")).Content.ReadAsStringAsync();
        Assert.Contains("href=\"jobs\" data-testid=\"settings-jobs\"", settings);
    }

    private async Task<HttpClient> SignedInAsync(string role)
    {
        var client = app.Browser();
        var signedIn = await SignInAsync(client, $"{role}@example.com", Password);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        return client;
    }
}
