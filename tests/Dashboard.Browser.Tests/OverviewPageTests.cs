using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Dashboard.Browser.Tests;

/// <summary>The Overview in a real Chromium against the real app: values, the SVG chart, and interactivity over SignalR.</summary>
public sealed class OverviewPageTests(OverviewFixture fixture, ITestOutputHelper output) : IClassFixture<OverviewFixture>
{
    private const float Timeout = 30_000;

    [Fact]
    public async Task Kpi_cards_show_the_stores_numbers()
    {
        var page = await OpenOverviewAsync();

        Assert.Equal("6000", await ValueOf(page, "mrr"));
        Assert.Equal("3", await ValueOf(page, "active_customers"));
        Assert.Equal("2000", await ValueOf(page, "arpu"));
        Assert.Equal("25", await ValueOf(page, "customer_churn_rate"));
        Assert.Equal("$60.00", await TextOf(page, "mrr"));
        Assert.Equal("$20.00", await TextOf(page, "arpu"));
        Assert.Equal("25.0 %", await TextOf(page, "customer_churn_rate"));
        Assert.Contains("14.3 %", await page.Locator(".kpi-card[data-metric='mrr'] .kpi-card__delta").InnerTextAsync());
        await ScreenshotAsync(page, "overview-laptop");
    }

    [Fact]
    public async Task Mrr_chart_is_drawn_as_svg_with_a_point_per_month()
    {
        var page = await OpenOverviewAsync();

        var chart = page.Locator("section.chart-card[data-metric='mrr']");
        await WaitForChartAsync(page);
        Assert.Equal("6000", await chart.GetAttributeAsync("data-value"));
        Assert.Equal(12, (await chart.GetAttributeAsync("data-series"))!.Split(';').Length);
        Assert.True(await chart.Locator("svg circle").CountAsync() >= 12, "The chart should draw a marker per month.");
    }

    [Fact]
    public async Task Range_picker_changes_the_chart_through_the_circuit()
    {
        var page = await OpenOverviewAsync();
        var chart = page.Locator("section.chart-card[data-metric='mrr']");
        await WaitForChartAsync(page);
        var labelsBefore = await CategoryLabelsAsync(page);

        await page.Locator("[data-testid='range-picker']").GetByText("3M", new() { Exact = true }).ClickAsync();

        await page.Locator("section.chart-card[data-months='3']").WaitForAsync(new() { Timeout = Timeout });
        Assert.Equal(3, (await chart.GetAttributeAsync("data-series"))!.Split(';').Length);
        await page.WaitForFunctionAsync(
            "n => document.querySelectorAll('section.chart-card svg .rz-category-axis text, section.chart-card svg .rz-axis text').length !== n",
            labelsBefore, new() { Timeout = Timeout });
        await ScreenshotAsync(page, "overview-3-months");
    }

    [Fact]
    public async Task Theme_toggle_switches_to_dark_and_is_remembered()
    {
        var page = await OpenOverviewAsync();
        var themeLink = page.Locator("link#radzen-theme-link");
        Assert.DoesNotContain("dark", await themeLink.GetAttributeAsync("href"));

        await page.Locator("[data-testid='theme-toggle']").ClickAsync();

        await page.WaitForFunctionAsync("() => document.getElementById('radzen-theme-link').href.includes('material-dark')", null, new() { Timeout = Timeout });
        await page.WaitForFunctionAsync("() => document.cookie.includes('DashboardTheme=material-dark')", null, new() { Timeout = Timeout });
        await page.ReloadAsync();
        await page.Locator(".kpi-card").First.WaitForAsync(new() { Timeout = Timeout });
        Assert.Contains("material-dark", await themeLink.GetAttributeAsync("href"));
        await WaitForChartAsync(page);
        await ScreenshotAsync(page, "overview-dark");
    }

    [Fact]
    public async Task Sidebar_navigates_to_the_customers_page()
    {
        var page = await OpenOverviewAsync();

        await page.Locator(".rz-sidebar").GetByText("Customers", new() { Exact = true }).ClickAsync();

        await page.WaitForURLAsync("**/customers", new() { Timeout = Timeout });
        await page.Locator("[data-testid='customer-table']").WaitForAsync(new() { Timeout = Timeout });
        Assert.Equal("Customers", (await page.Locator(".page-header h1").TextContentAsync())?.Trim());
    }

    [Fact]
    public async Task Phone_width_shows_the_cards_without_horizontal_scrolling()
    {
        var page = await OpenOverviewAsync(width: 390, height: 844);
        await WaitForChartAsync(page);

        var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1");
        Assert.False(overflow, "The page scrolls sideways at 390 px.");
        // The layout scrolls inside its body, so a full-page shot would stop at the viewport: make the phone taller instead.
        await page.SetViewportSizeAsync(390, 1250);
        await WaitForChartAsync(page);
        await ScreenshotAsync(page, "overview-phone");
    }

    private async Task<IPage> OpenOverviewAsync(int width = 1366, int height = 900)
    {
        var page = await fixture.NewPageAsync(width, height);
        page.Console += (_, message) => output.WriteLine($"console {message.Type}: {message.Text}");
        await page.GotoAsync("/");
        await page.Locator(".kpi-card[data-metric='mrr']").WaitForAsync(new() { Timeout = Timeout });
        // Interactive once the circuit is up: Blazor marks the document and the chart draws its SVG.
        await page.WaitForFunctionAsync("() => window.Blazor !== undefined", null, new() { Timeout = Timeout });
        return page;
    }

    private static async Task WaitForChartAsync(IPage page) =>
        await page.Locator("section.chart-card svg .rz-area-series path").First.WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = Timeout });

    private static Task<string?> ValueOf(IPage page, string metric) =>
        page.Locator($".kpi-card[data-metric='{metric}']").GetAttributeAsync("data-value");

    private static async Task<string> TextOf(IPage page, string metric) =>
        (await page.Locator($".kpi-card[data-metric='{metric}'] .kpi-card__value").InnerTextAsync()).Trim();

    private static Task<int> CategoryLabelsAsync(IPage page) =>
        page.EvaluateAsync<int>("() => document.querySelectorAll('section.chart-card svg .rz-category-axis text, section.chart-card svg .rz-axis text').length");

    private async Task ScreenshotAsync(IPage page, string name)
    {
        var path = Path.Combine(OverviewFixture.ScreenshotDirectory, name + ".png");
        await page.WaitForTimeoutAsync(400); // let the chart's entry animation finish
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path });
        output.WriteLine($"Screenshot: {path}");
    }
}
