using System.Globalization;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Dashboard.Browser.Tests;

/// <summary>
/// docs/ui.md, "Headline numbers", in Chromium on <see cref="OverviewFixture"/>'s known data (D churned 10 days ago): a
/// daily rate is named by the trailing 30 days it covers in its table and tooltip, and category axes never draw
/// overlapping labels, at laptop or phone width.
/// </summary>
public sealed class PeriodLabelBrowserTests(OverviewFixture fixture, ITestOutputHelper output) : IClassFixture<OverviewFixture>
{
    private const float Timeout = 30_000;

    [Fact]
    public async Task A_daily_churn_point_names_its_trailing_window_in_the_table_and_the_tooltip()
    {
        var page = await OpenAsync("metrics/customer_churn_rate?range=30d&interval=day", 1366, 900);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);

        var rows = page.Locator("table[data-testid='metric-table'] tbody tr");
        Assert.Equal(30, await rows.CountAsync());
        var last = rows.Last;
        Assert.Equal($"30 days to {today.ToString("MMM d", CultureInfo.InvariantCulture)}, so far", (await last.Locator("th").InnerTextAsync()).Trim());
        Assert.Equal(today.AddDays(-29).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), await last.GetAttributeAsync("data-window-start"));
        // A, B, C and D paid when the 30 days began; D churned within them.
        Assert.Equal("25", await last.GetAttributeAsync("data-value"));
        var first = (await rows.First.Locator("th").InnerTextAsync()).Trim();
        Assert.Equal($"30 days to {today.AddDays(-29).ToString("MMM d, yyyy", CultureInfo.InvariantCulture)}", first);

        await page.WaitForFunctionAsync(
            "() => document.querySelector('section.metric-chart').getAnimations({ subtree: true }).every(a => a.playState !== 'running')", null, new() { Timeout = Timeout });
        var marker = page.Locator("section.metric-chart svg .rz-marker, section.metric-chart svg circle").First;
        await marker.ScrollIntoViewIfNeededAsync();
        var box = await marker.BoundingBoxAsync();
        Assert.NotNull(box);
        await page.Mouse.MoveAsync(box.X + (box.Width / 2), box.Y + (box.Height / 2));

        var tooltip = page.Locator("[data-testid='chart-tooltip']").First;
        await tooltip.WaitForAsync(new() { Timeout = Timeout });
        Assert.Equal(first, (await tooltip.Locator(".chart-tooltip__period").InnerTextAsync()).Trim());
        // The axis keeps the short day.
        var axis = await AxisLabelsAsync(page);
        Assert.Contains(today.AddDays(-29).ToString("MMM d", CultureInfo.InvariantCulture), axis.Select(l => l.Text));
    }

    [Theory]
    [InlineData("metrics/customer_churn_rate?range=12m&interval=day", 390)]
    [InlineData("metrics/customer_churn_rate?range=12m&interval=day", 1366)]
    [InlineData("metrics/mrr?range=3m&interval=day", 390)]
    [InlineData("metrics/mrr?range=3m&interval=day", 1366)]
    [InlineData("metrics/mrr?range=12m&interval=week", 390)]
    [InlineData("metrics/mrr?range=all&interval=month", 390)]
    [InlineData("metrics/mrr?range=12m&interval=quarter", 390)]
    public async Task Category_labels_never_overlap(string url, int width)
    {
        var page = await OpenAsync(url, width, 844);

        var labels = await AxisLabelsAsync(page);

        Assert.True(labels.Count >= 2, $"{url} at {width} px draws {labels.Count} labels");
        for (var i = 1; i < labels.Count; i++)
        {
            Assert.True(labels[i - 1].Right <= labels[i].Left,
                $"{url} at {width} px: '{labels[i - 1].Text}' ends at {labels[i - 1].Right:0.#}, '{labels[i].Text}' starts at {labels[i].Left:0.#}");
        }
    }

    [Theory]
    [InlineData("?range=12m&interval=day", 390)]
    [InlineData("?range=12m&interval=day", 1366)]
    [InlineData("?range=30d&interval=week", 390)]
    [InlineData("mrr-breakdown?range=3m&interval=day", 390)]
    [InlineData("mrr-breakdown?range=all&interval=quarter", 390)]
    public async Task The_mrr_charts_labels_never_overlap(string url, int width)
    {
        var page = await fixture.NewPageAsync(width, 844);
        page.LogConsoleTo(output);
        await page.GotoAsync(url);
        var spans = page.Locator(".mrr-chart__categories span");
        await spans.First.WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = Timeout });

        var labels = (await spans.EvaluateAllAsync<double[][]>(
                "spans => spans.filter(s => getComputedStyle(s).display !== 'none').map(s => { const r = s.getBoundingClientRect(); return [r.left, r.right]; })"))
            .OrderBy(b => b[0]).ToList();

        Assert.True(labels.Count >= 2, $"{url} at {width} px draws {labels.Count} labels");
        Assert.True(labels.Count <= (width < 640 ? 6 : 12), $"{url} at {width} px draws {labels.Count} labels");
        for (var i = 1; i < labels.Count; i++)
        {
            Assert.True(labels[i - 1][1] <= labels[i][0], $"{url} at {width} px: label {i - 1} ends at {labels[i - 1][1]:0.#}, label {i} starts at {labels[i][0]:0.#}");
        }
    }

    /// <summary>The category axis's drawn labels, left to right, with their horizontal extent on screen.</summary>
    private static async Task<List<(string Text, double Left, double Right)>> AxisLabelsAsync(IPage page)
    {
        var boxes = await page.Locator("section.metric-chart g.rz-category-axis .rz-tick-text").EvaluateAllAsync<double[][]>(
            "texts => texts.filter(t => t.textContent.trim() !== '' && getComputedStyle(t).display !== 'none')"
            + ".map(t => { const r = t.getBoundingClientRect(); return [r.left, r.right]; })");
        var texts = await page.Locator("section.metric-chart g.rz-category-axis .rz-tick-text").EvaluateAllAsync<string[]>(
            "texts => texts.filter(t => t.textContent.trim() !== '' && getComputedStyle(t).display !== 'none').map(t => t.textContent.trim())");
        return texts.Select((t, i) => (t, boxes[i][0], boxes[i][1])).OrderBy(l => l.Item2).ToList();
    }

    private async Task<IPage> OpenAsync(string url, int width, int height)
    {
        var page = await fixture.NewPageAsync(width, height);
        page.LogConsoleTo(output);
        await page.GotoAsync(url);
        await page.Locator("section.metric-chart").WaitForAsync(new() { Timeout = Timeout });
        await page.Locator("section.metric-controls[data-interactive='true']").WaitForAsync(new() { Timeout = Timeout });
        await page.Locator("section.metric-chart g.rz-category-axis .rz-tick-text").First.WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = Timeout });
        return page;
    }
}
