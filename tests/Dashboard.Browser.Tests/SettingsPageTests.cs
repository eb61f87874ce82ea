using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Dashboard.Browser.Tests;

/// <summary>/settings and /api-access in Chromium against the real app (its own store: these tests change settings).</summary>
public sealed class SettingsPageTests(OverviewFixture fixture, ITestOutputHelper output) : IClassFixture<OverviewFixture>
{
    private const float Timeout = 30_000;

    [Fact]
    public async Task Changing_time_zone_and_currency_is_saved_and_still_there_after_a_reload()
    {
        var page = await OpenAsync("settings", height: 1560);
        Assert.Equal("UTC", await ShownAsync(page, "setting-time-zone"));
        Assert.Contains("In force: UTC (configuration default)", await page.Locator("#reporting-time-zone-help").InnerTextAsync());
        await ScreenshotAsync(page, "settings", fullPage: false);

        await ChooseAsync(page, "setting-time-zone", "berlin", "Europe/Berlin");
        await ChooseAsync(page, "setting-currency", "euro", "EUR – Euro");
        await SaveReportingAcceptingFxDeletionAsync(page);

        await page.ReloadAsync();
        await WaitForCircuitAsync(page);
        Assert.Equal("Europe/Berlin", await ShownAsync(page, "setting-time-zone"));
        Assert.Equal("Europe/Berlin", await page.Locator("[data-testid='setting-time-zone']").GetAttributeAsync("data-value"));
        Assert.Equal("EUR – Euro", await ShownAsync(page, "setting-currency"));
        Assert.Contains("(saved)", await page.Locator("#reporting-time-zone-help").InnerTextAsync());

        // Pickers: only known zones and currencies can be chosen (the form's own checks are ReportingSettingsFormTests').
        await OpenPickerAsync(page, "setting-time-zone");
        await page.Locator(".rz-popup:visible input").First.FillAsync("Mars/Base");
        Assert.Equal(0, await page.Locator(".rz-popup:visible .rz-dropdown-item", new() { HasTextString = "Mars" }).CountAsync());
        await page.Keyboard.PressAsync("Escape");

        // Put the defaults back for the other tests of this class.
        await ChooseAsync(page, "setting-time-zone", "UTC", "UTC");
        await ChooseAsync(page, "setting-currency", "USD", "USD – US Dollar");
        await SaveReportingAcceptingFxDeletionAsync(page);
    }

    [Fact]
    public async Task Changing_the_currency_while_fx_rates_exist_asks_how_many_rates_go_and_deletes_them_only_when_confirmed()
    {
        var page = await OpenAsync("settings", height: 1560);
        await page.Locator("[data-testid='fx-file']").SetFileAsync(new FilePayload
        {
            Name = "rates.csv", MimeType = "text/csv",
            Buffer = "date,currency,rate\n2024-02-01,GBP,1.27\n2024-02-02,GBP,1.28\n2024-02-03,GBP,1.26\n"u8.ToArray(),
        }, Timeout);
        await page.Locator("[data-testid='fx-preview'][data-bad-rows='0']").WaitForAsync(new() { Timeout = Timeout });
        await page.Locator("[data-testid='fx-commit']").ClickAsync();
        await page.Locator("table[data-testid='fx-latest'] tr[data-currency='GBP']").WaitForAsync(new() { Timeout = Timeout });

        await ChooseAsync(page, "setting-currency", "GBP", "GBP – British Pound");
        await page.Locator("[data-testid='setting-save']").ClickAsync();
        var confirm = page.Locator("[data-testid='fx-delete-confirm']");
        await confirm.WaitForAsync(new() { Timeout = Timeout });
        var count = int.Parse((await confirm.GetAttributeAsync("data-count"))!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(count >= 3, $"at least the 3 rates just stored, not {count}");
        Assert.Contains($"from USD to GBP deletes the {count} stored FX rates: they are quoted against USD", await confirm.InnerTextAsync());
        await ScreenshotAsync(page, "settings-fx-delete-confirm", fullPage: false, selector: "#reporting");

        await page.Locator("[data-testid='fx-delete-cancel']").ClickAsync();
        await page.Locator("[data-testid='setting-message']", new() { HasTextString = "unchanged" }).WaitForAsync(new() { Timeout = Timeout });
        Assert.Equal(0, await confirm.CountAsync());
        await page.ReloadAsync();
        await WaitForCircuitAsync(page);
        Assert.Equal("USD", await page.Locator("[data-testid='setting-currency']").GetAttributeAsync("data-value"));
        Assert.Equal(1, await page.Locator("table[data-testid='fx-latest'] tr[data-currency='GBP']").CountAsync());

        await ChooseAsync(page, "setting-currency", "GBP", "GBP – British Pound");
        await page.Locator("[data-testid='setting-save']").ClickAsync();
        await page.Locator("[data-testid='fx-delete-accept']").ClickAsync();
        await page.Locator("[data-testid='setting-message']", new() { HasTextString = "Saved" }).WaitForAsync(new() { Timeout = Timeout });
        Assert.Contains($"{count} FX rates were deleted", await page.Locator("[data-testid='setting-message']").InnerTextAsync());

        await page.ReloadAsync();
        await WaitForCircuitAsync(page);
        Assert.Equal("GBP", await page.Locator("[data-testid='setting-currency']").GetAttributeAsync("data-value"));
        Assert.Equal(0, await page.Locator("table[data-testid='fx-latest'] tr").CountAsync());

        // Put the default back for the other tests of this class (no rates are left, so no question).
        await ChooseAsync(page, "setting-currency", "USD", "USD – US Dollar");
        await page.Locator("[data-testid='setting-save']").ClickAsync();
        await page.Locator("[data-testid='setting-message']", new() { HasTextString = "Saved" }).WaitForAsync(new() { Timeout = Timeout });
    }

    [Fact]
    public async Task A_key_created_in_the_page_calls_the_api_until_it_is_revoked_there()
    {
        var page = await OpenAsync("settings");
        await page.Locator("[data-testid='api-key-name']").FillAsync("browser test");
        await page.Locator("[data-testid='api-key-name']").PressAsync("Tab");
        await OpenPickerAsync(page, "api-key-scope");
        await page.Locator(".rz-popup:visible .rz-dropdown-item", new() { HasTextString = "read-only" }).First.ClickAsync();
        await page.Locator("[data-testid='api-key-scope'][data-value='ReadOnly']").WaitForAsync(new() { Timeout = Timeout });
        await page.Locator("[data-testid='api-key-create']").ClickAsync();

        var secret = (await page.Locator("[data-testid='api-key-secret']").InnerTextAsync(new() { Timeout = Timeout })).Trim();
        Assert.StartsWith("dsk_", secret, StringComparison.Ordinal);
        Assert.Contains("not shown again", await page.Locator("[data-testid='api-key-created']").InnerTextAsync());
        var keyId = await page.Locator("[data-testid='api-key-created']").GetAttributeAsync("data-key-id");
        await ScreenshotAsync(page, "settings-api-key-created", fullPage: false, selector: "#api-keys");

        using var client = new HttpClient { BaseAddress = fixture.Server.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("api/v1/sources")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync("api/v1/sources", new { name = "read-only try" })).StatusCode);

        var row = page.Locator($"table[data-testid='api-keys'] tr[data-key-id='{keyId}']");
        Assert.Equal("read-only", (await row.Locator("td[data-scope]").InnerTextAsync()).Trim());
        await row.Locator("[data-testid='api-key-revoke']").ClickAsync();
        await row.Locator("[data-testid='api-key-revoke-confirm']").ClickAsync();
        await page.Locator($"table[data-testid='api-keys'] tr[data-key-id='{keyId}'][data-revoked='true']").WaitForAsync(new() { Timeout = Timeout });
        Assert.Equal(0, await page.Locator("[data-testid='api-key-secret']").CountAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("api/v1/sources")).StatusCode);
    }

    [Fact]
    public async Task Fx_file_with_a_bad_row_is_previewed_and_not_stored_and_a_good_one_is()
    {
        var page = await OpenAsync("settings");
        var file = page.Locator("[data-testid='fx-file']");

        await file.SetFileAsync(new FilePayload
        {
            Name = "bad.csv", MimeType = "text/csv",
            Buffer = "date,currency,rate\n2024-01-31,EUR,1.08\n2024-01-31,EUR,zero\n"u8.ToArray(),
        }, Timeout);
        var preview = page.Locator("[data-testid='fx-preview']");
        await preview.WaitForAsync(new() { Timeout = Timeout });
        Assert.Equal("1", await preview.GetAttributeAsync("data-bad-rows"));
        Assert.Contains("Line 3: rate 'zero' is not a number", await preview.Locator("tr[data-line='3']").InnerTextAsync());
        Assert.True(await page.Locator("[data-testid='fx-commit']").IsDisabledAsync());

        await file.SetFileAsync(new FilePayload
        {
            Name = "good.csv", MimeType = "text/csv",
            Buffer = "date,currency,rate\n2024-01-30,EUR,1.07\n2024-01-31,EUR,1.0843\n"u8.ToArray(),
        }, Timeout);
        await page.Locator("[data-testid='fx-preview'][data-bad-rows='0']").WaitForAsync(new() { Timeout = Timeout });
        await page.Locator("[data-testid='fx-commit']").ClickAsync();

        await page.Locator("table[data-testid='fx-latest'] tr[data-currency='EUR']").WaitForAsync(new() { Timeout = Timeout });
        Assert.Equal("1.0843", await page.Locator("table[data-testid='fx-latest'] tr[data-currency='EUR']").GetAttributeAsync("data-value"));
        Assert.Contains("Stored 2 rate(s)", await page.Locator("[data-testid='fx-message']").InnerTextAsync());
    }

    [Fact]
    public async Task Api_page_shows_runnable_examples_for_this_server()
    {
        var page = await OpenAsync("api-access");

        await ScreenshotAsync(page, "api-page", fullPage: false);
        var example = page.Locator("[data-testid='api-example'][data-method='POST'][data-route='/api/v1/{source_id}/customers']");
        await example.ScrollIntoViewIfNeededAsync();
        Assert.True(await example.IsVisibleAsync());
        var curl = await example.Locator("pre").InnerTextAsync();
        var baseUrl = fixture.Server.BaseAddress.ToString().TrimEnd('/');
        Assert.Contains($"curl -X POST \"{baseUrl}/api/v1/", curl, StringComparison.Ordinal);
        Assert.Contains("Bearer $DASHBOARD_API_KEY", curl, StringComparison.Ordinal);
        Assert.Contains("\"oid\": \"cus_1001\"", curl, StringComparison.Ordinal);
        Assert.Equal(baseUrl + "/api/v1", (await page.Locator("[data-testid='api-base-url']").InnerTextAsync()).Trim());
        Assert.True(await page.Locator("[data-testid='api-example']").CountAsync() > 40);
        await ScreenshotAsync(page, "api-page-customers", fullPage: false);

        await page.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
        await example.Locator(".copy-button").ClickAsync();
        await example.Locator(".copy-button", new() { HasTextString = "Copied" }).WaitForAsync(new() { Timeout = Timeout });
        var copied = await page.EvaluateAsync<string>("() => navigator.clipboard.readText()");
        Assert.Equal(await example.Locator(".copy-button").GetAttributeAsync("data-copy"), copied);
        Assert.StartsWith($"curl -X POST \"{baseUrl}/api/v1/", copied, StringComparison.Ordinal);
    }

    private async Task<IPage> OpenAsync(string url, int width = 1366, int height = 900)
    {
        var page = await fixture.NewPageAsync(width, height);
        page.LogConsoleTo(output);
        await page.GotoAsync(url);
        await WaitForCircuitAsync(page);
        return page;
    }

    /// <summary>Saves the reporting form; other tests of this class may have stored FX rates, whose deletion a currency change asks to confirm.</summary>
    private static async Task SaveReportingAcceptingFxDeletionAsync(IPage page)
    {
        await page.Locator("[data-testid='setting-save']").ClickAsync();
        var saved = page.Locator("[data-testid='setting-message']", new() { HasTextString = "Saved" });
        var accept = page.Locator("[data-testid='fx-delete-accept']");
        await saved.Or(accept).First.WaitForAsync(new() { Timeout = Timeout });
        if (await accept.CountAsync() > 0)
        {
            await accept.ClickAsync();
        }

        await saved.WaitForAsync(new() { Timeout = Timeout });
    }

    /// <summary>Opens a searchable picker, types <paramref name="search"/> and clicks the item whose text is <paramref name="item"/>.</summary>
    private static async Task ChooseAsync(IPage page, string testId, string search, string item)
    {
        await OpenPickerAsync(page, testId);
        await page.Locator(".rz-popup:visible input").First.FillAsync(search);
        await page.Locator(".rz-popup:visible .rz-dropdown-item").Filter(new() { HasTextRegex = new System.Text.RegularExpressions.Regex($"^\\s*{System.Text.RegularExpressions.Regex.Escape(item)}\\s*$") })
            .First.ClickAsync(new() { Timeout = Timeout });
        await page.WaitForFunctionAsync($"() => document.querySelector(\"[data-testid='{testId}'] .rz-dropdown-label\")?.textContent.trim() === {System.Text.Json.JsonSerializer.Serialize(item)}",
            null, new() { Timeout = Timeout });
    }

    /// <summary>
    /// Clicks a picker until its popup is open: a click that lands while the page re-renders (a save, the circuit
    /// starting) can be lost on a busy machine, and then nothing would ever open.
    /// </summary>
    private static async Task OpenPickerAsync(IPage page, string testId)
    {
        var popup = page.Locator(".rz-popup:visible").First;
        for (var attempt = 1; ; attempt++)
        {
            await page.Locator($"[data-testid='{testId}']").ClickAsync();
            try
            {
                await popup.WaitForAsync(new() { Timeout = 5_000 });
                return;
            }
            catch (TimeoutException) when (attempt < 6)
            {
            }
        }
    }

    /// <summary>The text a picker shows for its chosen value.</summary>
    private static async Task<string> ShownAsync(IPage page, string testId) =>
        (await page.Locator($"[data-testid='{testId}'] .rz-dropdown-label").InnerTextAsync()).Trim();

    private static async Task WaitForCircuitAsync(IPage page) =>
        await page.Locator("[data-interactive='true']").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = Timeout });

    private async Task ScreenshotAsync(IPage page, string name, bool fullPage, string? selector = null)
    {
        var path = Path.Combine(OverviewFixture.ScreenshotDirectory, name + ".png");
        if (selector is null)
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = fullPage });
        }
        else
        {
            await page.Locator(selector).ScreenshotAsync(new LocatorScreenshotOptions { Path = path });
        }

        output.WriteLine($"Screenshot: {path}");
    }
}
