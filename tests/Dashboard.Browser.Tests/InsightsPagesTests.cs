using System.Globalization;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Dashboard.Browser.Tests;

/// <summary>
/// Forecasts, the trial funnel and the customer timeline in Chromium over <see cref="OverviewFixture"/>'s data (e is on
/// a trial that started 7 days ago; d churned 10 days ago), at laptop width in both themes. The numbers themselves are
/// tested with bUnit and in Dashboard.Core.Tests.
/// </summary>
public sealed class InsightsPagesTests(OverviewFixture fixture, ITestOutputHelper output) : IClassFixture<OverviewFixture>
{
    private const float Timeout = 30_000;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_mrr_page_draws_the_forecast_with_its_range_and_table(bool dark)
    {
        var page = await OpenAsync("metrics/mrr?range=12m", dark);

        var forecast = page.Locator("[data-testid='forecast']");
        await forecast.WaitForAsync(new() { Timeout = Timeout });
        await forecast.Locator("svg path").First.WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = Timeout });
        var (value, low, high) = (await Number(forecast, "data-forecast-value"), await Number(forecast, "data-forecast-low"), await Number(forecast, "data-forecast-high"));
        Assert.InRange(value, low, high);
        await forecast.Locator("summary").ClickAsync();
        Assert.Equal(12, await forecast.Locator("[data-testid='forecast-table'] tbody tr").CountAsync());
        await forecast.ScrollIntoViewIfNeededAsync();
        await ScreenshotAsync(page, $"forecast-{(dark ? "dark" : "light")}");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_trials_page_counts_the_running_trial_and_drills_into_its_step(bool dark)
    {
        var page = await OpenAsync("trials?range=30d", dark);

        var funnel = page.Locator("[data-testid='trial-funnel']");
        await funnel.WaitForAsync(new() { Timeout = Timeout });
        Assert.Equal("1", await funnel.GetAttributeAsync("data-started"));
        await page.Locator("[data-testid='trial-step-trialing']").ClickAsync();
        await page.Locator("[data-testid='trial-list'][data-step='trialing']").WaitForAsync(new() { Timeout = Timeout });
        Assert.Contains("Customer e", await page.Locator("[data-testid='trial-list'] tbody").InnerTextAsync(), StringComparison.Ordinal);
        await ScreenshotAsync(page, $"trials-{(dark ? "dark" : "light")}");
    }

    [Fact]
    public async Task An_owner_adds_a_note_to_the_timeline_and_a_viewer_sees_it_without_the_form()
    {
        var page = await OpenAsync("customers", dark: false);
        await page.Locator("[data-testid='customer-table'] a", new() { HasText = "Customer d" }).ClickAsync();
        var timeline = page.Locator("[data-testid='customer-timeline']");
        await timeline.WaitForAsync(new() { Timeout = Timeout });
        await page.Locator("[data-testid='note-form']").WaitForAsync(new() { Timeout = Timeout });
        var text = "Left for a cheaper tool " + Guid.NewGuid().ToString("N")[..6];

        await page.Locator("[data-testid='note-text']").FillAsync(text);
        await page.Locator("[data-testid='note-add']").ClickAsync();

        var note = timeline.Locator("li[data-kind='note']", new() { HasText = text });
        await note.WaitForAsync(new() { Timeout = Timeout });
        Assert.Equal(1, await timeline.Locator("li[data-kind='subscription']", new() { HasText = "Subscription ended" }).CountAsync());
        await timeline.ScrollIntoViewIfNeededAsync();
        await ScreenshotAsync(page, "customer-timeline");

        var viewer = await fixture.NewPageAsync(role: BrowserRole.Viewer);
        await viewer.GotoAsync(page.Url);
        await viewer.Locator("[data-testid='customer-timeline'] li[data-kind='note']", new() { HasText = text }).WaitForAsync(new() { Timeout = Timeout });
        Assert.Equal(0, await viewer.Locator("[data-testid='note-form']").CountAsync());
        Assert.Equal(0, await viewer.Locator("[data-testid='note-delete']").CountAsync());
    }

    private static async Task<long> Number(ILocator locator, string attribute) =>
        long.Parse((await locator.GetAttributeAsync(attribute))!, CultureInfo.InvariantCulture);

    private async Task<IPage> OpenAsync(string path, bool dark)
    {
        var page = await fixture.NewPageAsync(1366, 900);
        page.LogConsoleTo(output);
        if (dark)
        {
            await page.Context.AddCookiesAsync([new Cookie { Name = "DashboardTheme", Value = "material-dark", Url = fixture.Server.BaseAddress.ToString() }]);
        }

        await page.GotoAsync(path);
        await page.Locator("[data-interactive='true']").First.WaitForAsync(new() { Timeout = Timeout });
        return page;
    }

    private async Task ScreenshotAsync(IPage page, string name)
    {
        await page.WaitForTimeoutAsync(500);
        var path = Path.Combine(OverviewFixture.ScreenshotDirectory, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path });
        output.WriteLine($"Screenshot: {path}");
    }
}
