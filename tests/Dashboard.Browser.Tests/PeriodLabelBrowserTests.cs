using System.Globalization;
using System.Text.Json;
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
    [InlineData("?range=30d&interval=week", 1366)]
    [InlineData("?range=12m&interval=month", 390)]
    [InlineData("mrr-breakdown?range=3m&interval=day", 390)]
    [InlineData("mrr-breakdown?range=all&interval=quarter", 390)]
    [InlineData("mrr-breakdown?range=all&interval=quarter", 1366)]
    public async Task The_mrr_charts_labels_never_overlap(string url, int width)
    {
        var page = await OpenMrrChartAsync(url, width);

        var drawn = await DrawnMrrLabelsAsync(page);

        Assert.True(drawn.Labels.Count >= 2, drawn.Description);
        Assert.True(drawn.Labels.Count <= 12, drawn.Description);
        AssertApart(drawn);
    }

    [Fact]
    public async Task The_mrr_charts_labels_are_fitted_again_when_the_window_narrows()
    {
        // Quarters since the first data day: the cut first quarter's label ("Feb 10 – Mar 31") is twice as long as the
        // others, so at phone width only every other label fits.
        var page = await OpenMrrChartAsync("mrr-breakdown?range=all&interval=quarter", 1366);
        var wide = await DrawnMrrLabelsAsync(page);
        AssertApart(wide);

        await page.SetViewportSizeAsync(390, 844);
        var narrow = await DrawnMrrLabelsAsync(page);

        AssertApart(narrow);
        Assert.True(narrow.Labels.Count < wide.Labels.Count, wide.Description + " / " + narrow.Description);
        Assert.Equal(wide.Labels[0].Text, narrow.Labels[0].Text);
    }

    private async Task<IPage> OpenMrrChartAsync(string url, int width)
    {
        var page = await fixture.NewPageAsync(width, 844);
        page.LogConsoleTo(output);
        await page.GotoAsync(url);
        // Measured once the page is live, as a user reads it (the interactive render replaces the prerendered one).
        await page.Locator("section.metric-controls[data-interactive='true']").WaitForAsync(new() { Timeout = Timeout });
        await page.Locator(".mrr-chart__categories span").First.WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = Timeout });
        return page;
    }

    /// <summary>
    /// The MRR chart's visible category labels, left to right, once the browser has fitted them (two animation frames
    /// after the last change, which is when chart-labels.js has run).
    /// </summary>
    private static async Task<(List<LabelBox> Labels, string Description)> DrawnMrrLabelsAsync(IPage page)
    {
        var json = await page.EvaluateAsync<string>(
            """
            async () => {
                await new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
                const row = document.querySelector('.mrr-chart__categories');
                return JSON.stringify({
                    viewport: innerWidth,
                    labels: [...row.querySelectorAll('span')]
                        .filter(s => getComputedStyle(s).display !== 'none' && getComputedStyle(s).visibility !== 'hidden')
                        .map(s => { const r = s.getBoundingClientRect(); return { text: s.textContent.trim(), left: r.left, right: r.right }; })
                });
            }
            """);
        var drawn = JsonSerializer.Deserialize<DrawnLabels>(json, JsonSerializerOptions.Web)!;
        var labels = drawn.Labels.OrderBy(l => l.Left).ToList();
        return (labels, $"{page.Url} in a {drawn.Viewport} px viewport draws "
            + string.Join(", ", labels.Select(l => $"'{l.Text}' {l.Left:0.#}–{l.Right:0.#}")));
    }

    private static void AssertApart((List<LabelBox> Labels, string Description) drawn)
    {
        for (var i = 1; i < drawn.Labels.Count; i++)
        {
            Assert.True(drawn.Labels[i - 1].Right <= drawn.Labels[i].Left, drawn.Description);
        }
    }

    private sealed record LabelBox(string Text, double Left, double Right);

    private sealed record DrawnLabels(int Viewport, List<LabelBox> Labels);

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
