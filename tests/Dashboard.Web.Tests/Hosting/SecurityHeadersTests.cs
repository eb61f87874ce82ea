using System.Net;
using Dashboard.Web.Hosting;
using static Dashboard.Web.Tests.Auth.AuthWebApp;

namespace Dashboard.Web.Tests.Hosting;

/// <summary>The headers every response carries, and what CSV downloads and redirects add to them.</summary>
public sealed class SecurityHeadersTests : IAsyncLifetime
{
    private HostingWebApp app = null!;

    public async Task InitializeAsync() => app = await HostingWebApp.StartAsync();

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Theory]
    [InlineData("/signin")]
    [InlineData("/")]
    [InlineData("/healthz")]
    [InlineData("/no-such-page")]
    [InlineData("/api/v1/customers")]
    [InlineData(HostingWebApp.ThrowingPath)]
    public async Task Every_response_has_the_policy_nosniff_referrer_policy_and_no_framing(string path)
    {
        var response = await app.Browser().GetAsync(path);

        var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Equal(SecurityHeaders.ContentSecurityPolicy, policy);
        // Scripts from this site, plus the one inline handler Radzen's autocomplete writes, allowed by its hash only.
        var handlerHash = "sha256-" + Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData("Radzen.activeElement = null"u8));
        Assert.Contains($"script-src 'self' 'unsafe-hashes' '{handlerHash}';", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", policy, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("same-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
    }

    [Fact]
    public async Task A_csv_download_is_never_cached()
    {
        var browser = app.Browser();
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(browser, HostingWebApp.OwnerEmail, HostingWebApp.OwnerPassword)).StatusCode);

        var csv = await browser.GetAsync("/export/metrics/mrr.csv");

        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.True(csv.Headers.CacheControl?.NoStore, $"Cache-Control: {csv.Headers.CacheControl}");
    }

    [Fact]
    public async Task Redirects_to_this_site_are_local_paths_whatever_the_host_header_says()
    {
        var anonymous = app.Browser();

        var response = await anonymous.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.False(location.IsAbsoluteUri, $"Location {location} names a host");
        Assert.Equal("/signin?ReturnUrl=%2Fmetrics", location.OriginalString);
    }
}
