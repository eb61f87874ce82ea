using System.Net;
using Dashboard.Web.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using static Dashboard.Web.Tests.Auth.AuthWebApp;

namespace Dashboard.Web.Tests.Hosting;

/// <summary>HTTPS redirection, HSTS, forwarded headers and AllowedHosts: off (or strict) by default, on when configured.</summary>
public sealed class HostingSwitchesTests
{
    [Fact]
    public async Task By_default_plain_http_is_served_without_redirect_or_hsts_and_forwarded_headers_are_ignored()
    {
        await using var app = await HostingWebApp.StartAsync();

        var response = await app.Browser(headers: new Dictionary<string, string> { ["X-Forwarded-Proto"] = "https" }).GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
        var signedIn = await SignInAsync(app.Browser(headers: new Dictionary<string, string> { ["X-Forwarded-Proto"] = "https" }), HostingWebApp.OwnerEmail, HostingWebApp.OwnerPassword);
        Assert.DoesNotContain("secure", AuthCookie(signedIn), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Https_redirection_when_enabled_sends_http_requests_to_the_https_port()
    {
        await using var app = await HostingWebApp.StartAsync(new Dictionary<string, string>
        {
            ["Hosting:HttpsRedirection"] = "true",
            ["Hosting:HttpsPort"] = "8443",
        });

        var response = await app.Browser().GetAsync("/signin?x=1");

        Assert.Equal(HttpStatusCode.PermanentRedirect, response.StatusCode);
        Assert.Equal("https://localhost:8443/signin?x=1", response.Headers.Location?.AbsoluteUri);
    }

    [Fact]
    public async Task Hsts_when_enabled_is_sent_on_https_responses_with_the_configured_age()
    {
        await using var app = await HostingWebApp.StartAsync(new Dictionary<string, string>
        {
            ["Hosting:Hsts"] = "true",
            ["Hosting:HstsMaxAgeDays"] = "30",
            ["AllowedHosts"] = "dashboard.example.com",
        });

        var https = await app.Browser("https://dashboard.example.com").GetAsync("/healthz");
        var http = await app.Browser("http://dashboard.example.com").GetAsync("/healthz");

        Assert.Equal("max-age=2592000", Assert.Single(https.Headers.GetValues("Strict-Transport-Security")));
        Assert.False(http.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task Behind_a_tls_proxy_with_forwarded_headers_enabled_the_auth_cookie_is_secure()
    {
        await using var app = await HostingWebApp.StartAsync(new Dictionary<string, string> { ["Hosting:ForwardedHeaders:Enabled"] = "true" });
        var browser = app.Browser(headers: new Dictionary<string, string> { ["X-Forwarded-Proto"] = "https", ["X-Forwarded-For"] = "203.0.113.7" });

        var signedIn = await SignInAsync(browser, HostingWebApp.OwnerEmail, HostingWebApp.OwnerPassword);

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Contains("secure", AuthCookie(signedIn), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Forwarded_headers_are_taken_only_from_the_known_proxies()
    {
        await using var app = await HostingWebApp.StartAsync(new Dictionary<string, string>
        {
            ["Hosting:ForwardedHeaders:Enabled"] = "true",
            ["Hosting:ForwardedHeaders:KnownProxies"] = "192.0.2.10",
            ["Hosting:ForwardedHeaders:KnownNetworks:0"] = "198.51.100.0/24",
            ["Hosting:HttpsRedirection"] = "true",
            ["Hosting:HttpsPort"] = "443",
        });

        // HTTPS redirection shows which requests the app took for https.
        Assert.Equal(StatusCodes.Status200OK, await StatusFromAsync(app, "192.0.2.10"));
        Assert.Equal(StatusCodes.Status200OK, await StatusFromAsync(app, "198.51.100.77"));
        Assert.Equal(StatusCodes.Status308PermanentRedirect, await StatusFromAsync(app, "127.0.0.1"));
        Assert.Equal(StatusCodes.Status308PermanentRedirect, await StatusFromAsync(app, "203.0.113.9"));
    }

    [Theory]
    [InlineData("localhost", HttpStatusCode.OK)]
    [InlineData("127.0.0.1", HttpStatusCode.OK)]
    [InlineData("evil.example", HttpStatusCode.BadRequest)]
    public async Task Allowed_hosts_default_to_the_local_names(string host, HttpStatusCode expected)
    {
        await using var app = await HostingWebApp.StartAsync();

        var response = await app.Browser($"http://{host}").GetAsync("/healthz");

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task Allowed_hosts_are_configurable()
    {
        await using var app = await HostingWebApp.StartAsync(new Dictionary<string, string> { ["AllowedHosts"] = "dashboard.example.com" });

        Assert.Equal(HttpStatusCode.OK, (await app.Browser("http://dashboard.example.com").GetAsync("/healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await app.Browser("http://localhost").GetAsync("/healthz")).StatusCode);
    }

    [Theory]
    [InlineData("Hosting:Hsts", "yes", "Hosting:Hsts must be true or false")]
    [InlineData("Hosting:HttpsPort", "70000", "Hosting:HttpsPort must be a whole number from 1 to 65535")]
    [InlineData("Hosting:ForwardedHeaders:KnownProxies", "10.0.0.300", "Hosting:ForwardedHeaders:KnownProxies: '10.0.0.300' is not an IP address")]
    [InlineData("Hosting:ForwardedHeaders:KnownNetworks", "10.0.0.0/40", "Hosting:ForwardedHeaders:KnownNetworks: '10.0.0.0/40' is not a network")]
    public void A_bad_setting_is_refused_naming_it(string key, string value, string message)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key] = value }).Build();

        var error = Assert.Throws<InvalidOperationException>(() => HostingOptions.Read(configuration));

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Lists_are_read_from_items_or_one_separated_value()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Hosting:ForwardedHeaders:KnownProxies"] = "10.0.0.1; 10.0.0.2",
            ["Hosting:ForwardedHeaders:KnownNetworks:0"] = "172.16.0.0/12",
            ["Hosting:ForwardedHeaders:KnownNetworks:1"] = "fd00::/8",
        }).Build();

        var options = HostingOptions.Read(configuration);

        Assert.Equal(["10.0.0.1", "10.0.0.2"], options.KnownProxies.Select(p => p.ToString()));
        Assert.Equal(["172.16.0.0/12", "fd00::/8"], options.KnownNetworks.Select(n => n.ToString()));
        Assert.False(options.Hsts || options.HttpsRedirection || options.ForwardedHeadersEnabled);
    }

    private static async Task<int> StatusFromAsync(HostingWebApp app, string remoteAddress)
    {
        var context = await app.Server.SendAsync(request =>
        {
            request.Request.Method = "GET";
            request.Request.Path = "/healthz";
            request.Request.Host = new HostString("localhost");
            request.Connection.RemoteIpAddress = IPAddress.Parse(remoteAddress);
            request.Request.Headers["X-Forwarded-Proto"] = "https";
            request.Request.Headers["X-Forwarded-For"] = "203.0.113.7";
        });
        return context.Response.StatusCode;
    }

    private static string AuthCookie(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies)
            ? cookies.Single(cookie => cookie.StartsWith("dashboard_auth=", StringComparison.Ordinal))
            : throw new Xunit.Sdk.XunitException("No Set-Cookie on the sign-in response.");
}
