using System.Net;
using Dashboard.Web.Auth;
using Dashboard.Web.Services.Audit;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using static Dashboard.Web.Tests.Auth.AuthWebApp;

namespace Dashboard.Web.Tests.Auth;

/// <summary>
/// What sign-in and set-up give away and how they hold up, through the real pipeline on SQLite: one answer for unknown,
/// locked and wrong, a password-hash check on every path, per-client throttling (on a clock the test moves), the lockout
/// behind it, the set-up token, and the audit entries each writes.
/// </summary>
public sealed class SignInDefenceTests : IAsyncLifetime
{
    private const string Owner = "owner@example.com";
    private const string OwnerPassword = "Owner-pass-1";
    private AuthWebApp app = null!;

    public async Task InitializeAsync() => app = await AuthWebApp.StartAsync();

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task Setup_is_refused_without_the_token_and_with_a_wrong_one_and_accepted_with_the_right_one()
    {
        var client = app.Browser();

        var without = await SetupAsync(client, "founder@example.com", OwnerPassword, token: null);
        Assert.Equal(HttpStatusCode.OK, without.StatusCode);
        Assert.Contains("Enter the set-up token the server printed at start.", await without.Content.ReadAsStringAsync());

        var wrong = await SetupAsync(client, "founder@example.com", OwnerPassword, token: "not-the-token");
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains(Html(OwnerSetup.WrongToken), await wrong.Content.ReadAsStringAsync());
        Assert.Empty(await app.Services.GetRequiredService<UserAccounts>().ListAsync());
        var refused = Assert.Single(await app.AuditAsync(AuditActions.SetupRefused));
        Assert.Equal(("founder@example.com", "wrong set-up token"), (refused.Actor, refused.Target));

        var right = await SetupAsync(client, "founder@example.com", OwnerPassword, SetupTokenValue);
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.Equal("/", Location(right));
        Assert.Equal("founder@example.com", Assert.Single(await app.Services.GetRequiredService<UserAccounts>().ListAsync()).Email);
        Assert.Equal("founder@example.com", Assert.Single(await app.AuditAsync(AuditActions.Setup)).Target);
    }

    [Fact]
    public void The_configured_token_is_the_one_setup_expects_and_only_it_matches()
    {
        var token = app.Services.GetRequiredService<SetupToken>();

        Assert.Equal(SetupTokenValue, token.Value);
        Assert.True(token.Matches(" " + SetupTokenValue + " "));
        Assert.False(token.Matches(SetupTokenValue[..^1]));
        Assert.False(token.Matches(null));
    }

    [Fact]
    public async Task An_unknown_email_gets_the_same_answer_as_a_wrong_password_after_a_check_against_the_dummy_hash()
    {
        await CreateOwnerAsync();
        var dummy = app.Services.GetRequiredService<DummyPasswordHash>();

        var before = dummy.Verifications;
        var unknown = await (await SignInAsync(app.Browser(), "nobody@example.com", "Wrong-pass-1")).Content.ReadAsStringAsync();
        Assert.Equal(before + 1, dummy.Verifications);

        var wrong = await (await SignInAsync(app.Browser(), Owner, "Wrong-pass-1")).Content.ReadAsStringAsync();
        Assert.Equal(before + 1, dummy.Verifications);

        Assert.Equal(Error(unknown), Error(wrong));
        Assert.Equal(Html(PasswordSignIn.Refused), Error(wrong));
        var failures = await app.AuditAsync(AuditActions.SignInFailed);
        Assert.Equal([Owner, "nobody@example.com"], failures.Select(f => f.Actor));
        Assert.NotNull(failures[0].ActorId);
        Assert.Null(failures[1].ActorId);
    }

    [Fact]
    public async Task A_locked_account_answers_like_a_wrong_password_after_a_hash_check_and_refuses_the_right_one()
    {
        await CreateOwnerAsync();
        using (var scope = app.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
            var owner = (await users.FindByEmailAsync(Owner))!;
            await users.SetLockoutEndDateAsync(owner, DateTimeOffset.UtcNow.AddMinutes(15));
        }

        var dummy = app.Services.GetRequiredService<DummyPasswordHash>();
        var before = dummy.Verifications;
        var client = app.Browser();
        var right = await SignInAsync(client, Owner, OwnerPassword);

        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Equal(Html(PasswordSignIn.Refused), Error(await right.Content.ReadAsStringAsync()));
        Assert.Equal(before + 1, dummy.Verifications);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task A_client_is_throttled_after_three_failures_with_429_before_its_password_is_checked_until_its_wait_is_over()
    {
        await CreateOwnerAsync();
        var client = app.Browser();
        for (var attempt = 1; attempt <= SignInRules.FreeFailuresPerClient; attempt++)
        {
            Assert.Equal(HttpStatusCode.OK, (await SignInAsync(client, Owner, "Wrong-pass-1")).StatusCode);
        }

        var throttled = await SignInAsync(client, Owner, OwnerPassword);

        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(1), throttled.Headers.RetryAfter?.Delta);
        Assert.Contains(Html(PasswordSignIn.ThrottledMessage(TimeSpan.FromSeconds(1))), await throttled.Content.ReadAsStringAsync());
        Assert.Equal(SignInRules.FreeFailuresPerClient, await FailedCountAsync());
        Assert.Single(await app.AuditAsync(AuditActions.SignInThrottled));

        app.ThrottleClock.Now += TimeSpan.FromSeconds(1);
        var signedIn = await SignInAsync(client, Owner, OwnerPassword);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal(Owner, Assert.Single(await app.AuditAsync(AuditActions.SignIn)).Actor);
    }

    [Fact]
    public async Task Only_attempts_the_throttle_lets_through_count_and_twenty_of_them_lock_the_account_which_is_logged()
    {
        await CreateOwnerAsync();
        var client = app.Browser();
        for (var attempt = 1; attempt <= SignInRules.MaxFailedAttempts; attempt++)
        {
            app.ThrottleClock.Now += SignInRules.MaxClientBackoff;
            var html = await (await SignInAsync(client, Owner, "Wrong-pass-1")).Content.ReadAsStringAsync();
            Assert.Equal(Html(PasswordSignIn.Refused), Error(html));
        }

        var locked = Assert.Single(await app.AuditAsync(AuditActions.SignInLockedOut));
        Assert.Equal(Owner, locked.Target);
        Assert.NotNull(Assert.Single(await app.Services.GetRequiredService<UserAccounts>().ListAsync()).LockedOutUntil);

        app.ThrottleClock.Now += SignInRules.MaxClientBackoff;
        var right = await SignInAsync(client, Owner, OwnerPassword);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Equal(Html(PasswordSignIn.Refused), Error(await right.Content.ReadAsStringAsync()));
    }

    private async Task<int> FailedCountAsync()
    {
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        return await users.GetAccessFailedCountAsync((await users.FindByEmailAsync(Owner))!);
    }

    private async Task CreateOwnerAsync()
    {
        var result = await app.Services.GetRequiredService<UserAccounts>().CreateAsync(Owner, OwnerPassword, DashboardRoles.Owner, AccountActor.CommandLine);
        Assert.True(result.Succeeded, string.Join(" ", result.Errors));
    }

    private static string Html(string text) => WebUtility.HtmlEncode(text);

    /// <summary>The text of the page's error box.</summary>
    private static string Error(string html)
    {
        var match = System.Text.RegularExpressions.Regex.Match(html, "data-testid=\"signin-error\">([^<]*)<");
        Assert.True(match.Success, "The page shows no sign-in error.");
        return match.Groups[1].Value;
    }
}
