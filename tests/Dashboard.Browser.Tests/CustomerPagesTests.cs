using System.Globalization;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Dashboard.Browser.Tests;

/// <summary>
/// The Customers pages in Chromium against the known data set of <see cref="OverviewFixture"/>: "Customer c" $30,
/// "Customer b" $20, "Customer a" $10 pay; d churned 10 days ago; e is on a trial. The list's search, sort, filters and
/// pages are tested with bUnit (Dashboard.Web.Tests, CustomersPageTests).
/// </summary>
public sealed class CustomerPagesTests(OverviewFixture fixture, ITestOutputHelper output) : IClassFixture<OverviewFixture>
{
    private const float Timeout = 30_000;

    [Fact]
    public async Task Clicking_a_customer_opens_its_page_with_mrr_history_and_subscriptions()
    {
        var page = await OpenListAsync("customers");

        await page.Locator("[data-testid='customer-table'] a", new() { HasText = "Customer b" }).ClickAsync();

        await page.WaitForAddressAsync(new Regex(@"customers/\d+$"), Timeout);
        var mrr = page.Locator("[data-testid='customer-mrr']");
        await mrr.WaitForAsync(new() { Timeout = Timeout });
        Assert.Equal("2000", await mrr.GetAttributeAsync("data-value"));
        Assert.Equal("$20.00", (await mrr.Locator("strong").InnerTextAsync()).Trim());
        Assert.Equal("Active", (await page.Locator("[data-testid='customer-status']").InnerTextAsync()).Trim());
        var chart = page.Locator("[data-testid='customer-chart'][data-metric='mrr']");
        Assert.Equal("2000", await chart.GetAttributeAsync("data-value"));
        Assert.EndsWith("=2000", await chart.GetAttributeAsync("data-series"));
        await chart.Locator("svg path").First.WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = Timeout });
        var state = page.Locator("[data-testid='customer-subscriptions'] tr.subscription-state");
        Assert.Equal(1, await state.CountAsync());
        Assert.Contains("pro", await state.InnerTextAsync());
        Assert.Contains("$20.00 / month", await state.InnerTextAsync());
        Assert.Equal("2000", await page.Locator("[data-testid='customer-movements']").GetAttributeAsync("data-sum"));
        Assert.Equal("new", await page.Locator("[data-testid='customer-movements'] tbody tr").First.GetAttributeAsync("data-kind"));
        await ScreenshotAsync(page, "customer");
    }

    [Fact]
    public async Task At_phone_width_the_list_keeps_name_plan_mrr_and_status_on_screen()
    {
        var page = await fixture.NewPageAsync(390, 844);
        await page.GotoAsync("customers");
        await page.Locator(".customer-controls[data-interactive='true']").WaitForAsync(new() { Timeout = Timeout });

        var firstRow = page.Locator("[data-testid='customer-table'] tbody tr").First;
        var name = await firstRow.Locator("a").First.BoundingBoxAsync();
        var mrr = await firstRow.Locator("td.num").First.BoundingBoxAsync();
        var status = await firstRow.Locator(".status-badge").BoundingBoxAsync();
        Assert.NotNull(name);
        Assert.NotNull(mrr);
        Assert.NotNull(status);
        Assert.True(name.X >= 0 && name.X + name.Width <= 390, $"The name spans {name.X} to {name.X + name.Width}.");
        Assert.True(mrr.X + mrr.Width <= 390 && status.X + status.Width <= 390, $"MRR ends at {mrr.X + mrr.Width}, status at {status.X + status.Width}.");
        Assert.False(await firstRow.Locator("td.col-optional").First.IsVisibleAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(OverviewFixture.ScreenshotDirectory, "customers-phone.png") });
    }

    [Fact]
    public async Task An_unknown_customer_id_shows_a_not_found_state()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("customers/987654321");

        await page.Locator("[data-testid='customer-not-found']").WaitForAsync(new() { Timeout = Timeout });
        Assert.Contains("987654321", await page.Locator("[data-testid='customer-not-found']").InnerTextAsync());
    }

    [Fact]
    public async Task A_drill_down_row_links_to_the_customer_page()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("metrics/mrr?range=3m&interval=month");
        await page.Locator("section.metric-chart svg path").First.WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = Timeout });

        await page.Locator("table[data-testid='metric-table'] tbody tr").Last.ClickAsync();
        var link = page.Locator("[data-testid='drill-down'] tbody tr a", new() { HasText = "Customer c" });
        await link.WaitForAsync(new() { Timeout = Timeout });
        await link.ClickAsync();

        await page.WaitForAddressAsync(new Regex(@"customers/\d+$"), Timeout);
        await page.Locator("[data-testid='customer-mrr'][data-value='3000']").WaitForAsync(new() { Timeout = Timeout });
        Assert.Contains("Customer c", await page.Locator("[data-testid='customer-name']").InnerTextAsync());
    }

    [Fact]
    public async Task A_changed_attribute_shows_in_the_timeline_with_its_date_for_a_viewer()
    {
        using (var api = await fixture.ApiClientAsync(readOnly: false))
        {
            using var field = await api.PostAsJsonAsync("api/v1/attributes/fields", new { title = "Account manager", field_type = "string", key = "account_manager" });
            Assert.True(field.IsSuccessStatusCode, await field.Content.ReadAsStringAsync());
            foreach (var owner in new[] { "Ann", "Bob" })
            {
                using var set = await api.PostAsJsonAsync("api/v1/attributes", new { attributes = new[] { new { customer_oid = "c", key = "account_manager", value = owner } } });
                Assert.True(set.IsSuccessStatusCode, await set.Content.ReadAsStringAsync());
            }
        }

        var page = await OpenListAsync("customers", BrowserRole.Viewer);
        await page.Locator("[data-testid='customer-table'] a", new() { HasText = "Customer c" }).ClickAsync();
        await page.WaitForAddressAsync(new Regex(@"customers/\d+$"), Timeout);
        var timeline = page.Locator("[data-testid='customer-timeline']");
        await timeline.WaitForAsync(new() { Timeout = Timeout });

        var changes = timeline.Locator("li[data-kind='attribute_change']");
        await Assertions.Expect(changes).ToHaveCountAsync(2, new() { Timeout = Timeout });
        Assert.Contains("Account manager changed from Ann to Bob", await changes.First.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("Account manager set to Ann", await changes.Last.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), await changes.First.GetAttributeAsync("data-date"));

        // Clicked until the circuit answers (a click before the page is interactive does nothing): only attribute changes stay.
        var shown = timeline.Locator("li[data-kind]");
        for (var attempt = 1; ; attempt++)
        {
            await timeline.Locator("[data-testid='timeline-filter'] [aria-label='Attribute changes']").ClickAsync();
            try
            {
                await Assertions.Expect(shown).ToHaveCountAsync(2, new() { Timeout = 3_000 });
                break;
            }
            catch (PlaywrightException) when (attempt < 10)
            {
            }
        }

        Assert.DoesNotContain("not kept", await timeline.InnerTextAsync(), StringComparison.Ordinal);
    }

    private async Task<IPage> OpenListAsync(string url, BrowserRole role = BrowserRole.Owner)
    {
        var page = await fixture.NewPageAsync(role: role);
        page.LogConsoleTo(output);
        await page.GotoAsync(url);
        // The search form and the filter builder need the circuit: the page marks itself once it is interactive.
        await page.Locator(".customer-controls[data-interactive='true']").WaitForAsync(new() { Timeout = Timeout });
        await page.Locator("[data-testid='customer-table']").WaitForAsync(new() { Timeout = Timeout });
        return page;
    }

    private async Task ScreenshotAsync(IPage page, string name)
    {
        var path = Path.Combine(OverviewFixture.ScreenshotDirectory, name + ".png");
        await page.SetViewportSizeAsync(1366, 1300);
        await page.EvaluateAsync("() => document.querySelectorAll('.rz-body, main, html').forEach(e => e.scrollTop = 0)");
        await page.WaitForTimeoutAsync(700);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path });
        output.WriteLine($"Screenshot: {path}");
    }
}
