using System.Net;
using System.Net.Http.Headers;
using Dashboard.Web.Api.Keys;
using Dashboard.Web.Auth;
using Dashboard.Web.Services.ApiKeys;
using Microsoft.Extensions.DependencyInjection;
using static Dashboard.Web.Tests.Auth.AuthWebApp;

namespace Dashboard.Web.Tests.Auth;

/// <summary>Sign-in, setup, lockout and what needs a cookie, through the real pipeline on SQLite.</summary>
public sealed class SignInFlowTests : IAsyncLifetime
{
    private const string OwnerPassword = "Owner-pass-1";
    private AuthWebApp app = null!;

    public async Task InitializeAsync() => app = await AuthWebApp.StartAsync();

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task First_visit_goes_to_setup_which_creates_the_owner_then_visits_go_to_signin_and_setup_is_refused()
    {
        var anonymous = app.Browser();
        var first = await anonymous.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal("/setup", Location(first));
        Assert.Equal("/setup", Location(await anonymous.GetAsync("/signin")));

        var newcomer = app.Browser();
        var created = await SetupAsync(newcomer, "founder@example.com", OwnerPassword, AuthWebApp.SetupTokenValue);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Equal("/", Location(created));
        Assert.Equal(HttpStatusCode.OK, (await newcomer.GetAsync("/")).StatusCode);

        var later = await app.Browser().GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, later.StatusCode);
        Assert.Equal("/signin?ReturnUrl=%2F", Location(later));
        var setupAgain = await app.Browser().GetAsync("/setup");
        Assert.Equal(HttpStatusCode.Redirect, setupAgain.StatusCode);
        Assert.Equal("/signin", Location(setupAgain));
        var owner = Assert.Single(await app.Services.GetRequiredService<UserAccounts>().ListAsync());
        Assert.Equal(("founder@example.com", DashboardRoles.Owner), (owner.Email, owner.Role));
    }

    [Fact]
    public async Task Setup_with_mismatched_passwords_shows_the_error_and_creates_nobody()
    {
        var response = await SetupAsync(app.Browser(), "founder@example.com", OwnerPassword, AuthWebApp.SetupTokenValue, confirm: "Different-pass-1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("The two passwords differ.", await response.Content.ReadAsStringAsync());
        Assert.Empty(await app.Services.GetRequiredService<UserAccounts>().ListAsync());
    }

    [Fact]
    public async Task Right_password_signs_in_and_follows_a_local_return_url_only()
    {
        await CreateAsync("owner@example.com", OwnerPassword, DashboardRoles.Owner);

        var local = app.Browser();
        var signedIn = await SignInAsync(local, "owner@example.com", OwnerPassword, "/signin?ReturnUrl=%2Fmetrics");
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/metrics", Location(signedIn));
        Assert.Equal(HttpStatusCode.OK, (await local.GetAsync("/metrics")).StatusCode);

        var external = await SignInAsync(app.Browser(), "owner@example.com", OwnerPassword, "/signin?ReturnUrl=https%3A%2F%2Fevil.example%2F");
        Assert.Equal("/", Location(external));
        var protocolRelative = await SignInAsync(app.Browser(), "owner@example.com", OwnerPassword, "/signin?ReturnUrl=%2F%2Fevil.example");
        Assert.Equal("/", Location(protocolRelative));
    }

    [Fact]
    public async Task Wrong_password_shows_an_error_and_does_not_sign_in()
    {
        await CreateAsync("owner@example.com", OwnerPassword, DashboardRoles.Owner);
        var client = app.Browser();

        var response = await SignInAsync(client, "owner@example.com", "Wrong-pass-1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(Html(PasswordSignIn.Refused), await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task Health_and_the_api_with_a_key_work_without_a_cookie()
    {
        await CreateAsync("owner@example.com", OwnerPassword, DashboardRoles.Owner);
        var key = await app.Services.GetRequiredService<ApiKeyService>().CreateAsync("auth tests", readOnly: true);
        var client = app.Browser();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/openapi/v1.json")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/app.css")).StatusCode);
        // Stripe reaches the webhook without a session: an unknown source is its own 404, not a sign-in redirect.
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync("/webhooks/stripe/987654", new StringContent("{}"))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/sources")).StatusCode);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/sources");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key.Secret);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task Csv_export_needs_sign_in()
    {
        await CreateAsync("viewer@example.com", OwnerPassword, DashboardRoles.Viewer);
        var anonymous = await app.Browser().GetAsync("/export/metrics/mrr.csv?range=3m");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("/signin?ReturnUrl=%2Fexport%2Fmetrics%2Fmrr.csv", Location(anonymous));

        var client = app.Browser();
        await SignInAsync(client, "viewer@example.com", OwnerPassword);
        var signedIn = await client.GetAsync("/export/metrics/mrr.csv?range=3m");
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        Assert.Equal("text/csv", signedIn.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_blazor_hub_needs_sign_in()
    {
        await CreateAsync("owner@example.com", OwnerPassword, DashboardRoles.Owner);

        var anonymous = await app.Browser().PostAsync("/_blazor/negotiate?negotiateVersion=1", null);
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("/signin", Location(anonymous));

        var client = app.Browser();
        await SignInAsync(client, "owner@example.com", OwnerPassword);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/_blazor/negotiate?negotiateVersion=1", null)).StatusCode);
    }

    [Fact]
    public async Task A_viewer_is_denied_settings_an_owner_is_not()
    {
        await CreateAsync("owner@example.com", OwnerPassword, DashboardRoles.Owner);
        await CreateAsync("viewer@example.com", OwnerPassword, DashboardRoles.Viewer);
        var viewer = app.Browser();
        await SignInAsync(viewer, "viewer@example.com", OwnerPassword);

        foreach (var path in new[] { "/settings", "/settings/users" })
        {
            var denied = await viewer.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
            Assert.StartsWith("/access-denied", Location(denied));
        }

        var page = await viewer.GetAsync("/access-denied");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("data-testid=\"no-access\"", await page.Content.ReadAsStringAsync());
        var viewerHome = await (await viewer.GetAsync("/")).Content.ReadAsStringAsync();
        Assert.Contains(">Overview</span>", viewerHome);
        Assert.DoesNotContain(">Settings</span>", viewerHome);

        var owner = app.Browser();
        await SignInAsync(owner, "owner@example.com", OwnerPassword);
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync("/settings")).StatusCode);
        Assert.Contains(">Settings</span>", await (await owner.GetAsync("/")).Content.ReadAsStringAsync());
        var users = await owner.GetAsync("/settings/users");
        Assert.Equal(HttpStatusCode.OK, users.StatusCode);
        Assert.Contains("viewer@example.com", await users.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Sign_out_needs_the_antiforgery_token_and_ends_the_session()
    {
        await CreateAsync("owner@example.com", OwnerPassword, DashboardRoles.Owner);
        var client = app.Browser();
        await SignInAsync(client, "owner@example.com", OwnerPassword);

        var forged = await client.PostAsync("/signout", new FormUrlEncodedContent(new Dictionary<string, string>()));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);

        var html = await (await client.GetAsync("/")).Content.ReadAsStringAsync();
        var token = System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        var signedOut = await client.PostAsync("/signout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = System.Net.WebUtility.HtmlDecode(token),
        }));
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Equal("/signin", Location(signedOut));
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);
    }

    private static string Html(string text) => System.Net.WebUtility.HtmlEncode(text);

    private async Task CreateAsync(string email, string password, string role)
    {
        var result = await app.Services.GetRequiredService<UserAccounts>().CreateAsync(email, password, role, AccountActor.CommandLine);
        Assert.True(result.Succeeded, string.Join(" ", result.Errors));
    }
}
