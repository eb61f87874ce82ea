using System.Net;
using Dashboard.Testing;
using Dashboard.Web.Auth;
using Dashboard.Web.Tests.Auth;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Features.Metrics;

/// <summary>
/// The metric views render through the real pipeline: on an empty store they say how to get data in, and once the
/// store has a customer they show no such notice.
/// </summary>
public sealed class NoDataYetPagesTests : IAsyncLifetime
{
    private const string Password = "Owner-pass-1";
    private static readonly string[] Pages = ["/metrics", "/metrics/mrr", "/mrr-breakdown", "/cohorts"];
    private AuthWebApp app = null!;

    public async Task InitializeAsync() => app = await AuthWebApp.StartAsync();

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task Metric_views_of_an_empty_store_show_the_no_data_notice()
    {
        var client = await SignedInAsync();

        foreach (var page in Pages)
        {
            var html = await client.GetStringAsync(page);
            Assert.True(html.Contains("data-testid=\"empty-state\"", StringComparison.Ordinal) && html.Contains("No data yet", StringComparison.Ordinal),
                $"{page} has no 'No data yet' notice on an empty store.");
        }
    }

    [Fact]
    public async Task Metric_views_of_a_store_with_a_customer_show_no_notice()
    {
        var data = new BillingBuilder();
        data.Subscribe(data.Customer("a"), data.Plan("basic", 1_000), DateTimeOffset.UtcNow.AddDays(-40));
        await using (var context = app.Database.CreateContext())
        {
            await data.SaveAsync(context);
        }

        var client = await SignedInAsync();

        foreach (var page in Pages)
        {
            var html = await client.GetStringAsync(page);
            Assert.False(html.Contains("data-testid=\"empty-state\"", StringComparison.Ordinal), $"{page} shows the empty-store notice with a customer stored.");
        }
    }

    private async Task<HttpClient> SignedInAsync()
    {
        var created = await app.Services.GetRequiredService<UserAccounts>().CreateAsync("owner@example.com", Password, DashboardRoles.Owner, AccountActor.CommandLine);
        Assert.True(created.Succeeded, string.Join(" ", created.Errors));
        var client = app.Browser();
        var signedIn = await AuthWebApp.SignInAsync(client, "owner@example.com", Password);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        return client;
    }
}
