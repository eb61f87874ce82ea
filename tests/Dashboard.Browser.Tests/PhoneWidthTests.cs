using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Dashboard.Browser.Tests;

/// <summary>
/// Every main page at a phone's width (390x844): the page itself never scrolls sideways (wide tables and charts scroll
/// inside their own container instead).
/// </summary>
public sealed class PhoneWidthTests(OverviewFixture fixture, ITestOutputHelper output) : IClassFixture<OverviewFixture>
{
    private const float Timeout = 30_000;

    [Theory]
    [InlineData("")]
    [InlineData("metrics")]
    [InlineData("metrics/mrr")]
    [InlineData("metrics/ltv")]
    [InlineData("metrics/customer_churn_rate")]
    [InlineData("mrr-breakdown")]
    [InlineData("cohorts")]
    [InlineData("segments")]
    [InlineData("segments/compare")]
    [InlineData("customers")]
    [InlineData("settings")]
    [InlineData("settings/sources")]
    [InlineData("settings/users")]
    [InlineData("import")]
    [InlineData("api-access")]
    public async Task Page_does_not_scroll_sideways_at_phone_width(string path)
    {
        var page = await fixture.NewPageAsync(390, 844);
        page.LogConsoleTo(output);
        await page.GotoAsync(path);
        await page.Locator("main").WaitForAsync(new() { Timeout = Timeout });
        var interactive = page.Locator("[data-interactive]");
        if (await interactive.CountAsync() > 0)
        {
            await page.Locator("[data-interactive='true']").First.WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = Timeout });
        }

        var name = path.Length == 0 ? "overview" : path.Replace('/', '-');
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(OverviewFixture.ScreenshotDirectory, $"phone-{name}.png"), FullPage = true });
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
        var wide = await page.EvaluateAsync<string>(
            "() => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)" +
            ".slice(0, 5).map(e => e.tagName + '.' + e.className).join(', ')");
        Assert.True(widths[0] <= widths[1], $"/{path} is {widths[0]} px wide at a {widths[1]} px viewport; wider elements: {wide}");
    }
}
