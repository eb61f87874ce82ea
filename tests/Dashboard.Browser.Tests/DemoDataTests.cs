using Dashboard.Infrastructure.Data;
using Dashboard.Testing;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Dashboard.Browser.Tests;

/// <summary>
/// Demo data in Chromium against the real app on a store of its own, seeded by the app's <c>seed-demo</c> verb: the
/// banner on every page, and an owner removing the demo data after confirming (the banner and the demo customers go),
/// then loading it again from Settings -> Sources as a background job.
/// The service and its rules are tested in Dashboard.Web.Tests (SourceRemovalTests, DemoBannerTests).
/// </summary>
public sealed class DemoDataTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const float Timeout = 60_000;
    private const string Email = "demo-owner@example.com";
    private const string Password = "Demo-owner-1";

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
            ["Reporting__Currency"] = "USD",
            ["Reporting__TimeZone"] = "UTC",
        };
        await RunAsync(environment, "user", "create", "--email", Email, "--password", Password, "--role", "owner");
        await RunAsync(environment, "seed-demo", "--customers", "120", "--history-months", "6");
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
    public async Task The_banner_shows_on_every_page_until_an_owner_removes_the_demo_data()
    {
        var page = await SignedInPageAsync(1366, 900, dark: false);
        var banner = page.Locator("[data-testid='demo-banner']");
        await banner.WaitForAsync(new() { Timeout = Timeout });
        Assert.Contains("120 made-up customers", await banner.InnerTextAsync(), StringComparison.Ordinal);
        await ScreenshotAsync(page, "demo-banner-light-1366");

        foreach (var path in new[] { "metrics/mrr", "customers", "settings/sources" })
        {
            await page.GotoAsync(path);
            await banner.WaitForAsync(new() { Timeout = Timeout });
        }

        await page.Locator("[data-testid='source-delete-open']").First.WaitForAsync(new() { Timeout = Timeout });
        await ScreenshotAsync(page, "sources-with-delete-light-1366");

        var phone = await SignedInPageAsync(390, 844, dark: true);
        await phone.Locator("[data-testid='demo-banner'] [data-testid='demo-remove']").ClickAsync();
        await phone.Locator("[data-testid='demo-remove-confirmation']").WaitForAsync(new() { Timeout = Timeout });
        await ScreenshotAsync(phone, "demo-banner-confirm-dark-390");
        await phone.Locator("[data-testid='demo-remove-confirm']").ClickAsync();

        await phone.Locator("[data-testid='empty-state']").WaitForAsync(new() { Timeout = Timeout });
        Assert.Equal(0, await phone.Locator("[data-testid='demo-banner']").CountAsync());
        await ScreenshotAsync(phone, "demo-removed-dark-390");

        // And back: Sources offers to load it again; after a confirmation the background job loads it and says so.
        await page.GotoAsync("settings/sources");
        // Clicked once the page is live: a click on the prerendered page while its circuit connects could leave the
        // next page without one (a loaded CI run waited a minute for it).
        await page.Locator("form[data-interactive='true']").First.WaitForAsync(new() { Timeout = Timeout });
        await page.Locator("[data-testid='demo-reload-link'] a").ClickAsync();
        var section = page.Locator("[data-testid='demo-data'][data-interactive='true']");
        await section.WaitForAsync(new() { Timeout = Timeout });
        await page.Locator("[data-testid='demo-load-open']").ClickAsync();
        await page.Locator("[data-testid='demo-load-confirm']").ClickAsync();
        await page.Locator("[data-testid='demo-load-done']").WaitForAsync(new() { Timeout = 3 * Timeout });
        await page.GotoAsync("customers");
        Assert.Contains("1,500 made-up customers", await banner.InnerTextAsync(new() { Timeout = Timeout }), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_customer_list_pages_by_number_first_and_last_and_exports_every_page_as_csv()
    {
        var page = await SignedInPageAsync(1366, 900, dark: false);
        await page.GotoAsync("customers?sort=name&dir=asc");
        await page.Locator(".customer-controls[data-interactive='true']").WaitForAsync(new() { Timeout = Timeout });
        var pager = page.Locator("[data-testid='customer-pager']");
        var total = int.Parse(await page.Locator("[data-testid='customer-list']").GetAttributeAsync("data-total") ?? "0", System.Globalization.CultureInfo.InvariantCulture);
        var pages = (total + 24) / 25;
        Assert.True(pages >= 3, $"{total} customers make {pages} pages");
        Assert.Equal(pages.ToString(System.Globalization.CultureInfo.InvariantCulture), await pager.GetAttributeAsync("data-page-count"));

        await pager.Locator("a[data-page='3']").ClickAsync();
        await page.Locator("[data-testid='customer-pager'][data-page='3']").WaitForAsync(new() { Timeout = Timeout });
        Assert.StartsWith("51–75 of ", await page.Locator("[data-testid='customer-pager'] [data-testid='pager-range']").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("page=3", page.Url, StringComparison.Ordinal);

        await pager.Locator("[data-testid='page-last']").ClickAsync();
        await page.Locator($"[data-testid='customer-pager'][data-page='{pages}']").WaitForAsync(new() { Timeout = Timeout });
        Assert.Equal(0, await pager.Locator("[data-testid='page-next']").CountAsync());
        await ScreenshotAsync(page, "customers-pager-light-1366");

        await pager.Locator("[data-testid='page-first']").ClickAsync();
        await page.Locator("[data-testid='customer-pager'][data-page='1']").WaitForAsync(new() { Timeout = Timeout });
        var firstName = await page.Locator("[data-testid='customer-table'] tbody tr .customer-table__name").First.InnerTextAsync();

        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("[data-testid='customer-csv']").ClickAsync());
        var lines = (await File.ReadAllTextAsync(await download.PathAsync())).TrimEnd('\n').Split('\n');
        Assert.StartsWith("id,external_id,name,email,plans,mrr,net_revenue,currency,since,status,source,country", lines[0], StringComparison.Ordinal);
        Assert.Equal(total + 1, lines.Length);
        Assert.Contains(firstName.Trim(), lines[1], StringComparison.Ordinal);
        Assert.Matches(@"^customers-\d{4}-\d{2}-\d{2}\.csv$", download.SuggestedFilename);
    }

    [Fact]
    public async Task The_trial_list_pages_25_trials_at_a_time_and_keeps_the_steps_count_on_every_page()
    {
        var page = await SignedInPageAsync(1366, 900, dark: false);
        await page.GotoAsync("trials?range=all");
        var list = page.Locator("[data-testid='trial-list']");
        await list.WaitForAsync(new() { Timeout = Timeout });
        await page.Locator("[data-interactive='true']").First.WaitForAsync(new() { Timeout = Timeout });
        var started = await page.Locator("[data-testid='trial-funnel']").GetAttributeAsync("data-started");
        var total = int.Parse(await list.GetAttributeAsync("data-total") ?? "0", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(started, total.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var pages = (total + 24) / 25;
        Assert.True(pages >= 2, $"{total} trials make {pages} pages");
        var pager = page.Locator("[data-testid='trial-pager']");
        Assert.Equal(pages.ToString(System.Globalization.CultureInfo.InvariantCulture), await pager.GetAttributeAsync("data-page-count"));
        Assert.Equal(25, await list.Locator("tbody tr").CountAsync());
        var firstOfPage1 = await list.Locator("tbody tr").First.GetAttributeAsync("data-customer");

        await pager.Locator("[data-testid='page-next']").ClickAsync();
        await page.Locator("[data-testid='trial-pager'][data-page='2']").WaitForAsync(new() { Timeout = Timeout });
        Assert.Contains("page=2", page.Url, StringComparison.Ordinal);
        Assert.Equal(pages > 2 ? 25 : total - 25, await list.Locator("tbody tr").CountAsync());
        Assert.StartsWith("26–", await pager.Locator("[data-testid='pager-range']").InnerTextAsync(), StringComparison.Ordinal);
        // The heading's count and the funnel are those of the whole step, whichever page shows.
        Assert.Equal(total.ToString(System.Globalization.CultureInfo.InvariantCulture), await list.GetAttributeAsync("data-total"));
        Assert.Contains("(" + total.ToString("#,0", System.Globalization.CultureInfo.InvariantCulture) + ")", await list.Locator("#trial-list-title").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(started, await page.Locator("[data-testid='trial-funnel']").GetAttributeAsync("data-started"));
        await ScreenshotAsync(page, "trials-pager-light-1366");
        await AxeCheck.AssertNoSeriousViolationsAsync(page, "/trials?range=all&page=2");

        await pager.Locator("[data-testid='page-last']").ClickAsync();
        await page.Locator($"[data-testid='trial-pager'][data-page='{pages}']").WaitForAsync(new() { Timeout = Timeout });
        Assert.Equal(total - (pages - 1) * 25, await list.Locator("tbody tr").CountAsync());
        Assert.Equal(0, await pager.Locator("[data-testid='page-next']").CountAsync());

        await pager.Locator("[data-testid='page-first']").ClickAsync();
        await page.Locator("[data-testid='trial-pager'][data-page='1']").WaitForAsync(new() { Timeout = Timeout });
        Assert.Equal(firstOfPage1, await list.Locator("tbody tr").First.GetAttributeAsync("data-customer"));
        Assert.Equal(0, await pager.Locator("[data-testid='page-previous']").CountAsync());
    }

    private async Task<IPage> SignedInPageAsync(int width, int height, bool dark)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = server.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            DeviceScaleFactor = 1,
        });
        if (dark)
        {
            await context.AddCookiesAsync([new Cookie { Name = "DashboardTheme", Value = "material-dark", Url = server.BaseAddress.ToString() }]);
        }

        var page = await context.NewPageAsync();
        page.LogConsoleTo(output);
        await page.GotoAsync("signin");
        await OverviewFixture.SubmitSignInAsync(page, Email, Password);
        // Attached, not visible: at phone width the account menu is folded away.
        await page.Locator("[data-testid='user-email']").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = Timeout });
        await page.Locator("[data-interactive='true']").First.WaitForAsync(new() { Timeout = Timeout });
        return page;
    }

    private async Task ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(OverviewFixture.ScreenshotDirectory);
        var path = Path.Combine(OverviewFixture.ScreenshotDirectory, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = false });
        output.WriteLine($"Screenshot: {path}");
    }

    private static async Task RunAsync(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var (exitCode, text) = await AppServer.RunVerbAsync(environment, AppServer.SetUpTimeout, args);
        Assert.True(exitCode == 0, $"'{string.Join(' ', args)}' exited with {exitCode}:\n{text}");
    }
}
