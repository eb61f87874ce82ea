using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Dashboard.Browser.Tests;

/// <summary>Addresses that lead nowhere: the not-found page inside the layout, status 404, naming what was asked for.</summary>
public sealed class NotFoundPageTests(OverviewFixture fixture, ITestOutputHelper output) : IClassFixture<OverviewFixture>
{
    private const float Timeout = 30_000;

    [Fact]
    public async Task An_unknown_address_gets_status_404_and_a_page_in_the_layout_that_links_back()
    {
        var page = await fixture.NewPageAsync();
        page.LogConsoleTo(output);

        var response = await page.GotoAsync("no/such/page");

        Assert.Equal(404, response!.Status);
        await page.Locator("[data-testid='page-not-found']").WaitForAsync(new() { Timeout = Timeout });
        Assert.Contains("/no/such/page", await page.Locator("[data-testid='page-not-found']").InnerTextAsync());
        Assert.True(await page.Locator(".dashboard-sidebar").IsVisibleAsync(), "the page is drawn inside the layout");
        await page.Locator("[data-testid='not-found-link']").ClickAsync();
        await page.Locator("[data-testid='page-not-found']").WaitForAsync(new() { State = WaitForSelectorState.Detached, Timeout = Timeout });
        Assert.Equal(fixture.Server.BaseAddress.ToString(), page.Url);
    }

    [Fact]
    public async Task An_unknown_metric_gets_status_404_and_no_csv_link_filters_or_chart()
    {
        var page = await fixture.NewPageAsync();
        page.LogConsoleTo(output);

        var response = await page.GotoAsync("metrics/bogus");

        Assert.Equal(404, response!.Status);
        await page.Locator("[data-testid='metric-not-found']").WaitForAsync(new() { Timeout = Timeout });
        Assert.Contains("bogus", await page.Locator("[data-testid='metric-not-found']").InnerTextAsync());
        await page.Locator("[data-interactive='true']").Or(page.Locator("[data-testid='not-found-link']")).First.WaitForAsync(new() { Timeout = Timeout });
        Assert.Equal(0, await page.Locator("[data-testid='csv-link']").CountAsync());
        Assert.Equal(0, await page.Locator(".filter-builder").CountAsync());
        Assert.Equal(0, await page.Locator(".metric-chart").CountAsync());
    }

    [Fact]
    public async Task An_unknown_customer_gets_status_404_and_names_the_id()
    {
        var page = await fixture.NewPageAsync();

        var response = await page.GotoAsync("customers/987654321");

        Assert.Equal(404, response!.Status);
        await page.Locator("[data-testid='customer-not-found']").WaitForAsync(new() { Timeout = Timeout });
        Assert.Contains("987654321", await page.Locator("[data-testid='customer-not-found']").InnerTextAsync());
    }

    [Fact]
    public async Task An_unknown_segment_on_a_metric_page_offers_the_metric_without_it_and_nothing_to_download()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("metrics/mrr?segment_id=987654321");

        await page.Locator("[data-testid='segment-not-found']").WaitForAsync(new() { Timeout = Timeout });
        Assert.Equal(0, await page.Locator("[data-testid='csv-link']").CountAsync());
        Assert.Equal(0, await page.Locator(".metric-chart").CountAsync());
        await page.Locator("[data-testid='segment-not-found-link']").ClickAsync();
        await page.Locator(".metric-chart[data-metric='mrr']").WaitForAsync(new() { Timeout = Timeout });
    }

    [Fact]
    public async Task An_unknown_api_address_keeps_its_json_answer()
    {
        using var client = new HttpClient { BaseAddress = fixture.Server.BaseAddress };

        var response = await client.GetAsync("api/v1/no_such_thing");

        Assert.NotEqual("text/html", response.Content.Headers.ContentType?.MediaType);
    }
}
