using System.Diagnostics;
using Dashboard.Infrastructure.Data;
using Dashboard.Testing;
using Microsoft.Playwright;

namespace Dashboard.Browser.Tests;

/// <summary>
/// One app on the demo data (the app's own <c>seed-demo</c> verb with its defaults: 1,500 customers over 24 months) shared
/// by every test of the <see cref="DemoDataCollection"/>, with an owner signed in once, and what the interactive states
/// need made through the app's API and forms (<see cref="InteractiveStates.SetUpAsync"/>, a note on the first customer).
/// Tests in the collection only read, or leave what they open as they found it.
/// </summary>
public sealed class DemoDataFixture : IAsyncLifetime
{
    private const string Email = "demo-checker@example.com";
    private const string Password = "Demo-checker-1";

    private TestDatabase? database;
    private IPlaywright? playwright;
    private string signedInState = string.Empty;

    public AppServer Server { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>The address of the first customer of the list (the largest MRR), whose timeline holds a note.</summary>
    public string CustomerPath { get; private set; } = string.Empty;

    /// <summary>How long the set-up took (seeding, starting, signing in, the API calls), for the run-time budget.</summary>
    public TimeSpan SetUpTime { get; private set; }

    public async Task InitializeAsync()
    {
        var clock = Stopwatch.StartNew();
        database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var environment = new Dictionary<string, string>
        {
            ["Database__Provider"] = "Sqlite",
            ["ConnectionStrings__Dashboard"] = database.Options.ConnectionString,
            ["Dashboard__SeedDemoData"] = "false",
            ["Reporting__Currency"] = "USD",
            ["Reporting__TimeZone"] = "UTC",
        };
        await RunAsync(environment, "seed-demo");
        await RunAsync(environment, "user", "create", "--email", Email, "--password", Password, "--role", "owner");
        var key = (await RunAsync(environment, "apikey", "create", "--name", "demo-checks"))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Last(line => line.StartsWith("dsk_", StringComparison.Ordinal));
        Server = await AppServer.StartAsync(environment, AppServer.SetUpTimeout);

        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable(OverviewFixture.ChromiumVariable) is { Length: > 0 } path ? path : "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
        });

        var page = await Browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = Server.BaseAddress.ToString() });
        try
        {
            await page.GotoAsync("signin");
            await OverviewFixture.SubmitSignInAsync(page, Email, Password);
            await page.Locator("[data-testid='user-email']").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 60_000 });
            signedInState = await page.Context.StorageStateAsync();

            using (var api = new HttpClient { BaseAddress = Server.BaseAddress })
            {
                api.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
                await InteractiveStates.SetUpAsync(api, DateOnly.FromDateTime(DateTime.UtcNow));
            }

            await page.GotoAsync("customers");
            var link = page.Locator("[data-testid='customer-table'] tbody a").First;
            await link.WaitForAsync(new() { Timeout = 60_000 });
            CustomerPath = (await link.GetAttributeAsync("href"))!.TrimStart('/');
            await page.GotoAsync(CustomerPath);
            await PageReady.WaitAsync(page, 60_000);
            await InteractiveStates.AddCustomerNoteAsync(page);
        }
        finally
        {
            await page.Context.CloseAsync();
        }

        SetUpTime = clock.Elapsed;
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

    /// <summary>A page in a new context, signed in as the owner unless <paramref name="anonymous"/>, in the dark theme when asked.</summary>
    public async Task<IPage> NewPageAsync(int width, int height, bool dark, bool anonymous = false)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Server.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            DeviceScaleFactor = 1,
            StorageState = anonymous ? null : signedInState,
        });
        if (dark)
        {
            await context.AddCookiesAsync([new Cookie { Name = "DashboardTheme", Value = "material-dark", Url = Server.BaseAddress.ToString() }]);
        }

        return await context.NewPageAsync();
    }

    private static async Task<string> RunAsync(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var (exitCode, output) = await AppServer.RunVerbAsync(environment, TimeSpan.FromMinutes(10), args);
        return exitCode == 0 ? output : throw new InvalidOperationException($"'{string.Join(' ', args)}' exited with {exitCode}:\n{output}");
    }
}

/// <summary>The tests that share <see cref="DemoDataFixture"/>'s app (one seeding, one start, for all of them).</summary>
[CollectionDefinition(Name)]
public sealed class DemoDataCollection : ICollectionFixture<DemoDataFixture>
{
    public const string Name = "Demo data";
}
