using Bunit;
using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Demo;
using Dashboard.Infrastructure.Jobs;
using Dashboard.Testing;
using Dashboard.Web.Auth;
using Dashboard.Web.Features.Settings.DemoData;
using Dashboard.Web.Features.Settings.Sources;
using Dashboard.Web.Jobs;
using Dashboard.Web.Services.Audit;
using Dashboard.Web.Services.Demo;
using Dashboard.Web.Tests.Auth;
using Dashboard.Web.Tests.Components;
using Hangfire;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Features.Settings;

/// <summary>
/// <c>/settings/demo-data</c> and its link on Sources (bUnit, over a real SQLite store and Hangfire storage): an owner
/// confirms, the job is queued and its progress shows; a demo source that exists is named instead of the button; the
/// link is for owners while no demo source exists.
/// </summary>
public sealed class DemoDataPageTests : DashboardTestContext, IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 15, 0, 0, TimeSpan.Zero);
    private TestDatabase database = null!;

    public async Task InitializeAsync() => database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);

    public new async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await database.DisposeAsync();
    }

    [Fact]
    public void An_owner_confirms_and_sees_the_job_queued_then_its_progress_and_done()
    {
        var page = RenderDemoPage(DashboardRoles.Owner);
        Assert.Equal("idle", page.Find("[data-testid='demo-data']").GetAttribute("data-state"));

        page.Find("[data-testid='demo-load-open']").Click();
        Assert.Contains("Add 1,500 made-up customers", page.Find("[data-testid='demo-load-confirmation']").TextContent, StringComparison.Ordinal);
        page.Find("[data-testid='demo-load-cancel']").Click();
        Assert.Empty(page.FindAll("[data-testid='demo-load-confirmation']"));
        page.Find("[data-testid='demo-load-open']").Click();
        page.Find("[data-testid='demo-load-confirm']").Click();

        page.WaitForAssertion(() => Assert.Equal("queued", page.Find("[data-testid='demo-data']").GetAttribute("data-state")));
        Assert.Single(page.FindAll("[data-testid='demo-load-progress']"));
        Assert.Equal(1, Services.GetRequiredService<JobStorage>().GetMonitoringApi().EnqueuedCount("default"));

        // The job reports as it goes; the page follows.
        var status = Services.GetRequiredService<DemoReloadStatus>();
        status.Set(new DemoReloadProgress(DemoReloadState.Running, 500, 1_500, null));
        page.WaitForAssertion(() => Assert.Equal("500", page.Find("[data-testid='demo-load-progress']").GetAttribute("data-customers")));
        Assert.Contains("500 of 1,500 customers", page.Find("[data-testid='demo-load-progress']").TextContent, StringComparison.Ordinal);
        status.Set(new DemoReloadProgress(DemoReloadState.Succeeded, 1_500, 1_500, "Loaded 1,500 demo customers into the source 'Demo data'."));
        page.WaitForAssertion(() => Assert.Contains("Loaded 1,500 demo customers", page.Find("[data-testid='demo-load-done']").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task With_a_demo_source_the_page_names_it_instead_of_offering_to_load_it()
    {
        await using (var db = database.CreateContext())
        {
            await new DemoSeeder(db).SeedAsync(new DemoDataOptions { Customers = 3 }, new FixedTimeProvider(Now));
        }

        var page = RenderDemoPage(DashboardRoles.Owner);

        Assert.Equal("refused", page.Find("[data-testid='demo-data']").GetAttribute("data-state"));
        Assert.Contains("already loaded (source 1, 'Demo data')", page.Find("[data-testid='demo-load-refused']").TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid='demo-load-open']"));
        Assert.Empty(Render<DemoReloadLink>().FindAll("[data-testid='demo-reload-link']"));
    }

    [Theory]
    [InlineData(DashboardRoles.Admin)]
    [InlineData(DashboardRoles.Viewer)]
    public void Admins_and_viewers_get_no_link_and_a_confirmation_reached_anyway_is_refused(string role)
    {
        AddServices(role);
        Assert.Empty(Render<DemoReloadLink>().FindAll("[data-testid='demo-reload-link']"));

        // The page's own rule keeps them out (route matrix); were it rendered, the service still refuses.
        Open("settings/demo-data");
        var page = RenderPage<DemoDataPage>();
        page.WaitForElement("[data-testid='demo-load-open']").Click();
        page.Find("[data-testid='demo-load-confirm']").Click();

        page.WaitForAssertion(() => Assert.Contains("Only an owner", page.Find("[data-testid='demo-load-problem']").TextContent, StringComparison.Ordinal));
        Assert.Equal(0, Services.GetRequiredService<JobStorage>().GetMonitoringApi().EnqueuedCount("default"));
    }

    [Fact]
    public void An_owner_without_demo_data_gets_the_link_on_sources()
    {
        AddServices(DashboardRoles.Owner);

        var link = Render<DemoReloadLink>();

        Assert.Equal("settings/demo-data", link.Find("[data-testid='demo-reload-link'] a").GetAttribute("href"));
    }

    [Fact]
    public void A_load_that_failed_shows_its_reason_when_the_page_is_opened_again()
    {
        AddServices(DashboardRoles.Owner);
        Services.GetRequiredService<DemoReloadStatus>().Set(new DemoReloadProgress(DemoReloadState.Failed, 1_000, 1_500,
            "Loading the demo data failed: The disk is full. The partial demo source was removed again."));
        Open("settings/demo-data");
        var page = RenderPage<DemoDataPage>();
        page.WaitForAssertion(() => Assert.Equal("failed", page.Find("[data-testid='demo-data']").GetAttribute("data-state")));

        Assert.Contains("The disk is full.", page.Find("[data-testid='demo-load-problem']").TextContent, StringComparison.Ordinal);
        Assert.NotEmpty(page.FindAll("[data-testid='demo-load-open']")); // and may ask again
    }

    private IRenderedComponent<DemoDataPage> RenderDemoPage(string role)
    {
        AddServices(role);
        Open("settings/demo-data");
        var page = RenderPage<DemoDataPage>();
        page.WaitForAssertion(() => Assert.NotEqual("loading", page.Find("[data-testid='demo-data']").GetAttribute("data-state")));
        return page;
    }

    private void AddServices(string role)
    {
        AddAuthorization().SetAuthorized(role + "@example.com").SetRoles(role);
        Services.AddScoped<ICurrentUser>(_ => new KnownUser(TestUsers.InRole(role)));
        Services.AddSingleton<TimeProvider>(new FixedTimeProvider(Now))
            .AddSingleton(database.CreateFactory())
            .AddSingleton(database.Options)
            .AddBackgroundJobs(new ConfigurationBuilder().Build(), runServer: false)
            .AddAuditLog()
            .AddScoped<DemoDataReloader>()
            .AddScoped<DemoReload>()
            .AddSingleton<DemoReloadStatus>()
            .AddTransient<DemoReloadJob>();
    }
}
