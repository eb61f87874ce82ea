using System.Globalization;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Dashboard.Browser.Tests;

/// <summary>
/// The metric pages and the MRR breakdown in Chromium against the real app on the known data set of
/// <see cref="OverviewFixture"/>: today A $10, B $20, C $30 pay (MRR $60); D ($10) churned 10 days ago. Interval,
/// comparison and filter changes are tested with bUnit (Dashboard.Web.Tests, MetricPageTests).
/// </summary>
public sealed class MetricPagesTests(OverviewFixture fixture, ITestOutputHelper output) : IClassFixture<OverviewFixture>
{
    private const float Timeout = 30_000;

    private static string Today => DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public async Task Metric_page_shows_the_same_number_as_the_api_and_draws_the_series()
    {
        var page = await OpenAsync("metrics/mrr?range=30d&interval=day");

        var chart = page.Locator("section.metric-chart[data-metric='mrr']");
        // GET /api/v1/metrics/mrr?start_date=today-29&end_date=today&interval=day ends with A + B + C = $60.00.
        Assert.Equal("6000", await chart.GetAttributeAsync("data-value"));
        Assert.Equal("30", await chart.GetAttributeAsync("data-points"));
        Assert.Equal("$60.00", (await page.Locator("[data-testid='metric-current']").InnerTextAsync()).Trim());
        var rows = page.Locator("table[data-testid='metric-table'] tbody tr");
        Assert.Equal(30, await rows.CountAsync());
        Assert.Equal("6000", await rows.Last.GetAttributeAsync("data-value"));
        // Before D churned (10 days ago) MRR was $70.00.
        Assert.Equal("7000", await rows.First.GetAttributeAsync("data-value"));
        await WaitForChartAsync(page);
        Assert.Contains("Monthly recurring revenue", await page.Locator("[data-testid='metric-definition']").InnerTextAsync());
    }

    [Fact]
    public async Task Clicking_a_row_or_a_point_lists_the_customers_whose_contributions_sum_to_its_value()
    {
        var page = await OpenAsync("metrics/mrr?range=3m&interval=month");

        await page.Locator("table[data-testid='metric-table'] tbody tr").Last.ClickAsync();

        var drill = page.Locator("[data-testid='drill-down']");
        await drill.WaitForAsync(new() { Timeout = Timeout });
        Assert.Equal("6000", await drill.GetAttributeAsync("data-total"));
        Assert.Equal("6000", await drill.GetAttributeAsync("data-value"));
        var contributions = await drill.Locator("tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.contribution)");
        // A, B and C pay; D, who churned 10 days ago, contributes nothing to today's MRR and is not listed.
        Assert.Equal(["1000", "2000", "3000"], contributions.Order());
        Assert.DoesNotContain("churn -$10.00", await drill.InnerTextAsync());

        Assert.Equal(6000m, contributions.Sum(c => decimal.Parse(c, CultureInfo.InvariantCulture)));

        // A point of the chart: the first month of the range (A, B, C and D paid: $70.00).
        var firstMonth = await page.Locator("table[data-testid='metric-table'] tbody tr").First.GetAttributeAsync("data-value");
        await WaitForChartAsync(page);
        // The markers pop in with a CSS animation; a click during it may miss the point.
        await page.WaitForFunctionAsync(
            "() => document.querySelector('section.metric-chart').getAnimations({ subtree: true }).every(a => a.playState !== 'running')", null, new() { Timeout = Timeout });
        var marker = page.Locator("section.metric-chart svg .rz-marker, section.metric-chart svg circle").First;
        // The row click scrolled the page down to the table (the forecast panel makes it longer): bring the chart back
        // into view, since the mouse clicks at viewport coordinates.
        await marker.ScrollIntoViewIfNeededAsync();
        var box = await marker.BoundingBoxAsync();
        Assert.NotNull(box);
        await page.Mouse.ClickAsync(box.X + (box.Width / 2), box.Y + (box.Height / 2));
        await page.Locator($"[data-testid='drill-down'][data-total='{firstMonth}']").WaitForAsync(new() { Timeout = Timeout });
        Assert.Equal("7000", firstMonth);
        Assert.Equal(4, await drill.Locator("tbody tr").CountAsync());
        await ScreenshotAsync(page, "metric-page");
    }

    [Fact]
    public async Task Hovering_a_point_shows_its_period_and_formatted_value()
    {
        var page = await OpenAsync("metrics/mrr?range=3m&interval=month");
        await page.WaitForFunctionAsync(
            "() => document.querySelector('section.metric-chart').getAnimations({ subtree: true }).every(a => a.playState !== 'running')", null, new() { Timeout = Timeout });
        var firstRow = page.Locator("table[data-testid='metric-table'] tbody tr").First;
        var period = (await firstRow.Locator("th").InnerTextAsync()).Trim();
        // The range starts inside a month, so its first bucket is named by its real dates ("Sep 8–30, 2026").
        Assert.Matches(@"^[A-Z][a-z]{2} \d{1,2}(–\d{1,2}| – [A-Z][a-z]{2} \d{1,2}), \d{4}$", period);

        var marker = page.Locator("section.metric-chart svg .rz-marker, section.metric-chart svg circle").First;
        var box = await marker.BoundingBoxAsync();
        Assert.NotNull(box);
        await page.Mouse.MoveAsync(box.X + (box.Width / 2), box.Y + (box.Height / 2));

        var tooltip = page.Locator("[data-testid='chart-tooltip']").First;
        await tooltip.WaitForAsync(new() { Timeout = Timeout });
        Assert.Equal(period, (await tooltip.Locator(".chart-tooltip__period").InnerTextAsync()).Trim());
        // Before D churned (10 days ago) A, B, C and D paid: $70.00, formatted as the table shows it.
        Assert.Equal("$70.00", (await tooltip.Locator(".chart-tooltip__value").InnerTextAsync()).Trim());
        Assert.Equal("$70.00", (await firstRow.Locator("td").First.InnerTextAsync()).Trim());
        await ScreenshotAsync(page, "metric-tooltip");
    }

    [Fact]
    public async Task Csv_download_holds_what_the_table_shows()
    {
        var page = await OpenAsync("metrics/mrr?range=30d&interval=day&compare=true");

        var href = await page.Locator("[data-testid='csv-link']").GetAttributeAsync("href");
        Assert.StartsWith("export/metrics/mrr.csv?range=30d&interval=day&compare=true", href);
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("[data-testid='csv-link']").ClickAsync());
        var path = await download.PathAsync();
        var lines = (await File.ReadAllTextAsync(path)).TrimEnd('\n').Split('\n');

        Assert.Equal("metric,date,end_date,value,previous_value,unit,currency,period", lines[0]);
        Assert.Equal(31, lines.Length);
        // Today: $60.00; 30 days earlier A, B, C and D paid $70.00.
        var today = DateOnly.FromDateTime(DateTime.UtcNow).ToString("MMM d", CultureInfo.InvariantCulture);
        Assert.Equal($"mrr,{Today},{Today},6000,7000,money,USD,\"{today}, so far\"", lines[^1]);
        Assert.EndsWith(".csv", download.SuggestedFilename);
    }

    [Fact]
    public async Task Metric_list_and_mrr_breakdown_show_the_known_numbers()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("metrics");
        var mrr = page.Locator(".metric-tile[data-metric='mrr']");
        await mrr.WaitForAsync(new() { Timeout = Timeout });
        Assert.Equal("6000", await mrr.GetAttributeAsync("data-value"));
        Assert.Equal("1", await page.Locator(".metric-tile[data-metric='churned_customers']").GetAttributeAsync("data-value"));
        Assert.Equal("-1000", await page.Locator(".metric-tile[data-metric='churned_mrr']").GetAttributeAsync("data-value"));

        await page.GotoAsync("mrr-breakdown?range=3m&interval=month");
        await page.Locator("section.metric-controls[data-interactive='true']").WaitForAsync(new() { Timeout = Timeout });
        var current = page.Locator("[data-testid='mrr-breakdown'] tbody tr").First;
        await current.WaitForAsync(new() { Timeout = Timeout });
        Assert.Equal("6000", await current.GetAttributeAsync("data-mrr"));
        var churnRow = page.Locator("[data-testid='mrr-breakdown'] tbody tr:has(td[data-kind='churn'][data-count='1'])");
        Assert.Equal("-1000", await churnRow.Locator("td[data-kind='churn']").GetAttributeAsync("data-value"));

        await churnRow.ClickAsync();
        var drill = page.Locator("[data-testid='drill-down']");
        await drill.WaitForAsync(new() { Timeout = Timeout });
        Assert.Equal(await churnRow.GetAttributeAsync("data-net-new"), await drill.GetAttributeAsync("data-total"));
        Assert.Contains("churn -$10.00", await drill.InnerTextAsync());
        await ScreenshotAsync(page, "mrr-breakdown");
    }

    [Fact]
    public async Task Cohorts_heatmap_shows_each_first_paying_month()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("cohorts?range=all");
        var table = page.Locator("table[data-testid='cohorts']");
        await table.WaitForAsync(new() { Timeout = Timeout });

        // A, B, C and D started paying in four different months: four cohorts of one customer each (the months between are empty).
        Assert.Equal(4, await table.Locator("tbody tr[data-customers='1']").CountAsync());
        Assert.Equal(0, await table.Locator("tbody tr:not([data-customers='1']):not([data-customers='0'])").CountAsync());
        Assert.Equal("customers", await table.GetAttributeAsync("data-measure"));
        var firstCells = await table.Locator("tbody tr[data-customers='1'] td[data-period='0']").EvaluateAllAsync<string[]>("cells => cells.map(c => c.dataset.value)");
        Assert.All(firstCells, value => Assert.Equal("100", value));
        await page.Locator("section.metric-controls[data-interactive='true']").WaitForAsync(new() { Timeout = Timeout });
        await page.Locator("[data-testid='cohort-measure']").GetByText("Net MRR retained", new() { Exact = true }).ClickAsync();
        await page.Locator("table[data-testid='cohorts'][data-measure='mrr']").WaitForAsync(new() { Timeout = Timeout });
        Assert.Contains("measure=mrr", page.Url);
    }

    private async Task<IPage> OpenAsync(string url)
    {
        var page = await fixture.NewPageAsync();
        page.LogConsoleTo(output);
        await page.GotoAsync(url);
        await page.Locator("section.metric-chart").WaitForAsync(new() { Timeout = Timeout });
        await page.Locator("section.metric-controls[data-interactive='true']").WaitForAsync(new() { Timeout = Timeout });
        await WaitForChartAsync(page);
        return page;
    }

    private static async Task WaitForChartAsync(IPage page) =>
        await page.Locator("section.metric-chart svg path").First.WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = Timeout });

    private async Task ScreenshotAsync(IPage page, string name)
    {
        var path = Path.Combine(OverviewFixture.ScreenshotDirectory, name + ".png");
        // The layout scrolls inside its body, so a full-page shot would stop at the viewport: a taller laptop window instead.
        await page.SetViewportSizeAsync(1366, 1300);
        await page.EvaluateAsync("() => document.querySelectorAll('.rz-body, main, html').forEach(e => e.scrollTop = 0)");
        await page.WaitForTimeoutAsync(700);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path });
        output.WriteLine($"Screenshot: {path}");
    }
}
