using Dashboard.Infrastructure.Data;
using Dashboard.Testing;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Dashboard.Browser.Tests;

/// <summary>
/// axe-core on the set-up page, which only an app without any account shows (light and dark theme): no serious or
/// critical violation. The other pages are checked by <see cref="AccessibilityTests"/>.
/// </summary>
public sealed class SetupAccessibilityTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const float Timeout = 60_000;

    private TestDatabase database = null!;
    private AppServer server = null!;
    private IPlaywright playwright = null!;
    private IBrowser browser = null!;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var environment = new Dictionary<string, string>
        {
            ["Database__Provider"] = "Sqlite",
            ["ConnectionStrings__Dashboard"] = database.Options.ConnectionString,
            ["Dashboard__SeedDemoData"] = "false",
        };
        server = await AppServer.StartAsync(environment, AppServer.SetUpTimeout);
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable(OverviewFixture.ChromiumVariable) is { Length: > 0 } path ? path : "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
        });
    }

    public async Task DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.CloseAsync();
        }

        playwright?.Dispose();
        if (server is not null)
        {
            await server.DisposeAsync();
        }

        await database.DisposeAsync();
    }

    [Fact]
    public async Task The_setup_page_has_no_serious_accessibility_violation_in_either_theme()
    {
        foreach (var dark in new[] { false, true })
        {
            var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = server.BaseAddress.ToString() });
            if (dark)
            {
                await context.AddCookiesAsync([new Cookie { Name = "DashboardTheme", Value = "material-dark", Url = server.BaseAddress.ToString() }]);
            }

            var page = await context.NewPageAsync();
            page.LogConsoleTo(output);
            await page.GotoAsync("setup");
            await page.Locator("form").First.WaitForAsync(new() { Timeout = Timeout });
            Assert.EndsWith("/setup", new Uri(page.Url).AbsolutePath, StringComparison.Ordinal);

            await AxeCheck.AssertNoSeriousViolationsAsync(page, $"/setup ({(dark ? "dark" : "light")})");
            await context.CloseAsync();
        }
    }
}
