using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Dashboard.Browser.Tests;

/// <summary>
/// The Segments page and the compare view in Chromium on <see cref="OverviewFixture"/>'s data set: A $10 basic,
/// B $20 pro, C $30 business pay today; D ($10 basic) churned 10 days ago; E is on a pro trial. The compare form's
/// metric, groups and count messages are tested with bUnit (Dashboard.Web.Tests, ComparePageTests).
/// </summary>
public sealed class SegmentPagesTests(OverviewFixture fixture, ITestOutputHelper output) : IClassFixture<OverviewFixture>
{
    private const float Timeout = 30_000;

    [Fact]
    public async Task A_segment_is_created_edited_and_deleted_in_the_browser()
    {
        var page = await OpenAsync("segments");

        await page.Locator("[data-testid='segment-new']").ClickAsync();
        await page.Locator("[data-testid='segment-save']").ClickAsync();
        var errors = page.Locator("[data-testid='segment-errors']");
        await errors.WaitForAsync(new() { Timeout = Timeout });
        Assert.Equal("name", await errors.Locator("li").First.GetAttributeAsync("data-field"));
        Assert.Contains("Name: is required", await errors.InnerTextAsync());

        await page.Locator("[data-testid='segment-name']").FillAsync("Business plan");
        await AddFilterAsync(page, "plan", "eq", "business");
        await page.Locator("[data-testid='segment-save']").ClickAsync();

        var row = page.Locator("tr[data-segment-name='Business plan']");
        await row.WaitForAsync(new() { Timeout = Timeout });
        Assert.Equal("3000", await row.Locator("td[data-metric='mrr']").GetAttributeAsync("data-value"));
        Assert.Equal("1", await row.Locator("td[data-metric='active_customers']").GetAttributeAsync("data-value"));
        Assert.Equal("$30.00", (await row.Locator("td[data-metric='mrr']").InnerTextAsync()).Trim());

        await row.Locator("[data-testid='segment-edit']").ClickAsync();
        await page.Locator("[data-testid='segment-name']").FillAsync("Basic plan");
        await page.Locator("[data-testid='segment-editor'] .filter-chip__remove").ClickAsync();
        await AddFilterAsync(page, "plan", "eq", "basic");
        await page.Locator("[data-testid='segment-save']").ClickAsync();

        var edited = page.Locator("tr[data-segment-name='Basic plan']");
        await edited.WaitForAsync(new() { Timeout = Timeout });
        Assert.Equal("1000", await edited.Locator("td[data-metric='mrr']").GetAttributeAsync("data-value"));
        Assert.Equal(0, await page.Locator("tr[data-segment-name='Business plan']").CountAsync());
        await ScreenshotAsync(page, "segments");

        await edited.Locator("[data-testid='segment-metric']").PickValueAsync("arpu");
        var id = await edited.GetAttributeAsync("data-segment-id");
        await edited.Locator($"[data-testid='segment-view'][href='metrics/arpu?segment_id={id}']").WaitForAsync(new() { Timeout = Timeout });

        await edited.Locator("[data-testid='segment-delete']").ClickAsync();
        await edited.Locator("[data-testid='segment-delete-confirm']").ClickAsync();
        await edited.WaitForAsync(new() { State = WaitForSelectorState.Detached, Timeout = Timeout });
    }

    [Fact]
    public async Task The_compare_view_draws_one_series_per_segment()
    {
        var basic = await CreateSegmentAsync("Basic customers", "basic");
        var pro = await CreateSegmentAsync("Pro customers", "pro");
        var page = await OpenAsync("segments");
        foreach (var id in new[] { basic, pro })
        {
            var pick = page.Locator($"tr[data-segment-id='{id}'] [data-testid='segment-pick']");
            await pick.ClickAsync();
            await Assertions.Expect(pick).ToHaveAttributeAsync("aria-checked", "true", new() { Timeout = Timeout });
        }

        await page.Locator("[data-testid='segment-compare']").ClickAsync();

        await page.WaitForAddressAsync($"/segments/compare?metric=mrr&segment_id={Math.Min(basic, pro)}&segment_id={Math.Max(basic, pro)}", Timeout);
        var chart = page.Locator("section.compare-chart[data-metric='mrr']");
        await chart.WaitForAsync(new() { Timeout = Timeout });
        Assert.Equal("2", await chart.GetAttributeAsync("data-series-count"));
        await page.WaitForFunctionAsync("() => document.querySelectorAll('section.compare-chart svg path.rz-line, section.compare-chart svg .rz-line-series path').length >= 2",
            null, new() { Timeout = Timeout });
        Assert.Equal(2, await chart.Locator(".rz-legend-item").CountAsync());
        Assert.Equal("1000", await page.Locator($"[data-segment='segment:{basic}'] .kpi-card").GetAttributeAsync("data-value"));
        Assert.Equal("2000", await page.Locator($"[data-segment='segment:{pro}'] .kpi-card").GetAttributeAsync("data-value"));
        Assert.Equal(3, await page.Locator("[data-testid='compare-table'] thead th").CountAsync());

        await page.WaitForTimeoutAsync(600);
        await ScreenshotAsync(page, "segments-compare");
    }

    private async Task<long> CreateSegmentAsync(string name, string plan)
    {
        using var api = await fixture.ApiClientAsync(readOnly: false);
        using var response = await api.PostAsJsonAsync("api/v1/segments", new { name, filters = new[] { new { field = "plan", op = "eq", value = plan } } });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        using var json = JsonDocument.Parse(body);
        return long.Parse(json.RootElement.GetProperty("segment").GetProperty("id").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task AddFilterAsync(IPage page, string field, string op, string value)
    {
        var editor = page.Locator("[data-testid='segment-editor']");
        await editor.Locator("[data-testid='filter-field']").PickValueAsync(field);
        await editor.Locator("[data-testid='filter-op']").PickValueAsync(op);
        await editor.Locator("[data-testid='filter-value']").TextBox().FillAsync(value);
        await editor.Locator("[data-testid='filter-add']").ClickAsync();
        await editor.Locator($".filter-chip[data-filter='{field}:{op}:{value}']").WaitForAsync(new() { Timeout = Timeout });
    }

    private async Task<IPage> OpenAsync(string path)
    {
        var page = await fixture.NewPageAsync();
        page.LogConsoleTo(output);
        await page.GotoAsync(path);
        // Interactive once the circuit is up: the page renders again over it and says so.
        await page.Locator("[data-interactive='true']").WaitForAsync(new() { Timeout = Timeout });
        return page;
    }

    private async Task ScreenshotAsync(IPage page, string name)
    {
        var path = Path.Combine(OverviewFixture.ScreenshotDirectory, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        output.WriteLine($"Screenshot: {path}");
    }
}
