using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Dashboard.Browser.Tests;

/// <summary>
/// Annotations, goals and the "no customer matches" state in Chromium against the real app on the known data set of
/// <see cref="OverviewFixture"/> (today A $10, B $20, C $30 pay: MRR $60; nobody is on an "enterprise" plan). Form
/// validation and the stored rows are tested with bUnit (Dashboard.Web.Tests, GoalEditorTests, ChartNotesEverywhereTests).
/// </summary>
public sealed class ChartNotesTests(OverviewFixture fixture, ITestOutputHelper output) : IClassFixture<OverviewFixture>
{
    private const float Timeout = 30_000;

    [Fact]
    public async Task An_annotation_added_from_a_point_of_the_overview_chart_becomes_a_marker_whose_note_shows_on_hover()
    {
        var page = await OpenAsync("?range=3m&interval=month", "section.chart-card");

        var column = page.Locator(".mrr-chart__column").Nth(1);
        var date = await column.GetAttributeAsync("data-date");
        await column.ClickAsync();
        var form = page.Locator("[data-testid='annotation-form']");
        await form.WaitForAsync(new() { Timeout = Timeout });
        Assert.Equal(date, await page.Locator("[data-testid='annotation-date'] input").InputValueAsync());
        await page.Locator("[data-testid='annotation-text']").FillAsync("Price change");
        await page.Locator("[data-testid='annotation-add']").ClickAsync();

        var marker = page.Locator($"section.chart-card [data-testid='annotation-marker'][data-date='{date}']");
        await marker.WaitForAsync(new() { Timeout = Timeout });
        var tip = marker.Locator("[data-testid='annotation-tip']");
        Assert.False(await tip.IsVisibleAsync());
        await marker.HoverAsync();
        await tip.WaitForAsync(new() { State = WaitForSelectorState.Visible, Timeout = Timeout });
        Assert.Contains("Price change", await tip.InnerTextAsync());
        await ScreenshotAsync(page, "overview-annotation-light-1366");

        // The MRR card's sparkline carries the note under the same bucket; it reads on hover.
        var cardMarker = page.Locator($".kpi-card[data-metric='mrr'] [data-testid='kpi-annotations'] [data-testid='annotation-marker'][data-date='{date}']");
        await cardMarker.WaitForAsync(new() { Timeout = Timeout });
        Assert.Equal($"Annotations on MRR", await page.Locator(".kpi-card[data-metric='mrr'] [data-testid='kpi-annotations']").GetAttributeAsync("aria-label"));
        Assert.Contains("Price change", await cardMarker.GetAttributeAsync("aria-label"), StringComparison.Ordinal);
        var cardTip = cardMarker.Locator("[data-testid='annotation-tip']");
        await cardMarker.HoverAsync();
        await cardTip.WaitForAsync(new() { State = WaitForSelectorState.Visible, Timeout = Timeout });
        Assert.Contains("Price change", await cardTip.InnerTextAsync());

        // At phone width the marker stays on its card and the note, opened with the keyboard, stays on the screen.
        await page.SetViewportSizeAsync(390, 844);
        await page.Mouse.MoveAsync(0, 0);
        await cardMarker.FocusAsync();
        await cardTip.WaitForAsync(new() { State = WaitForSelectorState.Visible, Timeout = Timeout });
        var tipBox = (await cardTip.BoundingBoxAsync())!;
        var cardBox = (await page.Locator(".kpi-card[data-metric='mrr']").BoundingBoxAsync())!;
        var markerBox = (await cardMarker.BoundingBoxAsync())!;
        Assert.True(tipBox.X >= 0 && tipBox.X + tipBox.Width <= 390, $"The note spans {tipBox.X}..{tipBox.X + tipBox.Width} on a 390 px screen.");
        Assert.True(markerBox.X >= cardBox.X && markerBox.X + markerBox.Width <= cardBox.X + cardBox.Width, "The marker sits on its card.");
        Assert.True(tipBox.X >= cardBox.X - 1 && tipBox.X + tipBox.Width <= cardBox.X + cardBox.Width + 1,
            $"The note spans {tipBox.X}..{tipBox.X + tipBox.Width}, its card {cardBox.X}..{cardBox.X + cardBox.Width}.");
        await ScreenshotAsync(page, "overview-card-annotation-light-390");
        await page.SetViewportSizeAsync(1366, 900);

        // The same note is on the MRR metric page's chart.
        await page.GotoAsync("metrics/mrr?range=3m&interval=month");
        await page.Locator($"section.metric-chart [data-testid='annotation-marker'][data-date='{date}']").WaitForAsync(new() { Timeout = Timeout });
    }

    [Fact]
    public async Task A_goal_set_on_the_metric_page_shows_its_progress_there_and_on_the_overview_card()
    {
        var page = await OpenAsync("metrics/active_customers?range=30d&interval=week", "section.metric-chart");

        await page.Locator("[data-testid='goal-open']").ClickAsync();
        await page.Locator("[data-testid='goal-target']").FillAsync("6");
        await page.Locator("[data-testid='goal-date']").TypeRadzenDateAsync("2030-01-31");
        await page.Locator("[data-testid='goal-save']").ClickAsync();

        // Three customers pay today, and a goal set today starts at three: none of the way to six yet.
        var progress = page.Locator("[data-testid='goal-progress']");
        await progress.WaitForAsync(new() { Timeout = Timeout });
        Assert.Equal("0 % of the way from 3 to the 6 goal by Jan 31, 2030", (await progress.InnerTextAsync()).Trim());
        await ScreenshotAsync(page, "metric-goal-light-1366");
        await DarkAsync(page);
        await page.Locator("[data-testid='goal-progress']").WaitForAsync(new() { Timeout = Timeout });
        await ScreenshotAsync(page, "metric-goal-dark-1366");

        await page.GotoAsync("?range=30d");
        var card = page.Locator(".kpi-card[data-metric='active_customers'] [data-testid='kpi-goal']");
        await card.WaitForAsync(new() { Timeout = Timeout });
        Assert.Equal("0", await card.GetAttributeAsync("data-goal-percent"));
    }

    [Fact]
    public async Task Filters_that_match_nobody_say_so_and_clear_filters_brings_the_chart_back()
    {
        var page = await OpenAsync("metrics/mrr?range=3m&interval=month&filter=plan%3Aeq%3Aenterprise", "[data-testid='no-match']");

        Assert.Equal(0, await page.Locator("section.metric-chart").CountAsync());
        Assert.Contains("No customer matches these filters", await page.Locator("[data-testid='no-match']").InnerTextAsync());
        await ScreenshotAsync(page, "metric-no-match-light-1366");

        await page.Locator("[data-testid='no-match-clear']").ClickAsync();
        await page.Locator("section.metric-chart[data-value='6000']").WaitForAsync(new() { Timeout = Timeout });
        Assert.DoesNotContain("filter=", page.Url, StringComparison.Ordinal);

        await page.GotoAsync("mrr-breakdown?range=3m&filter=plan%3Aeq%3Aenterprise");
        await DarkAsync(page);
        await page.Locator("[data-testid='no-match']").WaitForAsync(new() { Timeout = Timeout });
        await ScreenshotAsync(page, "breakdown-no-match-dark-1366");
    }

    [Fact]
    public async Task The_breakdown_chart_shows_each_periods_movements_on_hover_and_its_csv_downloads()
    {
        var page = await OpenAsync("mrr-breakdown?range=3m&interval=month", "[data-testid='mrr-breakdown-chart']");

        var lastColumn = page.Locator("[data-testid='mrr-breakdown-chart'] .mrr-chart__column").Last;
        await lastColumn.HoverAsync();
        var tooltip = lastColumn.Locator("[data-testid='chart-tooltip']");
        await tooltip.WaitForAsync(new() { State = WaitForSelectorState.Visible, Timeout = Timeout });
        Assert.Contains("MRR $60.00", await tooltip.InnerTextAsync());
        await ScreenshotAsync(page, "mrr-breakdown-chart-light-1366");

        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("[data-testid='csv-link']").ClickAsync());
        Assert.StartsWith("mrr-breakdown-", download.SuggestedFilename, StringComparison.Ordinal);
        var lines = (await File.ReadAllTextAsync((await download.PathAsync())!)).TrimEnd('\n').Split('\n');
        Assert.StartsWith("date,end_date,new_mrr,new_count", lines[0], StringComparison.Ordinal);
        Assert.Equal(await page.Locator("[data-testid='mrr-breakdown'] tbody tr").CountAsync(), lines.Length - 1);

        await DarkAsync(page);
        await page.Locator("[data-testid='mrr-breakdown-chart']").WaitForAsync(new() { Timeout = Timeout });
        await ScreenshotAsync(page, "mrr-breakdown-chart-dark-1366");
    }

    private async Task<IPage> OpenAsync(string url, string ready)
    {
        var page = await fixture.NewPageAsync();
        page.LogConsoleTo(output);
        await page.GotoAsync(url);
        await page.Locator(ready).First.WaitForAsync(new() { Timeout = Timeout });
        await page.Locator("[data-interactive='true']").First.WaitForAsync(new() { Timeout = Timeout });
        return page;
    }

    private async Task DarkAsync(IPage page)
    {
        await page.Context.AddCookiesAsync([new Cookie { Name = "DashboardTheme", Value = "material-dark", Url = fixture.Server.BaseAddress.ToString() }]);
        await page.ReloadAsync();
        await page.Locator("[data-interactive='true']").First.WaitForAsync(new() { Timeout = Timeout });
    }

    private async Task ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(OverviewFixture.ScreenshotDirectory);
        var path = Path.Combine(OverviewFixture.ScreenshotDirectory, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = false });
        output.WriteLine($"Screenshot: {path}");
    }
}
