using System.Globalization;
using System.Text.RegularExpressions;
using Dashboard.Core.Metrics;
using Dashboard.Infrastructure.Data;
using Dashboard.Testing;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Dashboard.Browser.Tests;

/// <summary>
/// Headline numbers on a demo business of 26 months in Chromium (docs/ui.md, "Headline numbers" and "Number format"): over
/// "last 12 months" the previous year started with a handful of customers, so the revenue churn card shows no exploding
/// change (the review saw "▼ 99.5 %" against 15,342 %); rates that do change, change in points; at 390 px the card row
/// abbreviates every large figure with one decimal. The rule itself is tested in Dashboard.Web.Tests (PeriodComparisonTests).
/// </summary>
public sealed partial class DemoHeadlineTests(DemoHeadlineFixture fixture, ITestOutputHelper output) : IClassFixture<DemoHeadlineFixture>
{
    private const float Timeout = 60_000;

    [Fact]
    public async Task Over_the_last_12_months_no_card_shows_an_exploding_change_and_the_metric_page_agrees()
    {
        var page = await SignedInPageAsync(1366, 900);
        await page.GotoAsync("?range=12m");
        var churn = page.Locator(".kpi-card[data-metric='revenue_churn_rate']");
        await churn.WaitForAsync(new() { Timeout = Timeout });
        await page.Locator("[data-interactive='true']").First.WaitForAsync(new() { Timeout = Timeout });

        // The previous year's base is too small: "no comparable period" with the reason, never a percentage of 15,000 %.
        var none = churn.Locator("[data-testid='kpi-no-comparison']");
        Assert.Equal(1, await none.CountAsync());
        var why = await none.GetAttributeAsync("title") ?? string.Empty;
        output.WriteLine($"revenue_churn_rate: {why}");
        Assert.True(why.Contains("a comparison needs", StringComparison.Ordinal) || why.Contains("less than a tenth", StringComparison.Ordinal), why);
        Assert.Equal(0, await churn.Locator(".kpi-card__delta").CountAsync());

        // Every change a card does show is moderate, and a percentage's is in points.
        foreach (var delta in await page.Locator(".kpi-card__delta").AllAsync())
        {
            var metric = await delta.EvaluateAsync<string>("e => e.closest('.kpi-card').dataset.metric");
            var amount = decimal.Parse(await delta.GetAttributeAsync("data-delta") ?? "0", CultureInfo.InvariantCulture);
            var unit = await delta.GetAttributeAsync("data-delta-unit");
            output.WriteLine($"{metric}: {amount} {unit}");
            Assert.True(Math.Abs(amount) < (unit == "points" ? 100m : 1_000m), $"{metric} changes by {amount} {unit}");
            if (MetricCatalog.Get(metric).Unit == MetricUnit.Percent)
            {
                Assert.Equal("points", unit);
            }
        }

        // The metric page, comparing, says the same.
        await page.GotoAsync("metrics/revenue_churn_rate?range=12m&compare=true");
        var pageWhy = page.Locator("[data-testid='metric-no-comparison']");
        await pageWhy.WaitForAsync(new() { Timeout = Timeout });
        Assert.Equal(why, await pageWhy.GetAttributeAsync("title"));
        Assert.DoesNotContain("vs the previous period", await page.Locator("[data-testid='metric-current-caption']").InnerTextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task At_phone_width_the_card_row_abbreviates_with_one_decimal()
    {
        var page = await SignedInPageAsync(390, 844);
        await page.GotoAsync("?range=12m");
        await page.Locator(".kpi-card[data-metric='arr']").WaitForAsync(new() { Timeout = Timeout });

        var shown = new List<string>();
        foreach (var card in await page.Locator(".kpi-card").AllAsync())
        {
            var value = card.Locator(".kpi-card__value");
            var compact = value.Locator(".kpi-card__compact");
            shown.Add((await compact.CountAsync() > 0 && await compact.IsVisibleAsync() ? await compact.InnerTextAsync() : await value.InnerTextAsync()).Trim());
        }

        output.WriteLine(string.Join(" | ", shown));
        var abbreviated = shown.Where(t => Abbreviated().IsMatch(t)).ToList();
        Assert.NotEmpty(abbreviated); // ARR of a 400-customer business is well above $10,000
        Assert.All(abbreviated, t => Assert.Matches(OneDecimal(), t));
    }

    [GeneratedRegex(@"\d[kMB]$")]
    private static partial Regex Abbreviated();

    [GeneratedRegex(@"^-?\$?\d+\.\d[kMB]$")]
    private static partial Regex OneDecimal();

    private async Task<IPage> SignedInPageAsync(int width, int height)
    {
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = fixture.Server.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            DeviceScaleFactor = 1,
        });
        var page = await context.NewPageAsync();
        page.LogConsoleTo(output);
        await page.GotoAsync("signin");
        await OverviewFixture.SubmitSignInAsync(page, DemoHeadlineFixture.Email, DemoHeadlineFixture.Password);
        await page.Locator("[data-testid='user-email']").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = Timeout });
        await page.Locator("[data-interactive='true']").First.WaitForAsync(new() { Timeout = Timeout });
        return page;
    }
}

/// <summary>
/// The demo business of <see cref="DemoHeadlineTests"/>, seeded and started once for the class: 400 customers over 26
/// months (the shared <see cref="DemoDataFixture"/> has the default history, whose previous year is not thin enough).
/// </summary>
public sealed class DemoHeadlineFixture : IAsyncLifetime
{
    public const string Email = "headline-owner@example.com";
    public const string Password = "Headline-owner-1";

    private TestDatabase? database;
    private IPlaywright? playwright;

    public AppServer Server { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

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
        await RunAsync(environment, "seed-demo", "--customers", "400", "--history-months", "26");
        Server = await AppServer.StartAsync(environment, AppServer.SetUpTimeout);
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable(OverviewFixture.ChromiumVariable) is { Length: > 0 } path ? path : "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
        });
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

    private static async Task RunAsync(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var (exitCode, text) = await AppServer.RunVerbAsync(environment, AppServer.SetUpTimeout, args);
        Assert.True(exitCode == 0, $"'{string.Join(' ', args)}' exited with {exitCode}:\n{text}");
    }
}
