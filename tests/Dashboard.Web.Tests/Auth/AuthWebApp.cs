using System.Net;
using System.Text.RegularExpressions;
using Dashboard.Infrastructure.Data;
using Dashboard.Testing;
using Dashboard.Web.Auth;
using Dashboard.Web.Services.Audit;
using Dashboard.Web.Tests.Api;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Auth;

/// <summary>
/// The whole app over a fresh SQLite store with no users, and browser-like clients (cookies, no auto-redirect). The
/// set-up token is <see cref="SetupTokenValue"/>, and the sign-in throttle runs on <see cref="ThrottleClock"/>, a clock
/// that moves only when a test moves it.
/// </summary>
public sealed partial class AuthWebApp : IAsyncDisposable
{
    public const string SetupTokenValue = "test-setup-token-5d41402abc4b2a76";

    private readonly WebApplicationFactory<Program> factory;

    private AuthWebApp(TestDatabase database, WebApplicationFactory<Program> factory, FixedTimeProvider throttleClock)
    {
        Database = database;
        this.factory = factory;
        ThrottleClock = throttleClock;
    }

    public TestDatabase Database { get; }

    public FixedTimeProvider ThrottleClock { get; }

    public IServiceProvider Services => factory.Services;

    public static async Task<AuthWebApp> StartAsync()
    {
        var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var clock = new FixedTimeProvider(DateTimeOffset.UtcNow);
        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Testing");
            foreach (var (key, value) in ApiServer.Settings(database, null))
            {
                builder.UseSetting(key, value);
            }

            builder.UseSetting(SetupToken.ConfigurationKey, SetupTokenValue);
            builder.ConfigureTestServices(services => services.AddSingleton(new SignInThrottle(clock)));
        });
        return new AuthWebApp(database, factory, clock);
    }

    /// <summary>The audit log's newest entries (up to 200), newest first.</summary>
    public async Task<IReadOnlyList<Dashboard.Infrastructure.Data.AuditEntry>> AuditAsync(string? action = null) =>
        (await Services.GetRequiredService<IAuditLog>().ReadAsync(1, 200, action)).Entries;

    /// <summary>A client keeping cookies like a browser, but showing redirects instead of following them.</summary>
    public HttpClient Browser() =>
        factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>A client that keeps no cookies and shows redirects: requests carry only the headers a test sets.</summary>
    public HttpClient Bare() =>
        factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

    /// <summary>GETs <paramref name="path"/>, then posts its form (named <paramref name="formName"/>) with the antiforgery token.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string path, string formName, IDictionary<string, string> fields)
    {
        var page = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        var token = TokenPattern().Match(html);
        Assert.True(token.Success, $"No antiforgery token on {path}");
        var body = new Dictionary<string, string>(fields)
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
            ["_handler"] = formName,
        };
        return await client.PostAsync(path, new FormUrlEncodedContent(body));
    }

    public static Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password, string path = "/signin") =>
        PostFormAsync(client, path, "signin", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = password });

    /// <summary>Posts the set-up form (<paramref name="token"/> left out when null).</summary>
    public static Task<HttpResponseMessage> SetupAsync(HttpClient client, string email, string password, string? token, string? confirm = null)
    {
        var fields = new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
            ["Input.ConfirmPassword"] = confirm ?? password,
        };
        if (token is not null)
        {
            fields["Input.Token"] = token;
        }

        return PostFormAsync(client, "/setup", "setup", fields);
    }

    /// <summary>Where a redirect points, as a local path and query (the app writes some redirects as absolute URLs).</summary>
    public static string? Location(HttpResponseMessage response) => response.Headers.Location switch
    {
        null => null,
        { IsAbsoluteUri: true } absolute => absolute.PathAndQuery,
        var relative => relative.OriginalString,
    };

    public async ValueTask DisposeAsync()
    {
        await factory.DisposeAsync();
        await Database.DisposeAsync();
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
