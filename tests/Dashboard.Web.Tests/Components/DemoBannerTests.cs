using Bunit;
using Dashboard.Core.Billing;
using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Metrics;
using Dashboard.Infrastructure.Sources;
using Dashboard.Testing;
using Dashboard.Web.Auth;
using Dashboard.Web.Components.Layout;
using Dashboard.Web.Services.Audit;
using Dashboard.Web.Services.Sources;
using Dashboard.Web.Tests.Auth;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dashboard.Web.Tests.Components;

/// <summary>The demo-data banner over a real store: shown while the demo source has customers; owners remove it after confirming.</summary>
public sealed class DemoBannerTests : DashboardTestContext, IAsyncLifetime
{
    private TestDatabase database = null!;

    public async Task InitializeAsync() => database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);

    public new async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await database.DisposeAsync();
    }

    [Fact]
    public async Task An_owner_sees_the_banner_confirms_and_removes_only_the_demo_source()
    {
        await SeedAsync(demo: true);
        var banner = RenderBanner(DashboardRoles.Owner);

        Assert.Contains("2 made-up customers from the source “Demo business”", banner.Find("[data-testid='demo-banner']").TextContent, StringComparison.Ordinal);
        banner.Find("[data-testid='demo-remove']").Click();
        Assert.Contains("Your other sources stay", banner.Find("[data-testid='demo-remove-confirmation']").TextContent, StringComparison.Ordinal);
        banner.Find("[data-testid='demo-remove-cancel']").Click();
        Assert.Empty(banner.FindAll("[data-testid='demo-remove-confirmation']"));
        await using (var db = database.CreateContext())
        {
            Assert.Equal(2, await db.Sources.CountAsync());
        }

        banner.Find("[data-testid='demo-remove']").Click();
        banner.Find("[data-testid='demo-remove-confirm']").Click();

        banner.WaitForAssertion(() => Assert.Empty(banner.FindAll("[data-testid='demo-banner']")));
        await using (var db = database.CreateContext())
        {
            Assert.Equal(["Own business"], await db.Sources.Select(s => s.Name).ToListAsync());
            Assert.Equal(1, await db.Customers.CountAsync());
        }
    }

    [Theory]
    [InlineData(DashboardRoles.Admin)]
    [InlineData(DashboardRoles.Viewer)]
    public async Task Others_see_the_banner_without_the_remove_button(string role)
    {
        await SeedAsync(demo: true);

        var banner = RenderBanner(role);

        Assert.Contains("An owner can remove it.", banner.Find("[data-testid='demo-banner']").TextContent, StringComparison.Ordinal);
        Assert.Empty(banner.FindAll("[data-testid='demo-remove']"));
    }

    [Fact]
    public async Task Without_a_demo_source_there_is_no_banner()
    {
        await SeedAsync(demo: false);

        Assert.Empty(RenderBanner(DashboardRoles.Owner).FindAll("[data-testid='demo-banner']"));
    }

    private async Task SeedAsync(bool demo)
    {
        var now = DateTimeOffset.UtcNow;
        var demoData = new BillingBuilder();
        var plan = demoData.Plan("demo", 1_000);
        demoData.Subscribe(demoData.Customer("demo_1"), plan, now.AddDays(-40));
        demoData.Subscribe(demoData.Customer("demo_2"), plan, now.AddDays(-20));
        var own = new BillingBuilder();
        own.Subscribe(own.Customer("own_1"), own.Plan("own", 5_000), now.AddDays(-10));
        await using var db = database.CreateContext();
        await demoData.SaveAsync(db);
        await own.SaveAsync(db);
        var sources = await db.Sources.OrderBy(s => s.Id).ToListAsync();
        sources[0].Name = "Demo business";
        sources[0].Provider = demo ? SourceProvider.Demo : SourceProvider.Csv;
        sources[1].Name = "Own business";
        await db.SaveChangesAsync();
    }

    private IRenderedComponent<DemoBanner> RenderBanner(string role)
    {
        AddAuthorization().SetAuthorized(role + "@example.com").SetRoles(role);
        Services.AddSingleton(database.CreateFactory());
        Services.AddSingleton(TimeProvider.System);
        Services.AddLogging().AddAuditLog();
        Services.AddScoped<ICurrentUser>(_ => new KnownUser(TestUsers.InRole(role)));
        Services.AddSingleton(new MetricsEngineHost(database.CreateFactory(), new MetricSettingsReader(new ConfigurationBuilder().Build()), NullLogger<MetricsEngineHost>.Instance));
        Services.AddScoped<SourceDataRemover>();
        Services.AddScoped<SourceRemoval>();
        var banner = Render<DemoBanner>();
        return banner;
    }
}
