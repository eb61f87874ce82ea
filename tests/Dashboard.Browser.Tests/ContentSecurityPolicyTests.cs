using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Dashboard.Browser.Tests;

/// <summary>
/// The pages work under the app's Content-Security-Policy in Chromium, with the app in Production as `dotnet run`
/// starts it: the static assets load, each page's circuit comes up, and the console shows no CSP violation.
/// </summary>
public sealed partial class ContentSecurityPolicyTests(OverviewFixture fixture, ITestOutputHelper output) : IClassFixture<OverviewFixture>
{
    private const float Timeout = 30_000;

    /// <summary>Pages with an interactive marker (<c>data-interactive</c>), which is "true" once the circuit runs.</summary>
    public static TheoryData<string> InteractivePages => new()
    {
        "/",
        "metrics/mrr?range=3m&interval=month",
        "cohorts?range=all",
        "customers",
        "segments/compare",
        "import",
        "settings",
        "settings/sources",
        "settings/users",
        "api-access",
    };

    [Theory]
    [MemberData(nameof(InteractivePages))]
    public async Task A_page_comes_up_interactive_under_the_policy_with_no_violation(string path)
    {
        var (page, violations) = await OpenAsync(BrowserRole.Owner);

        var response = await page.GotoAsync(path);

        Assert.NotNull(response);
        Assert.Contains("script-src 'self' 'unsafe-hashes' 'sha256-Gv+T45M6M+kq+caJFhy73JiJ7nitAZcfPRfx1dzDz/4=';", await response.HeaderValueAsync("content-security-policy") ?? string.Empty, StringComparison.Ordinal);
        await page.Locator("[data-interactive='true']").First.WaitForAsync(new() { Timeout = Timeout });
        await AssertNoViolationsAsync(page, violations);
    }

    [Fact]
    public async Task The_other_pages_and_the_jobs_dashboard_render_under_the_policy()
    {
        var (page, violations) = await OpenAsync(BrowserRole.Owner);

        foreach (var path in new[] { "mrr-breakdown?range=3m&interval=month", "metrics", "segments" })
        {
            await page.GotoAsync(path);
            await page.Locator("[data-testid='user-email']").WaitForAsync(new() { Timeout = Timeout });
            await AssertNoViolationsAsync(page, violations);
        }

        await page.GotoAsync("jobs");
        await page.Locator("#hangfireConfig, .navbar").First.WaitForAsync(new() { Timeout = Timeout });
        await AssertNoViolationsAsync(page, violations);
    }

    [Fact]
    public async Task Signing_in_works_under_the_policy()
    {
        var (page, violations) = await OpenAsync(role: null);

        await page.GotoAsync("signin");
        var (email, password) = OverviewFixture.Credentials(BrowserRole.Viewer);
        await OverviewFixture.SubmitSignInAsync(page, email, password);
        await page.Locator("[data-testid='user-email']").WaitForAsync(new() { Timeout = Timeout });

        await AssertNoViolationsAsync(page, violations);
    }

    [Fact]
    public async Task Blazor_and_radzen_assets_are_served_in_production()
    {
        var (page, _) = await OpenAsync(BrowserRole.Owner);
        var assets = new ConcurrentDictionary<string, int>();
        page.Response += (_, response) =>
        {
            if (AssetPattern().IsMatch(response.Url))
            {
                assets[new Uri(response.Url).AbsolutePath] = response.Status;
            }
        };

        await page.GotoAsync("/");
        await page.Locator("[data-interactive='true']").First.WaitForAsync(new() { Timeout = Timeout });

        var html = await page.ContentAsync();
        foreach (Match link in AssetPattern().Matches(html))
        {
            var body = await page.APIRequest.GetAsync(link.Value);
            output.WriteLine($"{link.Value}: {body.Status}, {(await body.BodyAsync()).Length} bytes");
            Assert.Equal(200, body.Status);
            Assert.True((await body.BodyAsync()).Length > 1000, $"{link.Value} is served empty");
        }

        Assert.All(assets.Values, status => Assert.True(status is 200 or 304, $"status {status}"));
        Assert.Contains(assets.Keys, path => path.StartsWith("/_framework/blazor.web.", StringComparison.Ordinal));
        Assert.Contains(assets.Keys, path => path.StartsWith("/_content/Radzen.Blazor/Radzen.Blazor.", StringComparison.Ordinal));
        Assert.Contains(assets.Keys, path => path.StartsWith("/_content/Radzen.Blazor/css/", StringComparison.Ordinal));
    }

    private async Task<(IPage Page, ConcurrentQueue<string> Violations)> OpenAsync(BrowserRole? role)
    {
        var page = role is { } signedIn ? await fixture.NewPageAsync(role: signedIn) : await fixture.NewAnonymousPageAsync();
        page.LogConsoleTo(output);
        var violations = new ConcurrentQueue<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase) || message.Text.Contains("Refused to", StringComparison.Ordinal))
            {
                violations.Enqueue(message.Text);
            }
        };
        page.PageError += (_, error) => violations.Enqueue("page error: " + error);
        return (page, violations);
    }

    /// <summary>
    /// Asks the page for violations the browser reported as events too, after a round trip to the page (every console
    /// message sent before it has been delivered by then), and fails with all of them.
    /// </summary>
    private static async Task AssertNoViolationsAsync(IPage page, ConcurrentQueue<string> violations)
    {
        await page.EvaluateAsync("() => new Promise(resolve => requestAnimationFrame(() => resolve(true)))");
        Assert.True(violations.IsEmpty, "CSP violations or page errors:\n" + string.Join("\n", violations));
    }

    [GeneratedRegex(@"(?:_framework/blazor\.web\.[^""']*\.js|_content/Radzen\.Blazor/[^""'?]+\.(?:js|css))")]
    private static partial Regex AssetPattern();
}
