using Xunit.Abstractions;

namespace Dashboard.Browser.Tests;

/// <summary>
/// The trial funnel in Chromium over <see cref="OverviewFixture"/>'s data when the filters keep no customer (nobody is on
/// an "enterprise" plan): the shared "No customer matches these filters" panel replaces the funnel's zeros, and its
/// Clear filters button brings the funnel back with the range kept.
/// </summary>
public sealed class TrialsNoMatchTests(OverviewFixture fixture, ITestOutputHelper output) : IClassFixture<OverviewFixture>
{
    private const float Timeout = 30_000;

    [Fact]
    public async Task Filters_that_match_nobody_say_so_and_clear_filters_brings_the_funnel_back()
    {
        var page = await fixture.NewPageAsync();
        page.LogConsoleTo(output);
        await page.GotoAsync("trials?range=30d&filter=plan%3Aeq%3Aenterprise");
        var panel = page.Locator("[data-testid='no-match']");
        await panel.WaitForAsync(new() { Timeout = Timeout });
        await page.Locator("[data-interactive='true']").First.WaitForAsync(new() { Timeout = Timeout });

        Assert.Contains("No customer matches these filters", await panel.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("[data-testid='trial-funnel']").CountAsync());
        Assert.Equal(0, await page.Locator("[data-testid='trial-list']").CountAsync());

        await page.Locator("[data-testid='no-match-clear']").ClickAsync();
        await page.Locator("[data-testid='trial-funnel'][data-started='1']").WaitForAsync(new() { Timeout = Timeout });
        Assert.DoesNotContain("filter=", page.Url, StringComparison.Ordinal);
        Assert.Contains("range=30d", page.Url, StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("[data-testid='no-match']").CountAsync());
    }
}
