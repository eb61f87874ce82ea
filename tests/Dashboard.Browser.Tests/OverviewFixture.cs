using Dashboard.Core.Billing;
using Dashboard.Infrastructure.Data;
using Dashboard.Testing;
using Microsoft.Playwright;

namespace Dashboard.Browser.Tests;

/// <summary>
/// A temporary SQLite store with a small known data set, the app running on it, and Chromium.
/// The data set, relative to today (UTC):
/// A $10/month since 300 days, B $20/month since 200 days, C $30/month since 100 days -> MRR $60, 3 active, ARPU $20;
/// D $10/month from 250 days until 10 days ago -> churned in the last 30 days: churn 1 of 4 = 25 %, MRR 30 days ago $70;
/// E on a trial that ends in 7 days -> not active.
/// </summary>
public sealed class OverviewFixture : IAsyncLifetime
{
    public const string ChromiumVariable = "DASHBOARD_TEST_CHROMIUM";

    private TestDatabase? database;
    private IPlaywright? playwright;
    private Dictionary<string, string> environment = [];

    public AppServer Server { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public static string ScreenshotDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using (var context = database.CreateContext())
        {
            await SmallDataSet(DateTimeOffset.UtcNow).SaveAsync(context);
        }

        environment = new Dictionary<string, string>
        {
            ["Database__Provider"] = "Sqlite",
            ["ConnectionStrings__Dashboard"] = database.Options.ConnectionString,
            ["Dashboard__SeedDemoData"] = "false",
            ["Reporting__Currency"] = "USD",
            ["Reporting__TimeZone"] = "UTC",
        };
        Server = await AppServer.StartAsync(environment, TimeSpan.FromSeconds(90));

        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath(),
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
        });
        Directory.CreateDirectory(ScreenshotDirectory);
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        playwright?.Dispose();
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }

        if (database is not null)
        {
            await database.DisposeAsync();
        }
    }

    public async Task<IPage> NewPageAsync(int width = 1366, int height = 900)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Server.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            DeviceScaleFactor = 1,
        });
        return await context.NewPageAsync();
    }

    /// <summary>A REST API key in the fixture's database (made with the app's own <c>apikey create</c> command), for an HTTP client.</summary>
    public async Task<HttpClient> ApiClientAsync(bool readOnly = true)
    {
        string[] arguments = readOnly ? ["apikey", "create", "--name", "browser-tests", "--read-only"] : ["apikey", "create", "--name", "browser-tests-write"];
        var output = await AppServer.RunCommandAsync(environment, arguments);
        var key = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[^1];
        var client = new HttpClient { BaseAddress = Server.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    public static BillingBuilder SmallDataSet(DateTimeOffset now)
    {
        var data = new BillingBuilder();
        var basic = data.Plan("basic", 1_000);
        var pro = data.Plan("pro", 2_000);
        var business = data.Plan("business", 3_000);
        data.Subscribe(data.Customer("a"), basic, now.AddDays(-300));
        data.Subscribe(data.Customer("b"), pro, now.AddDays(-200));
        data.Subscribe(data.Customer("c"), business, now.AddDays(-100));
        data.Subscribe(data.Customer("d"), basic, now.AddDays(-250), canceledAt: now.AddDays(-10));
        data.Subscribe(data.Customer("e"), pro, now.AddDays(-7), trialEnd: now.AddDays(7));
        return data;
    }

    private static string ChromiumPath()
    {
        var path = Environment.GetEnvironmentVariable(ChromiumVariable);
        path = string.IsNullOrWhiteSpace(path) ? "/usr/bin/chromium" : path;
        return File.Exists(path)
            ? path
            : throw new InvalidOperationException($"Chromium is not at {path}: install Debian's chromium or set {ChromiumVariable} (./scripts/test.sh does both).");
    }
}
