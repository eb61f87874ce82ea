using Dashboard.Testing.Fakes;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Dashboard.Browser.Tests;

/// <summary>Connecting a Stripe account on /settings/sources and syncing it, against a synthetic Stripe started here.</summary>
public sealed class SourcesPageTests(OverviewFixture fixture, ITestOutputHelper output) : IClassFixture<OverviewFixture>
{
    private const float Timeout = 60_000;
    private const int Customers = 250;

    [Fact]
    public async Task A_stripe_source_is_added_synced_with_live_progress_and_its_customers_counted()
    {
        await using var stripe = await SyntheticStripeServer.StartAsync(Customers);
        var page = await fixture.NewPageAsync();
        page.LogConsoleTo(output);
        await page.GotoAsync("/settings/sources");
        await page.Locator("form[data-testid='add-stripe'][data-interactive='true']").WaitForAsync(new() { Timeout = Timeout });

        // Bad input first: named errors, nothing added.
        await page.GetByLabel("API base URL (optional)").FillAsync("not a url");
        await page.Locator("[data-testid='add-submit']").ClickAsync();
        var errors = page.Locator("[data-testid='add-errors']");
        await errors.WaitForAsync(new() { Timeout = Timeout });
        Assert.Contains("Name:", await errors.InnerTextAsync());
        Assert.Contains("API key:", await errors.InnerTextAsync());

        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Synthetic Stripe");
        await page.GetByLabel("Restricted API key").FillAsync("rk_test_browser_secret");
        await page.GetByLabel("API base URL (optional)").FillAsync(stripe.BaseUri.ToString());
        await page.Locator("[data-testid='add-submit']").ClickAsync();
        var card = page.Locator("[data-testid='source']", new() { HasText = "Synthetic Stripe" });
        await card.WaitForAsync(new() { Timeout = Timeout });
        Assert.Equal(string.Empty, await page.GetByLabel("Restricted API key").InputValueAsync());
        Assert.DoesNotContain("rk_test_browser_secret", await page.ContentAsync(), StringComparison.Ordinal);

        // Hourly unless chosen otherwise; a new interval is saved at once.
        var interval = card.Locator("[data-testid='sync-interval']");
        Assert.Equal("60", await interval.GetAttributeAsync("data-value"));
        await page.ChooseRadzenItemAsync(interval, "every 15 minutes");
        await page.Locator("[data-testid='sources-message']", new() { HasText = "now syncs every 15 minutes" }).WaitForAsync(new() { Timeout = Timeout });

        // Sync now enqueues a background job; its progress replaces the "queued" note once a worker picks it up.
        await card.Locator("[data-testid='sync-now']").ClickAsync();
        await card.Locator("[data-testid='kind-progress'][data-kind='customers']").WaitForAsync(new() { Timeout = Timeout });
        await card.Locator("[data-testid='kind-progress'][data-kind='charges'][data-percent='100']").WaitForAsync(new() { Timeout = Timeout });
        await page.WaitForFunctionAsync(
            "() => document.querySelector(\"[data-testid='source'][data-state='Succeeded'] [data-testid='count-customers']\")?.dataset.value === '" + Customers + "'",
            null, new() { Timeout = Timeout });

        Assert.Equal("100", await card.Locator("[data-testid='kind-progress'][data-kind='customers']").GetAttributeAsync("data-percent"));
        Assert.Equal(Customers.ToString(System.Globalization.CultureInfo.InvariantCulture),
            await card.Locator("[data-testid='count-subscriptions']").GetAttributeAsync("data-value"));
        Assert.Contains("Up to date", await card.Locator("[data-testid='source-state']").InnerTextAsync());
        Assert.Equal("15", await interval.GetAttributeAsync("data-value"));
        Assert.Equal(0, await page.Locator("[data-testid='sources-message']").CountAsync());

        var path = Path.Combine(OverviewFixture.ScreenshotDirectory, "sources.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        output.WriteLine($"Screenshot: {path}");
    }

    [Fact]
    public async Task A_braintree_source_is_added_from_the_form_its_descriptor_builds()
    {
        var page = await fixture.NewPageAsync();
        page.LogConsoleTo(output);
        await page.GotoAsync("/settings/sources");
        await page.Locator("form[data-testid='add-stripe'][data-interactive='true']").WaitForAsync(new() { Timeout = Timeout });

        await page.ChooseRadzenItemAsync(page.Locator("[data-testid='add-provider']"), "Braintree");
        await page.Locator("form[data-testid='add-braintree']").WaitForAsync(new() { Timeout = Timeout });
        Assert.Equal("password", await page.GetByLabel("Private key").GetAttributeAsync("type"));
        Assert.Equal("production", await page.Locator("[data-testid='add-field-environment']").GetAttributeAsync("data-value"));

        await page.Locator("[data-testid='add-submit']").ClickAsync();
        var errors = page.Locator("[data-testid='add-errors']");
        await errors.WaitForAsync(new() { Timeout = Timeout });
        Assert.Contains("Merchant ID:", await errors.InnerTextAsync());
        Assert.Contains("Private key:", await errors.InnerTextAsync());

        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Browser Braintree");
        await page.GetByLabel("Merchant ID").FillAsync("merchant1");
        await page.GetByLabel("Public key").FillAsync("pub1");
        await page.GetByLabel("Private key").FillAsync("bt_browser_secret");
        await page.ChooseRadzenItemAsync(page.Locator("[data-testid='add-field-environment']"), "sandbox");
        await page.Locator("[data-testid='add-submit']").ClickAsync();

        var card = page.Locator("[data-testid='source']", new() { HasText = "Browser Braintree" });
        await card.WaitForAsync(new() { Timeout = Timeout });
        Assert.Contains("Braintree", await card.InnerTextAsync());
        Assert.Contains("/webhooks/braintree/", await page.Locator("[data-testid='sources-message']").InnerTextAsync());
        Assert.Equal(string.Empty, await page.GetByLabel("Private key").InputValueAsync());
        Assert.DoesNotContain("bt_browser_secret", await page.ContentAsync(), StringComparison.Ordinal);
    }
}
