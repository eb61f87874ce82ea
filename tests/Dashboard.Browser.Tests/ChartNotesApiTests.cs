using System.Globalization;
using System.Net.Http.Json;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Dashboard.Browser.Tests;

/// <summary>
/// Goals and annotations stored through the REST API (Baremetrics' shapes) show on the metric page in Chromium, on
/// <see cref="OverviewFixture"/>'s data set where MRR is $60.00 today. The endpoints and the page model are tested in
/// Dashboard.Web.Tests.
/// </summary>
public sealed class ChartNotesApiTests(OverviewFixture fixture, ITestOutputHelper output) : IClassFixture<OverviewFixture>
{
    private const float Timeout = 30_000;

    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    [Fact]
    public async Task A_goal_set_through_the_api_shows_its_progress_on_the_metric_page()
    {
        using var api = await fixture.ApiClientAsync(readOnly: false);
        var by = Today.AddDays(90);
        using var created = await api.PostAsJsonAsync("api/v1/goals", new Dictionary<string, object>
        {
            ["name"] = "Double MRR",
            ["metric"] = "mrr",
            ["start_amount"] = 3_000,
            ["end_amount"] = 12_000,
            ["start_date"] = Day(Today.AddDays(-30)),
            ["end_date"] = Day(by),
        });
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());

        var page = await OpenAsync("metrics/mrr?range=3m&interval=month");

        // From $30.00 to $120.00, $60.00 is a third of the way.
        var progress = page.Locator("[data-testid='goal-progress']");
        await Assertions.Expect(progress).ToBeVisibleAsync(new() { Timeout = Timeout });
        Assert.Equal("12000", await progress.GetAttributeAsync("data-goal-value"));
        Assert.Equal("33", await progress.GetAttributeAsync("data-goal-percent"));
        var text = await progress.InnerTextAsync();
        Assert.Contains("33 % of the way from $30.00 to the $120.00 goal", text, StringComparison.Ordinal);
        Assert.Contains("$120.00", text, StringComparison.Ordinal);
        Assert.Contains(by.ToString("MMM d, yyyy", CultureInfo.InvariantCulture), text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_annotation_added_through_the_api_is_a_marker_on_the_metric_chart_that_tells_its_text()
    {
        using var api = await fixture.ApiClientAsync(readOnly: false);
        var day = Day(Today.AddDays(-20));
        const string Note = "Price change for the pro plan";
        using var created = await api.PostAsJsonAsync("api/v1/annotations", new Dictionary<string, object>
        {
            ["metric"] = "mrr",
            ["annotation"] = Note,
            ["date"] = day,
        });
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());

        var page = await OpenAsync("metrics/mrr?range=3m&interval=month");

        var marker = page.Locator($"[data-testid='annotation-marker'][data-date='{day}']");
        await Assertions.Expect(marker).ToBeVisibleAsync(new() { Timeout = Timeout });
        await marker.HoverAsync();
        // What the marker says on hover: its title (the browser's own tooltip), its accessible name or a drawn tooltip.
        var told = page.Locator(
            $"[data-testid='annotation-marker'][title*='{Note}'], [data-testid='annotation-marker'][aria-label*='{Note}'], " +
            $"[data-testid='chart-tooltip']:has-text('{Note}'), [role='tooltip']:has-text('{Note}')");
        await Assertions.Expect(told.First).ToBeAttachedAsync(new() { Timeout = Timeout });
        Assert.Equal(1, await page.Locator("[data-testid='annotation-marker']").CountAsync());
    }

    private async Task<IPage> OpenAsync(string path)
    {
        var page = await fixture.NewPageAsync();
        page.LogConsoleTo(output);
        await page.GotoAsync(path);
        await PageReady.WaitAsync(page, Timeout);
        return page;
    }

    private static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
