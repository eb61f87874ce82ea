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
/// Two accounts exist before the app starts (created with the app's own <c>user create</c> verb): an owner and a
/// viewer. <see cref="NewPageAsync"/> returns a page already signed in (as the owner unless asked otherwise).
/// </summary>
public sealed class OverviewFixture : IAsyncLifetime
{
    public const string ChromiumVariable = "DASHBOARD_TEST_CHROMIUM";

    public const string OwnerEmail = "owner@example.com";
    public const string ViewerEmail = "viewer@example.com";
    public const string OwnerPassword = "Owner-pass-1";
    public const string ViewerPassword = "Viewer-pass-1";

    /// <summary>
    /// An account only the sign-out test uses: signing out ends every session of its account, so it must not be the
    /// owner or viewer whose sessions the other tests share.
    /// </summary>
    public const string LeaverEmail = "leaver@example.com";
    public const string LeaverPassword = "Leaver-pass-1";

    private readonly Dictionary<BrowserRole, string> signedInStates = [];
    private TestDatabase? database;
    private IPlaywright? playwright;
    private Dictionary<string, string> environment = [];

    public AppServer Server { get; private set; } = null!;

    /// <summary>The app's <c>Exports:Folder</c>, a temporary folder of its own.</summary>
    public DirectoryInfo ExportsFolder { get; } = Directory.CreateTempSubdirectory("browser-exports-");

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
            ["Exports__Folder"] = ExportsFolder.FullName,
            ["Exports__DeliveryRetryDelay"] = "00:00:00",
        };
        await CreateUserAsync(environment, OwnerEmail, OwnerPassword, "owner");
        await CreateUserAsync(environment, ViewerEmail, ViewerPassword, "viewer");
        await CreateUserAsync(environment, LeaverEmail, LeaverPassword, "admin");
        Server = await AppServer.StartAsync(environment, AppServer.SetUpTimeout);

        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath(),
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
        });
        Directory.CreateDirectory(ScreenshotDirectory);

        // Sign in once per role through the real form and keep the cookies; every new context starts from them.
        foreach (var role in Enum.GetValues<BrowserRole>())
        {
            signedInStates[role] = await SignInOnceAsync(role);
        }
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

        ExportsFolder.Delete(recursive: true);
    }

    /// <summary>A page in a new browser context that is already signed in (as the owner unless <paramref name="role"/> says otherwise).</summary>
    public async Task<IPage> NewPageAsync(int width = 1366, int height = 900, BrowserRole role = BrowserRole.Owner)
    {
        var context = await Browser.NewContextAsync(ContextOptions(width, height, signedInStates[role]));
        return await context.NewPageAsync();
    }

    /// <summary>A page in a new browser context with no session (it meets the sign-in page).</summary>
    public async Task<IPage> NewAnonymousPageAsync(int width = 1366, int height = 900)
    {
        var context = await Browser.NewContextAsync(ContextOptions(width, height, storageState: null));
        return await context.NewPageAsync();
    }

    public static (string Email, string Password) Credentials(BrowserRole role) => role switch
    {
        BrowserRole.Viewer => (ViewerEmail, ViewerPassword),
        _ => (OwnerEmail, OwnerPassword),
    };

    /// <summary>Fills and submits the sign-in form on <paramref name="page"/> (which shows it).</summary>
    public static async Task SubmitSignInAsync(IPage page, string email, string password)
    {
        await page.Locator("[data-testid='signin-email']").FillAsync(email);
        await page.Locator("[data-testid='signin-password']").FillAsync(password);
        await page.Locator("[data-testid='signin-submit']").ClickAsync();
    }

    private BrowserNewContextOptions ContextOptions(int width, int height, string? storageState) => new()
    {
        BaseURL = Server.BaseAddress.ToString(),
        ViewportSize = new ViewportSize { Width = width, Height = height },
        DeviceScaleFactor = 1,
        StorageState = storageState,
    };

    private const float SetUpTimeoutMs = 180_000;

    private async Task<string> SignInOnceAsync(BrowserRole role)
    {
        var context = await Browser.NewContextAsync(ContextOptions(1366, 900, storageState: null));
        try
        {
            var page = await context.NewPageAsync();

            // One-time set-up, not a measurement: a busy shared machine can take well over Playwright's default 30 s to
            // hash a password and render the first page, and a failure here fails every test of the collection.
            page.SetDefaultTimeout(SetUpTimeoutMs);
            page.SetDefaultNavigationTimeout(SetUpTimeoutMs);
            await page.GotoAsync("signin");
            var (email, password) = Credentials(role);
            await SubmitSignInAsync(page, email, password);
            await page.Locator("[data-testid='user-email']").WaitForAsync(new() { Timeout = SetUpTimeoutMs });
            return await context.StorageStateAsync();
        }
        finally
        {
            await context.CloseAsync();
        }
    }

    private static async Task CreateUserAsync(IReadOnlyDictionary<string, string> environment, string email, string password, string role)
    {
        var (exitCode, output) = await AppServer.RunVerbAsync(
            environment, AppServer.SetUpTimeout, "user", "create", "--email", email, "--password", password, "--role", role);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"'user create' for {email} exited with {exitCode}:\n{output}");
        }
    }

    /// <summary>A REST API key in the fixture's database (made with the app's own <c>apikey create</c> command), for an HTTP client.</summary>
    public async Task<HttpClient> ApiClientAsync(bool readOnly = true)
    {
        string[] arguments = readOnly ? ["apikey", "create", "--name", "browser-tests", "--read-only"] : ["apikey", "create", "--name", "browser-tests-write"];
        var (exitCode, output) = await AppServer.RunVerbAsync(environment, AppServer.SetUpTimeout, arguments);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"'apikey create' exited with {exitCode}:\n{output}");
        }

        var key = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Last(line => line.StartsWith("dsk_", StringComparison.Ordinal));
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

/// <summary>Which prepared account a signed-in test page uses.</summary>
public enum BrowserRole
{
    Owner,
    Viewer,
}
