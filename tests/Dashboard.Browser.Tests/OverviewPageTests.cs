using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Dashboard.Browser.Tests;

/// <summary>
/// The Overview in a real Chromium against the real app on <see cref="OverviewFixture"/>'s data set: the cards equal the
/// REST API's numbers for the same range, the MRR chart, the theme, phone width and the keyboard. Range, interval, filter
/// and card changes are tested with bUnit (Dashboard.Web.Tests, OverviewInteractionTests).
/// </summary>
public sealed class OverviewPageTests(OverviewFixture fixture, ITestOutputHelper output) : IClassFixture<OverviewFixture>
{
    private const float Timeout = 30_000;

    [Theory]
    [InlineData("?range=30d&interval=day")]
    [InlineData("?range=12m&interval=month")]
    [InlineData("?range=ytd&interval=week&filter=plan%3Aneq%3Apro")]
    [InlineData("?range=custom&start=2026-01-01&end=2026-03-31&interval=quarter")]
    public async Task Every_card_equals_the_api_for_the_same_range(string query)
    {
        var page = await OpenOverviewAsync(query);
        using var api = await fixture.ApiClientAsync();
        var grid = page.Locator("section.kpi-grid");
        var range = $"start_date={await grid.GetAttributeAsync("data-start")}&end_date={await grid.GetAttributeAsync("data-end")}"
            + $"&interval={await grid.GetAttributeAsync("data-interval")}";
        var filter = query.Contains("filter=", StringComparison.Ordinal) ? "&" + query.Split('&').Single(p => p.StartsWith("filter=", StringComparison.Ordinal)) : string.Empty;

        var cards = page.Locator(".kpi-card");
        Assert.Equal(10, await cards.CountAsync());
        foreach (var card in await cards.AllAsync())
        {
            var metric = (await card.GetAttributeAsync("data-metric"))!;
            using var json = JsonDocument.Parse(await api.GetStringAsync($"api/v1/metrics/{metric}?{range}{filter}"));
            // The card is the one figure for the whole range: the API's summary of the same query.
            var last = json.RootElement.GetProperty("summary").GetProperty("value");
            var expected = last.ValueKind == JsonValueKind.Null ? string.Empty : last.GetDecimal().ToString("0.####", CultureInfo.InvariantCulture);
            Assert.True(expected == await card.GetAttributeAsync("data-value"), $"{metric} for {query}: the API says '{expected}', the card '{await card.GetAttributeAsync("data-value")}'.");
        }

        Assert.Equal(await ValueOf(page, "mrr"), await page.Locator("section.chart-card").GetAttributeAsync("data-value"));
    }

    [Theory]
    [InlineData("?range=12m")]
    [InlineData("?range=3m&filter=plan%3Aneq%3Apro")]
    public async Task The_forecast_card_equals_the_apis_forecast_for_the_same_filters_and_links_to_the_mrr_forecast(string query)
    {
        var page = await OpenOverviewAsync(query);
        using var api = await fixture.ApiClientAsync();
        var filter = string.Join('&', query.TrimStart('?').Split('&').Where(p => p.StartsWith("filter=", StringComparison.Ordinal)));
        using var json = JsonDocument.Parse(await api.GetStringAsync($"api/v1/metrics/forecast?{filter}"));
        var last = json.RootElement.GetProperty("points")[11];

        var card = page.Locator("[data-testid='overview-forecast'][data-has-forecast='true']");
        await card.WaitForAsync(new() { Timeout = Timeout });
        foreach (var (metric, key) in new[] { ("mrr", "mrr"), ("active_customers", "customers") })
        {
            var figure = card.Locator($"[data-metric='{metric}']");
            Assert.Equal(
                [last.GetProperty(key).GetInt64(), last.GetProperty(key + "_low").GetInt64(), last.GetProperty(key + "_high").GetInt64()],
                await Task.WhenAll(new[] { "data-forecast-value", "data-forecast-low", "data-forecast-high" }
                    .Select(async a => long.Parse((await figure.GetAttributeAsync(a))!, CultureInfo.InvariantCulture))));
            Assert.StartsWith("range ", (await figure.Locator("[data-testid='overview-forecast-range']").InnerTextAsync()).Trim(), StringComparison.Ordinal);
        }

        var endMonth = DateOnly.ParseExact(last.GetProperty("end_date").GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        Assert.Contains($"By the end of {endMonth.ToString("MMM yyyy", CultureInfo.InvariantCulture)}", await card.InnerTextAsync(), StringComparison.Ordinal);

        // The link opens the MRR page's forecast panel for the same filters, with the same figure.
        await card.Locator("[data-testid='overview-forecast-link']").ClickAsync();
        var panel = page.Locator("[data-testid='forecast'][data-metric='mrr']");
        await panel.WaitForAsync(new() { Timeout = Timeout });
        Assert.Contains("metrics/mrr", page.Url, StringComparison.Ordinal);
        Assert.Equal(last.GetProperty("mrr").GetInt64().ToString(CultureInfo.InvariantCulture), await panel.GetAttributeAsync("data-forecast-value"));
    }

    [Fact]
    public async Task Mrr_chart_stacks_movements_and_draws_the_mrr_line()
    {
        var page = await OpenOverviewAsync("?range=30d&interval=week");

        var chart = page.Locator("section.chart-card[data-metric='mrr']");
        var points = int.Parse((await chart.GetAttributeAsync("data-points"))!, CultureInfo.InvariantCulture);
        Assert.Equal(points, await chart.Locator("g.mrr-chart__bucket").CountAsync());
        Assert.Equal(points, (await chart.Locator("polyline.mrr-chart__line").GetAttributeAsync("points"))!.Split(' ').Length);
        // D's churn (10 days ago) is the one movement of the range: -$10.00 below the zero line.
        Assert.Equal("-1000", await chart.Locator("rect[data-movement='churned_mrr']").GetAttributeAsync("data-value"));
        Assert.Equal(0, await chart.Locator("rect[data-movement='new_mrr']").CountAsync());
        Assert.Equal(-1000, (await chart.GetAttributeAsync("data-net-new"))!.Split(';').Sum(p => long.Parse(p.Split('=')[1], CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task Hovering_a_bucket_of_the_mrr_chart_shows_its_period_mrr_and_movements()
    {
        var page = await OpenOverviewAsync("?range=30d&interval=week");
        await WaitForChartAsync(page);

        var last = page.Locator("section.chart-card .mrr-chart__column").Last;
        await last.HoverAsync();

        var tooltip = last.Locator("[data-testid='chart-tooltip']");
        await tooltip.WaitForAsync(new() { State = WaitForSelectorState.Visible, Timeout = Timeout });
        var text = await tooltip.InnerTextAsync();
        // The last week is the current one: named by its days, "so far" (unless today, a Sunday, ends it); A + B + C pay $60.00 today.
        if (DateTime.UtcNow.DayOfWeek != DayOfWeek.Sunday)
        {
            Assert.Contains("so far", text, StringComparison.Ordinal);
        }

        Assert.Equal("$60.00", (await tooltip.Locator("[data-metric='mrr']").InnerTextAsync()).Trim());
        Assert.False(await page.Locator("section.chart-card .mrr-chart__column").First.Locator("[data-testid='chart-tooltip']").IsVisibleAsync());
        await ScreenshotAsync(page, "overview-tooltip");
    }

    [Fact]
    public async Task Blazors_own_script_is_served_and_its_circuit_turns_a_click_into_a_new_page()
    {
        var page = await fixture.NewPageAsync();
        page.LogConsoleTo(output);
        var script = page.WaitForResponseAsync(r => r.Url.Contains("/_framework/blazor.web.", StringComparison.Ordinal), new() { Timeout = Timeout });
        var circuit = page.WaitForWebSocketAsync(new() { Predicate = socket => socket.Url.Contains("/_blazor", StringComparison.Ordinal), Timeout = Timeout });

        await page.GotoAsync("/?range=12m&interval=month");

        var scriptResponse = await script;
        Assert.Equal(200, scriptResponse.Status);
        Assert.Contains("javascript", scriptResponse.Headers["content-type"], StringComparison.Ordinal);
        var plain = await page.Context.APIRequest.GetAsync("_framework/blazor.web.js");
        Assert.Equal(200, plain.Status);
        Assert.True((await plain.BodyAsync()).Length > 50_000, "blazor.web.js is smaller than Blazor's script.");
        await circuit;
        await page.Locator("[data-interactive='true']").WaitForAsync(new() { Timeout = Timeout });

        // Only a live circuit can answer the click: the server renders the chart again by week.
        await page.Locator("[data-testid='interval-picker']").GetByText("week", new() { Exact = true }).ClickAsync();

        await page.Locator("section.chart-card[data-interval='week']").WaitForAsync(new() { Timeout = Timeout });
        Assert.Contains("interval=week", page.Url, StringComparison.Ordinal);
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

        await page.WaitForAddressAsync("/customers", Timeout);
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

    [Fact]
    public async Task The_keyboard_alone_reaches_the_range_picker_the_cards_and_the_menu_whose_entries_open_with_enter()
    {
        var page = await fixture.NewPageAsync();
        page.LogConsoleTo(output);
        await page.GotoAsync("");
        await page.Locator("[data-interactive='true']").First.WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = Timeout });

        // Tab through the page, noting where the focus lands, until it reaches the navigation menu.
        var areas = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < 120 && !areas.Contains("nav"); i++)
        {
            await page.Keyboard.PressAsync("Tab");
            areas.Add(await page.EvaluateAsync<string>(
                "() => { const e = document.activeElement; if (!e || e === document.body) return ''; " +
                "return e.closest('.nav-menu') ? 'nav' : e.closest('[data-testid=range-picker]') ? 'range' : e.closest('[data-metric]') ? 'card' : 'other'; }"));
        }

        Assert.True(areas.IsSupersetOf(["range", "card", "nav"]), "Tab reached only: " + string.Join(", ", areas));

        // In the menu the arrow keys move between entries (each move is a round trip to the server) and Enter opens one.
        const string focused = "() => document.querySelector('.nav-menu .rz-state-focused')?.textContent ?? ''";
        for (var i = 0; i < 12 && !(await page.EvaluateAsync<string>(focused)).Contains("Customers", StringComparison.Ordinal); i++)
        {
            var before = await page.EvaluateAsync<string>(focused);
            await page.Keyboard.PressAsync("ArrowDown");
            await page.WaitForFunctionAsync($"before => ({focused})() !== before", before, new() { Timeout = Timeout });
        }

        Assert.Contains("Customers", await page.EvaluateAsync<string>(focused), StringComparison.Ordinal);
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForAddressAsync(new Regex("/customers$"), Timeout);
    }

    private async Task<IPage> OpenOverviewAsync(string query = "", int width = 1366, int height = 900)
    {
        var page = await fixture.NewPageAsync(width, height);
        page.LogConsoleTo(output);
        await page.GotoAsync("/" + query);
        await page.Locator(".kpi-card[data-metric='mrr']").WaitForAsync(new() { Timeout = Timeout });
        // Interactive once the circuit is up: the page renders again over it and says so.
        await page.Locator("[data-interactive='true']").WaitForAsync(new() { Timeout = Timeout });
        return page;
    }

    private static async Task WaitForChartAsync(IPage page) =>
        await page.Locator("section.chart-card svg polyline.mrr-chart__line").First.WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = Timeout });

    private static Task<string?> ValueOf(IPage page, string metric) =>
        page.Locator($".kpi-card[data-metric='{metric}']").GetAttributeAsync("data-value");

    private async Task ScreenshotAsync(IPage page, string name)
    {
        var path = Path.Combine(OverviewFixture.ScreenshotDirectory, name + ".png");
        await page.WaitForTimeoutAsync(400); // let the chart's entry animation finish
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path });
        output.WriteLine($"Screenshot: {path}");
    }
}
