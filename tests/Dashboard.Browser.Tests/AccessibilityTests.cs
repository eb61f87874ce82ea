using System.Net.Http.Json;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Dashboard.Browser.Tests;

/// <summary>
/// axe-core on every page, in the light and the dark theme, on <see cref="OverviewFixture"/>'s data set: no serious or
/// critical violation (labels, contrast, landmarks, names of buttons and links, ARIA). The set-up page, which only an
/// app without accounts shows, is checked by <see cref="SetupAccessibilityTests"/>.
/// </summary>
public sealed class AccessibilityTests(OverviewFixture fixture, ITestOutputHelper output) : IClassFixture<OverviewFixture>
{
    private const float Timeout = 30_000;

    public static TheoryData<string, bool> SignedInPages()
    {
        string[] paths =
        [
            "",
            "metrics",
            "metrics/mrr?range=3m&interval=month",
            "mrr-breakdown?range=3m&interval=month",
            "trials?range=3m",
            "cohorts?range=all",
            "customers",
            "segments",
            "segments/compare?metric=mrr&group=plan%3Aeq%3Abasic&group=plan%3Aeq%3Apro",
            "exports",
            "import",
            "api-access",
            "settings",
            "settings/sources",
            "settings/users",
            "settings/audit-log",
        ];
        var data = new TheoryData<string, bool>();
        foreach (var path in paths)
        {
            data.Add(path, false);
            data.Add(path, true);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(SignedInPages))]
    public async Task A_page_has_no_serious_accessibility_violation(string path, bool dark)
    {
        var page = await fixture.NewPageAsync();
        await OpenAsync(page, path, dark);

        await AxeCheck.AssertNoSeriousViolationsAsync(page, $"/{path} ({Theme(dark)})");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_customers_page_has_no_serious_accessibility_violation(bool dark)
    {
        var page = await fixture.NewPageAsync();
        await OpenAsync(page, "customers", dark);
        var href = await page.Locator("[data-testid='customer-table'] a", new() { HasText = "Customer b" }).GetAttributeAsync("href");
        Assert.NotNull(href);
        await OpenAsync(page, href, dark);
        await page.Locator("[data-testid='customer-chart'] svg path").First.WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = Timeout });

        await AxeCheck.AssertNoSeriousViolationsAsync(page, $"/{href} ({Theme(dark)})");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_overview_with_notes_on_its_cards_and_the_forecast_has_no_serious_accessibility_violation(bool dark)
    {
        using (var api = await fixture.ApiClientAsync(readOnly: false))
        {
            var day = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-20).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            using var created = await api.PostAsJsonAsync("api/v1/annotations", new Dictionary<string, object>
            {
                ["metric"] = "mrr",
                ["annotation"] = "Accessibility check note",
                ["date"] = day,
                ["global"] = true,
            });
            Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        }

        var page = await fixture.NewPageAsync();
        await OpenAsync(page, "?range=3m&interval=month", dark);
        await page.Locator(".kpi-card [data-testid='kpi-annotations'] [data-testid='annotation-marker']").First.WaitForAsync(new() { Timeout = Timeout });
        await page.Locator("[data-testid='overview-forecast']").WaitForAsync(new() { Timeout = Timeout });

        await AxeCheck.AssertNoSeriousViolationsAsync(page, $"/ with annotations and the forecast ({Theme(dark)})");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_forms_behind_buttons_have_no_serious_accessibility_violation(bool dark)
    {
        // The export form (dropdowns, checkboxes, a switch, a password box), opened as an owner does.
        var page = await fixture.NewPageAsync();
        await OpenAsync(page, "exports", dark);
        await page.Locator("[data-testid='export-new']").ClickAsync();
        await page.Locator("[data-testid='export-preview-table']").WaitForAsync(new() { Timeout = Timeout });
        await AxeCheck.AssertNoSeriousViolationsAsync(page, $"/exports, new export form ({Theme(dark)})");

        // The goal form (text boxes and a date picker) above a metric's chart.
        await OpenAsync(page, "metrics/active_customers?range=3m&interval=month", dark);
        await page.Locator("[data-testid='goal-open']").ClickAsync();
        await page.Locator("[data-testid='goal-form']").WaitForAsync(new() { Timeout = Timeout });
        await AxeCheck.AssertNoSeriousViolationsAsync(page, $"/metrics/active_customers, goal form ({Theme(dark)})");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_sign_in_page_has_no_serious_accessibility_violation(bool dark)
    {
        var page = await fixture.NewAnonymousPageAsync();
        await OpenAsync(page, "signin", dark);
        await page.Locator("[data-testid='signin-email']").WaitForAsync(new() { Timeout = Timeout });

        await AxeCheck.AssertNoSeriousViolationsAsync(page, $"/signin ({Theme(dark)})");
    }

    [SkippableTheory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_not_found_page_has_no_serious_accessibility_violation(bool dark)
    {
        var page = await fixture.NewPageAsync();
        var response = await page.APIRequest.GetAsync("no-such-page");
        Assert.Equal(404, response.Status);
        // A bare 404 (no body) has no page to check: Chromium shows its own error page instead.
        Skip.If((await response.BodyAsync()).Length == 0, "The app answers unknown addresses with a bare 404; there is no page to check.");

        await OpenAsync(page, "no-such-page", dark);

        await AxeCheck.AssertNoSeriousViolationsAsync(page, $"/no-such-page ({Theme(dark)})");
    }

    private async Task OpenAsync(IPage page, string path, bool dark)
    {
        page.LogConsoleTo(output);
        if (dark)
        {
            await page.Context.AddCookiesAsync([new Cookie { Name = "DashboardTheme", Value = "material-dark", Url = fixture.Server.BaseAddress.ToString() }]);
        }

        await page.GotoAsync(path);
        await PageReady.WaitAsync(page, Timeout);
    }

    private static string Theme(bool dark) => dark ? "dark" : "light";
}
