using System.Net;
using Dashboard.Infrastructure.Data;
using Dashboard.Testing;
using Dashboard.Web.Auth;
using Dashboard.Web.Tests.Api;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using static Dashboard.Web.Tests.Auth.AuthWebApp;

namespace Dashboard.Web.Tests.Hosting;

/// <summary>In Production a failure shows the error page: its status, a request id, and never an exception or stack trace.</summary>
public sealed class ErrorPageTests
{
    [Fact]
    public async Task A_failure_inside_the_app_answers_500_with_the_error_page_and_no_details()
    {
        await using var app = await HostingWebApp.StartAsync();
        var browser = app.Browser();
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(browser, HostingWebApp.OwnerEmail, HostingWebApp.OwnerPassword)).StatusCode);

        var response = await browser.GetAsync(HostingWebApp.ThrowingPath);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("Something went wrong", body, StringComparison.Ordinal);
        AssertNoDetails(body);
    }

    [Fact]
    public async Task A_40_MB_chunked_webhook_post_is_refused_without_a_stack_trace()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Production");
            foreach (var (key, value) in ApiServer.Settings(database, null))
            {
                builder.UseSetting(key, value);
            }
        });
        factory.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        factory.StartServer();
        var address = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        var body = Path.Combine(Path.GetTempPath(), $"dashboard-40mb-{Guid.NewGuid():N}");
        try
        {
            await using (var file = File.Create(body))
            {
                file.SetLength(40L * 1024 * 1024);
            }

            // curl, unlike HttpClient, reads the answer a server sends before the body is complete.
            var (status, text) = await CurlAsync(
                "-s", "-o", "-", "-w", "\n%{http_code}", "-H", "Transfer-Encoding: chunked", "-H", "Stripe-Signature: t=1,v1=00",
                "--data-binary", "@" + body, address + "/webhooks/stripe/1");

            Assert.Equal("413", status);
            AssertNoDetails(text);
        }
        finally
        {
            File.Delete(body);
        }
    }

    [Fact]
    public async Task Signing_in_with_a_non_ascii_return_url_redirects_to_it_percent_encoded()
    {
        await using var app = await HostingWebApp.StartAsync();

        var response = await SignInAsync(app.Browser(), HostingWebApp.OwnerEmail, HostingWebApp.OwnerPassword, "/signin?ReturnUrl=/%C3%A9t%C3%A9");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/%C3%A9t%C3%A9", Location(response));
    }

    [Theory]
    [InlineData("/é", "/%C3%A9")]
    [InlineData("/metrics?segment=Zürich", "/metrics?segment=Z%C3%BCrich")]
    [InlineData("/😀", "/%F0%9F%98%80")]
    [InlineData("/plain?x=1", "/plain?x=1")]
    [InlineData("//evil.example", "/")]
    public void A_local_return_url_is_ascii_only(string url, string expected) =>
        Assert.Equal(expected, LocalUrl.OrRoot(url));

    private static async Task<(string Status, string Body)> CurlAsync(params string[] arguments)
    {
        var start = new System.Diagnostics.ProcessStartInfo("curl") { RedirectStandardOutput = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        var lastLine = output.LastIndexOf('\n');
        return (output[(lastLine + 1)..].Trim(), output[..Math.Max(lastLine, 0)]);
    }

    private static void AssertNoDetails(string body)
    {
        Assert.DoesNotContain(HostingWebApp.SecretDetail, body, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Microsoft.AspNetCore", body, StringComparison.Ordinal);
    }
}
