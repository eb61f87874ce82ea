using System.Net;
using System.Text.RegularExpressions;
using Dashboard.Web.Auth;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using static Dashboard.Web.Tests.Auth.AuthWebApp;

namespace Dashboard.Web.Tests.Auth;

/// <summary>
/// Sessions end when they should, through the real pipeline: a copy of a session cookie taken before sign-out, account
/// deletion, a role change or a password change is sent to sign in on its next request.
/// </summary>
public sealed partial class SessionTests : IAsyncLifetime
{
    private const string Password = "Session-pass-1";
    private const string CookieName = "dashboard_auth";
    private AuthWebApp app = null!;

    public async Task InitializeAsync()
    {
        app = await AuthWebApp.StartAsync();
        var accounts = app.Services.GetRequiredService<UserAccounts>();
        foreach (var role in DashboardRoles.All)
        {
            var created = await accounts.CreateAsync($"{role}@example.com", Password, role, AccountActor.CommandLine);
            Assert.True(created.Succeeded, string.Join(" ", created.Errors));
        }
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task Signing_out_ends_every_copy_of_the_session_cookie()
    {
        var (browser, copied) = await SignInAndCopyCookieAsync(DashboardRoles.Admin);
        Assert.Equal(HttpStatusCode.OK, (await GetWithCookieAsync(copied, "/settings")).StatusCode);

        var signedOut = await SignOutAsync(browser);

        Assert.Equal("/signin", Location(signedOut));
        AssertSentToSignIn(await GetWithCookieAsync(copied, "/settings"));
        AssertSentToSignIn(await GetWithCookieAsync(copied, "/"));
    }

    [Fact]
    public async Task Deleting_a_user_ends_their_session_at_once()
    {
        var (_, copied) = await SignInAndCopyCookieAsync(DashboardRoles.Admin);
        Assert.Equal(HttpStatusCode.OK, (await GetWithCookieAsync(copied, "/settings/users")).StatusCode);

        var accounts = app.Services.GetRequiredService<UserAccounts>();
        var admin = (await accounts.ListAsync()).Single(u => u.Role == DashboardRoles.Admin);
        Assert.True((await accounts.DeleteAsync(admin.Id, AccountActor.CommandLine)).Succeeded);

        AssertSentToSignIn(await GetWithCookieAsync(copied, "/settings/users"));
        AssertSentToSignIn(await GetWithCookieAsync(copied, "/settings"));
    }

    [Fact]
    public async Task Changing_a_role_ends_the_session_so_the_old_role_is_gone()
    {
        var (_, copied) = await SignInAndCopyCookieAsync(DashboardRoles.Admin);
        Assert.Equal(HttpStatusCode.OK, (await GetWithCookieAsync(copied, "/import")).StatusCode);

        var accounts = app.Services.GetRequiredService<UserAccounts>();
        var admin = (await accounts.ListAsync()).Single(u => u.Role == DashboardRoles.Admin);
        Assert.True((await accounts.ChangeRoleAsync(admin.Id, DashboardRoles.Viewer, AccountActor.CommandLine)).Succeeded);

        AssertSentToSignIn(await GetWithCookieAsync(copied, "/import"));
        AssertSentToSignIn(await GetWithCookieAsync(copied, "/"));

        // Signed in again, the account has its new role only.
        var (_, fresh) = await SignInAndCopyCookieAsync(DashboardRoles.Admin);
        Assert.Equal(HttpStatusCode.OK, (await GetWithCookieAsync(fresh, "/")).StatusCode);
        Assert.StartsWith("/access-denied", Location(await GetWithCookieAsync(fresh, "/import")));
    }

    [Fact]
    public async Task Changing_the_password_ends_sessions_signed_in_with_the_old_one()
    {
        var (_, copied) = await SignInAndCopyCookieAsync(DashboardRoles.Viewer);
        Assert.Equal(HttpStatusCode.OK, (await GetWithCookieAsync(copied, "/")).StatusCode);

        using (var scope = app.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
            var viewer = await users.FindByEmailAsync("viewer@example.com");
            var changed = await users.ChangePasswordAsync(viewer!, Password, "Session-pass-2");
            Assert.True(changed.Succeeded);
        }

        AssertSentToSignIn(await GetWithCookieAsync(copied, "/"));
    }

    [Fact]
    public async Task Another_users_sign_out_leaves_a_session_alone()
    {
        var (_, ownerCookie) = await SignInAndCopyCookieAsync(DashboardRoles.Owner);
        var (viewer, _) = await SignInAndCopyCookieAsync(DashboardRoles.Viewer);

        await SignOutAsync(viewer);

        Assert.Equal(HttpStatusCode.OK, (await GetWithCookieAsync(ownerCookie, "/settings")).StatusCode);
    }

    [Fact]
    public async Task The_session_cookie_is_persistent_for_the_documented_lifetime_and_renewed_on_use()
    {
        var browser = app.Browser();
        var before = DateTimeOffset.UtcNow;
        var signedIn = await SignInAsync(browser, $"{DashboardRoles.Viewer}@example.com", Password);
        var after = DateTimeOffset.UtcNow;
        var cookie = Assert.Single(signedIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith(CookieName + "=", StringComparison.Ordinal));
        var expires = DateTimeOffset.Parse(ExpiresPattern().Match(cookie).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        // Issued between before and after; the expiry is written in whole seconds.
        Assert.InRange(expires, before + SessionRules.CookieLifetime - TimeSpan.FromSeconds(1), after + SessionRules.CookieLifetime + TimeSpan.FromSeconds(1));
        Assert.Equal(TimeSpan.FromHours(8), SessionRules.CookieLifetime);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);

        var page = await browser.GetAsync("/");
        Assert.Contains(page.Headers.GetValues("Set-Cookie"), c => c.StartsWith(CookieName + "=", StringComparison.Ordinal));
    }

    private async Task<(HttpClient Browser, string Cookie)> SignInAndCopyCookieAsync(string role)
    {
        var browser = app.Browser();
        var signedIn = await SignInAsync(browser, $"{role}@example.com", Password);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var cookie = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(CookieName + "=", StringComparison.Ordinal));
        return (browser, cookie.Split(';')[0]);
    }

    /// <summary>A request from somewhere else (another tab, device or attacker) carrying only the copied cookie.</summary>
    private async Task<HttpResponseMessage> GetWithCookieAsync(string cookie, string path)
    {
        using var client = app.Bare();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", cookie);
        return await client.SendAsync(request);
    }

    private static async Task<HttpResponseMessage> SignOutAsync(HttpClient browser)
    {
        var html = await (await browser.GetAsync("/")).Content.ReadAsStringAsync();
        var token = TokenPattern().Match(html).Groups[1].Value;
        var signedOut = await browser.PostAsync("/signout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
        }));
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        return signedOut;
    }

    private static void AssertSentToSignIn(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/signin?ReturnUrl=", Location(response));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    [GeneratedRegex("expires=([^;]+)", RegexOptions.IgnoreCase)]
    private static partial Regex ExpiresPattern();
}
