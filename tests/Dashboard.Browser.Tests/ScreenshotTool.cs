using Dashboard.Infrastructure.Data;
using Dashboard.Testing;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Dashboard.Browser.Tests;

/// <summary>
/// Retakes docs/screenshots: with <c>DASHBOARD_SCREENSHOTS=&lt;folder&gt;</c> it starts the app on a fresh SQLite store
/// with the demo data and saves every page in the light and the dark theme at laptop (1366x768) and phone (390x844)
/// width as <c>&lt;page&gt;-&lt;theme&gt;-&lt;width&gt;.png</c>; without the variable it reports itself skipped.
/// Each picture is as tall as the page's content (up to <see cref="MaxHeight"/>), so nothing below the fold is lost.
/// docs/screenshots/README.md has the command.
/// </summary>
[Trait("Category", "Screenshots")]
public sealed class ScreenshotTool(ITestOutputHelper output)
{
    public const string FolderVariable = "DASHBOARD_SCREENSHOTS";
    public const string OnlyVariable = "DASHBOARD_SCREENSHOTS_ONLY";
    private const float Timeout = 120_000;
    private const int MaxHeight = 4000;
    private const string Email = "founder@example.com";
    private const string Password = "Founder-pass-1";

    private static readonly (string Name, string Path)[] SignedInPages =
    [
        ("overview", ""),
        ("metrics", "metrics"),
        ("metric-mrr", "metrics/mrr"),
        ("mrr-breakdown", "mrr-breakdown"),
        ("trials", "trials"),
        ("cohorts", "cohorts"),
        ("customers", "customers"),
        ("segments", "segments"),
        ("compare", "segments/compare?metric=ltv&group=utm_source%3Aeq%3Agoogle&group=utm_source%3Aeq%3Afacebook&group=utm_source%3Aeq%3Alinkedin"),
        ("exports", "exports"),
        ("import", "import"),
        ("api-access", "api-access"),
        ("settings", "settings"),
        ("settings-sources", "settings/sources"),
        ("settings-users", "settings/users"),
        ("settings-audit-log", "settings/audit-log"),
        // States a founder reaches through the filter builder: a filter as a chip in words, the trial funnel of a
        // segment, and a filter that keeps nobody.
        ("overview-filtered", "?filter=utm_source%3Aeq%3Agoogle"),
        ("trials-filtered", "trials?filter=utm_source%3Aeq%3Agoogle"),
        ("metric-mrr-no-match", "metrics/mrr?filter=utm_source%3Aeq%3Anobody"),
    ];

    private static readonly (string Name, int Width, int Height)[] Sizes = [("1366", 1366, 768), ("390", 390, 844)];

    [SkippableFact]
    public async Task Every_page_in_both_themes_at_laptop_and_phone_width()
    {
        var folder = Environment.GetEnvironmentVariable(FolderVariable);
        Skip.If(string.IsNullOrWhiteSpace(folder), $"{FolderVariable} is not set: set it to a folder to retake the screenshots (docs/screenshots/README.md).");
        Directory.CreateDirectory(folder!);

        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var environment = new Dictionary<string, string>
        {
            ["Database__Provider"] = "Sqlite",
            ["ConnectionStrings__Dashboard"] = database.Options.ConnectionString,
            ["Dashboard__SeedDemoData"] = "false",
            ["Reporting__Currency"] = "USD",
            ["Reporting__TimeZone"] = "UTC",
        };
        await RunAsync(environment, "seed-demo");
        await using var server = await AppServer.StartAsync(environment, AppServer.SetUpTimeout);
        using var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable(OverviewFixture.ChromiumVariable) is { Length: > 0 } path ? path : "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
        });
        try
        {
            // The set-up page shows only while no account exists: taken first, then the owner is created.
            await ShootAllAsync(browser, server, folder!, "setup", "setup", storageState: null);
            await RunAsync(environment, "user", "create", "--email", Email, "--password", Password, "--role", "owner");
            await ShootAllAsync(browser, server, folder!, "signin", "signin", storageState: null);

            var state = await SignInAsync(browser, server);
            foreach (var (name, address) in SignedInPages)
            {
                await ShootAllAsync(browser, server, folder!, name, address, state);
            }

            var customer = await FirstCustomerAsync(browser, server, state);
            await ShootAllAsync(browser, server, folder!, "customer", customer, state);

            // The interactive states, on what the app's own API and forms stored: a goal and an annotation on MRR, and a
            // note on the first customer's timeline (set up after the plain pages, which stay as a new user sees them).
            using (var api = await ApiClientAsync(environment, server))
            {
                await InteractiveStates.SetUpAsync(api, DateOnly.FromDateTime(DateTime.UtcNow));
            }

            await AddNoteAsync(browser, server, state, customer);
            foreach (var interactive in InteractiveStates.All.Append(InteractiveStates.CustomerTimeline(customer)))
            {
                await ShootStateAsync(browser, server, folder!, interactive, state);
            }

            // An unknown address: photographed once the app answers it with a page (a bare 404 has nothing to show).
            if (await HasNotFoundPageAsync(browser, server, state))
            {
                await ShootAllAsync(browser, server, folder!, "not-found", "no-such-page", state);
            }
            else
            {
                output.WriteLine("not-found: the app answers unknown addresses with a bare 404, so there is no page to photograph.");
            }
        }
        finally
        {
            await browser.CloseAsync();
        }
    }

    private async Task ShootAllAsync(IBrowser browser, AppServer server, string folder, string name, string path, string? storageState)
    {
        if (!Wanted(name))
        {
            return;
        }

        foreach (var dark in new[] { false, true })
        {
            foreach (var (sizeName, width, height) in Sizes)
            {
                var file = Path.Combine(folder, $"{name}-{(dark ? "dark" : "light")}-{sizeName}.png");
                await ShootAsync(browser, server, path, dark, width, height, storageState, file, state: null);
                output.WriteLine(file);
            }
        }
    }

    /// <summary>
    /// An interactive state in both themes, at both widths (at phone width only when it exists only there): the page is
    /// opened, the state brought about and waited for, and the window photographed (grown to the content first when the
    /// state spans the page, such as a drill-down list).
    /// </summary>
    private async Task ShootStateAsync(IBrowser browser, AppServer server, string folder, InteractiveStates.State state, string storageState)
    {
        if (!Wanted(state.Name))
        {
            return;
        }

        foreach (var dark in new[] { false, true })
        {
            foreach (var (sizeName, width, height) in Sizes.Where(size => !state.PhoneOnly || size.Width < 600))
            {
                var file = Path.Combine(folder, $"{state.Name}-{(dark ? "dark" : "light")}-{sizeName}.png");
                await ShootAsync(browser, server, state.Path, dark, width, height, storageState, file, state);
                output.WriteLine(file);
            }
        }
    }

    /// <summary>
    /// <c>DASHBOARD_SCREENSHOTS_ONLY</c>, a comma-separated list of names (<c>overview,drill-down</c>), takes just those;
    /// unset, every picture is taken.
    /// </summary>
    private static bool Wanted(string name) =>
        Environment.GetEnvironmentVariable(OnlyVariable) is not { Length: > 0 } only ||
        only.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Contains(name, StringComparer.Ordinal);

    private static async Task ShootAsync(
        IBrowser browser, AppServer server, string path, bool dark, int width, int height, string? storageState, string file, InteractiveStates.State? state)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = server.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            DeviceScaleFactor = 1,
            StorageState = storageState,
        });
        try
        {
            if (dark)
            {
                await context.AddCookiesAsync([new Cookie { Name = "DashboardTheme", Value = "material-dark", Url = server.BaseAddress.ToString() }]);
            }

            var page = await context.NewPageAsync();
            await page.GotoAsync(path, new() { Timeout = Timeout });
            await PageReady.WaitAsync(page, Timeout);

            if (state is { WholePage: false })
            {
                await Settled(page);
                await state.Enter(page);
                await Settled(page);
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = file, Animations = ScreenshotAnimations.Disabled });
                await LeaveAsync(page, state);
                return;
            }

            // The layout scrolls inside its body, so a full-page shot would stop at the window: grow the window to the content.
            var contentHeight = await ContentHeightAsync(page);
            if (contentHeight > height)
            {
                await page.SetViewportSizeAsync(width, Math.Min(contentHeight, MaxHeight));
                await PageReady.WaitAsync(page, Timeout);
            }

            await Settled(page);
            if (state is not null)
            {
                await state.Enter(page);
                await EvenTallerAsync(page, width, height);
                await Settled(page);
            }

            await page.ScreenshotAsync(new PageScreenshotOptions { Path = file, Animations = ScreenshotAnimations.Disabled });
            if (state is not null)
            {
                await LeaveAsync(page, state);
            }
        }
        finally
        {
            await context.CloseAsync();
        }
    }

    /// <summary>A state that opened more content (a drill-down list) grows the window again, to the new content's height.</summary>
    private static async Task EvenTallerAsync(IPage page, int width, int height)
    {
        var contentHeight = await ContentHeightAsync(page);
        if (contentHeight > page.ViewportSize!.Height)
        {
            await page.SetViewportSizeAsync(width, Math.Min(Math.Max(contentHeight, height), MaxHeight));
            await page.EvaluateAsync("() => document.querySelectorAll('.rz-body, main, html').forEach(e => e.scrollTop = 0)");
        }
    }

    private static Task<int> ContentHeightAsync(IPage page) => page.EvaluateAsync<int>(
        "() => Math.max(...[document.documentElement, document.body, document.querySelector('.rz-body'), document.querySelector('main')]" +
        ".filter(e => e).map(e => e.scrollHeight))");

    /// <summary>The confirmation to remove the demo data is cancelled after its picture: the data stays for the next ones.</summary>
    private static async Task LeaveAsync(IPage page, InteractiveStates.State state)
    {
        if (state.Name == "demo-remove-confirm")
        {
            await InteractiveStates.CancelDemoRemovalAsync(page);
        }
    }

    /// <summary>Waits until the charts' entry animations have ended and the fonts are in, so each picture is the final one.</summary>
    private static Task Settled(IPage page) => page.WaitForFunctionAsync(
        "() => document.fonts.status === 'loaded' && document.getAnimations().every(a => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity)",
        null, new() { Timeout = Timeout });

    private static async Task<string> SignInAsync(IBrowser browser, AppServer server)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = server.BaseAddress.ToString() });
        try
        {
            var page = await context.NewPageAsync();
            await page.GotoAsync("signin");
            await OverviewFixture.SubmitSignInAsync(page, Email, Password);
            await page.Locator("[data-testid='user-email']").WaitForAsync(new() { Timeout = Timeout });
            return await context.StorageStateAsync();
        }
        finally
        {
            await context.CloseAsync();
        }
    }

    /// <summary>The address of the customer at the top of the list (the largest MRR by default).</summary>
    private static async Task<string> FirstCustomerAsync(IBrowser browser, AppServer server, string storageState)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = server.BaseAddress.ToString(), StorageState = storageState });
        try
        {
            var page = await context.NewPageAsync();
            await page.GotoAsync("customers");
            var link = page.Locator("[data-testid='customer-table'] tbody a").First;
            await link.WaitForAsync(new() { Timeout = Timeout });
            return (await link.GetAttributeAsync("href"))!.TrimStart('/');
        }
        finally
        {
            await context.CloseAsync();
        }
    }

    /// <summary>Writes a note on the customer's timeline through the page's own form, as an owner does.</summary>
    private static async Task AddNoteAsync(IBrowser browser, AppServer server, string storageState, string customer)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = server.BaseAddress.ToString(), StorageState = storageState });
        try
        {
            var page = await context.NewPageAsync();
            await page.GotoAsync(customer);
            await PageReady.WaitAsync(page, Timeout);
            await InteractiveStates.AddCustomerNoteAsync(page);
        }
        finally
        {
            await context.CloseAsync();
        }
    }

    /// <summary>An API key that may write, made with the app's own <c>apikey create</c> verb, in an HTTP client.</summary>
    private static async Task<HttpClient> ApiClientAsync(Dictionary<string, string> environment, AppServer server)
    {
        var (exitCode, log) = await AppServer.RunVerbAsync(environment, AppServer.SetUpTimeout, "apikey", "create", "--name", "screenshots");
        Assert.True(exitCode == 0, $"'apikey create' exited with {exitCode}:\n{log}");
        var key = log.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Last(line => line.StartsWith("dsk_", StringComparison.Ordinal));
        var client = new HttpClient { BaseAddress = server.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    private static async Task<bool> HasNotFoundPageAsync(IBrowser browser, AppServer server, string storageState)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = server.BaseAddress.ToString(), StorageState = storageState });
        try
        {
            var response = await context.APIRequest.GetAsync("no-such-page");
            return response.Status == 404 && (await response.BodyAsync()).Length > 0;
        }
        finally
        {
            await context.CloseAsync();
        }
    }

    private static async Task RunAsync(Dictionary<string, string> environment, params string[] args)
    {
        var (exitCode, log) = await AppServer.RunVerbAsync(environment, TimeSpan.FromMinutes(10), args);
        Assert.True(exitCode == 0, $"'{string.Join(' ', args)}' exited with {exitCode}:\n{log}");
    }
}
