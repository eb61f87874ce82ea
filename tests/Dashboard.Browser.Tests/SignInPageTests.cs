using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Dashboard.Browser.Tests;

/// <summary>Sign-in, sign-out and role limits in Chromium against the real app and its prepared accounts.</summary>
public sealed class SignInPageTests(OverviewFixture fixture, ITestOutputHelper output) : IClassFixture<OverviewFixture>
{
    private const float Timeout = 30_000;

    [Fact]
    public async Task Signing_in_through_the_form_lands_on_the_overview()
    {
        var page = await fixture.NewAnonymousPageAsync();
        await page.GotoAsync("/");
        await page.WaitForAddressAsync("/signin?ReturnUrl=%2F", Timeout);
        Assert.Equal("Sign in", (await page.Locator("h1").TextContentAsync())?.Trim());
        await ScreenshotAsync(page, "signin");

        await OverviewFixture.SubmitSignInAsync(page, OverviewFixture.OwnerEmail, OverviewFixture.OwnerPassword);

        await page.Locator(".kpi-card[data-metric='mrr']").WaitForAsync(new() { Timeout = Timeout });
        Assert.Equal(fixture.Server.BaseAddress.ToString(), page.Url);
        Assert.Equal(OverviewFixture.OwnerEmail, (await page.Locator("[data-testid='user-email']").TextContentAsync())?.Trim());
    }

    [Fact]
    public async Task The_sign_in_page_follows_the_dark_theme()
    {
        var page = await fixture.NewAnonymousPageAsync(390, 844);
        await page.Context.AddCookiesAsync([new Cookie { Name = "DashboardTheme", Value = "material-dark", Url = fixture.Server.BaseAddress.ToString() }]);
        await page.GotoAsync("signin");

        Assert.Contains("material-dark", await page.Locator("link#radzen-theme-link").GetAttributeAsync("href"));
        var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1");
        Assert.False(overflow, "The sign-in page scrolls sideways at 390 px.");
        await ScreenshotAsync(page, "signin-dark-phone");
    }

    [Fact]
    public async Task A_wrong_password_shows_an_error_and_stays_on_the_sign_in_page()
    {
        var page = await fixture.NewAnonymousPageAsync();
        await page.GotoAsync("signin");

        await OverviewFixture.SubmitSignInAsync(page, OverviewFixture.ViewerEmail, "Not-the-password-1");

        var error = page.Locator("[data-testid='signin-error']");
        await error.WaitForAsync(new() { Timeout = Timeout });
        Assert.Equal("The email or password is wrong, or the account is locked for a while after too many failed attempts.", (await error.TextContentAsync())?.Trim());
        Assert.Contains("/signin", page.Url);
        await ScreenshotAsync(page, "signin-wrong-password");
    }

    [Fact]
    public async Task Signing_out_returns_to_the_sign_in_page_and_ends_the_session()
    {
        var page = await fixture.NewAnonymousPageAsync();
        await page.GotoAsync("signin");
        await OverviewFixture.SubmitSignInAsync(page, OverviewFixture.LeaverEmail, OverviewFixture.LeaverPassword);
        await page.Locator(".kpi-card[data-metric='mrr']").WaitForAsync(new() { Timeout = Timeout });
        await page.WaitForFunctionAsync("() => window.Blazor !== undefined", null, new() { Timeout = Timeout });

        await page.Locator("[data-testid='signout']").ClickAsync();

        await page.WaitForAddressAsync("/signin", Timeout);
        await page.GotoAsync("metrics");
        await page.WaitForAddressAsync("/signin?ReturnUrl=%2Fmetrics", Timeout);
    }

    [Fact]
    public async Task A_viewer_has_no_settings_entry_and_sees_no_access_on_settings()
    {
        var page = await fixture.NewPageAsync(role: BrowserRole.Viewer);
        page.LogConsoleTo(output);
        await page.GotoAsync("/");
        var sidebar = page.Locator(".rz-sidebar");
        await sidebar.GetByText("Overview", new() { Exact = true }).WaitForAsync(new() { Timeout = Timeout });
        Assert.Equal(0, await sidebar.GetByText("Settings", new() { Exact = true }).CountAsync());
        Assert.Equal(OverviewFixture.ViewerEmail, (await page.Locator("[data-testid='user-email']").TextContentAsync())?.Trim());

        await page.GotoAsync("settings");

        await page.Locator("[data-testid='no-access']").WaitForAsync(new() { Timeout = Timeout });
        Assert.Equal("You don't have access to this page", (await page.Locator(".page-header h1").TextContentAsync())?.Trim());
        await ScreenshotAsync(page, "settings-no-access");
    }

    [Fact]
    public async Task A_viewer_reads_segments_without_editing_and_has_no_import()
    {
        var page = await fixture.NewPageAsync(role: BrowserRole.Viewer);
        page.LogConsoleTo(output);
        await page.GotoAsync("segments");
        await page.Locator("header[data-interactive='true']").WaitForAsync(new() { Timeout = Timeout });
        await page.Locator("[data-testid='segment-table'], [data-testid='empty-state']").First.WaitForAsync(new() { Timeout = Timeout });

        Assert.Equal(0, await page.Locator("[data-testid='segment-new']").CountAsync());
        Assert.Equal(0, await page.Locator("[data-testid='segment-edit'], [data-testid='segment-delete']").CountAsync());
        Assert.Equal(0, await page.Locator(".rz-sidebar").GetByText("Import", new() { Exact = true }).CountAsync());

        await page.GotoAsync("import");

        await page.Locator("[data-testid='no-access']").WaitForAsync(new() { Timeout = Timeout });
        Assert.Equal(0, await page.Locator("[data-testid='import-file']").CountAsync());
    }

    [Fact]
    public async Task An_owner_sees_settings_in_the_sidebar_and_the_users_page_lists_both_accounts()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("settings/users");

        var table = page.Locator("[data-testid='users-table']");
        await table.WaitForAsync(new() { Timeout = Timeout });
        Assert.Equal(1, await page.Locator(".rz-sidebar").GetByText("Settings", new() { Exact = true }).CountAsync());
        Assert.Equal(1, await table.Locator("tr[data-user='owner@example.com']").CountAsync());
        Assert.Equal(1, await table.Locator("tr[data-user='viewer@example.com']").CountAsync());
        await ScreenshotAsync(page, "settings-users");
    }

    [Fact]
    public async Task An_owner_adds_and_deletes_a_user_and_cannot_delete_their_own_account()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("settings/users");
        await page.Locator("section.users-add[data-interactive='true']").WaitForAsync(new() { Timeout = Timeout });
        var table = page.Locator("[data-testid='users-table']");
        await table.WaitForAsync(new() { Timeout = Timeout });
        var email = $"added-{Guid.NewGuid():N}@example.com";
        var message = page.Locator("[data-testid='users-message']");

        await page.Locator("[data-testid='new-email']").FillAsync(email);
        await page.Locator("[data-testid='new-password']").FillAsync("Added-pass-1");
        await page.Locator("[data-testid='add-user']").ClickAsync();

        var row = table.Locator($"tr[data-user='{email}']");
        await row.WaitForAsync(new() { Timeout = Timeout });
        Assert.Equal($"Added {email} as viewer.", (await message.TextContentAsync())?.Trim());
        Assert.Contains("viewer", await row.InnerTextAsync());

        await row.GetByRole(AriaRole.Button, new() { Name = $"Delete {email}" }).ClickAsync();
        await row.WaitForAsync(new() { State = WaitForSelectorState.Detached, Timeout = Timeout });
        Assert.Equal($"Deleted {email}.", (await message.TextContentAsync())?.Trim());

        var ownerRow = table.Locator("tr[data-user='owner@example.com']");
        await ownerRow.GetByRole(AriaRole.Button, new() { Name = "Delete owner@example.com" }).ClickAsync();
        await page.WaitForFunctionAsync(
            "() => document.querySelector(\"[data-testid='users-message']\")?.textContent.includes('your own account')", null, new() { Timeout = Timeout });
        Assert.Equal(1, await ownerRow.CountAsync());
    }

    [Fact]
    public async Task A_refused_role_change_shows_the_role_as_it_still_is()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("settings/users");
        await page.Locator("section.users-add[data-interactive='true']").WaitForAsync(new() { Timeout = Timeout });
        var ownerRow = page.Locator("[data-testid='users-table'] tr[data-user='owner@example.com']");
        await ownerRow.WaitForAsync(new() { Timeout = Timeout });

        // The only owner cannot demote themselves: the change is refused and the picker goes back to "owner".
        await ownerRow.Locator(".rz-dropdown").ClickAsync();
        await page.Locator(".rz-popup:visible .rz-dropdown-item", new() { HasText = "viewer" }).First.ClickAsync();

        var message = page.Locator("[data-testid='users-message'].users-message--error");
        await message.WaitForAsync(new() { Timeout = Timeout });
        await page.WaitForFunctionAsync(
            "() => document.querySelector(\"tr[data-user='owner@example.com'] .rz-dropdown-label\")?.textContent.trim() === 'owner'", null, new() { Timeout = Timeout });
    }

    [Fact]
    public async Task An_owner_finds_sign_ins_and_a_user_they_added_in_the_audit_log_reached_from_settings()
    {
        var page = await fixture.NewAnonymousPageAsync();
        await page.GotoAsync("signin?ReturnUrl=%2Fsettings%2Fusers");
        await OverviewFixture.SubmitSignInAsync(page, OverviewFixture.OwnerEmail, OverviewFixture.OwnerPassword);
        await page.WaitForAddressAsync("/settings/users", Timeout);
        await page.Locator("section.users-add[data-interactive='true']").WaitForAsync(new() { Timeout = Timeout });
        var email = $"audited-{Guid.NewGuid():N}@example.com";
        await page.Locator("[data-testid='new-email']").FillAsync(email);
        await page.Locator("[data-testid='new-password']").FillAsync("Added-pass-1");
        await page.Locator("[data-testid='add-user']").ClickAsync();
        await page.Locator($"tr[data-user='{email}']").WaitForAsync(new() { Timeout = Timeout });

        await page.GotoAsync("settings");
        await page.Locator("[data-testid='settings-audit-log']").ClickAsync();
        await page.Locator(".audit-filter[data-interactive='true']").WaitForAsync(new() { Timeout = Timeout });
        var signIn = page.Locator("[data-testid='audit-entry'][data-action='signin.succeeded']", new() { HasText = OverviewFixture.OwnerEmail }).First;
        await signIn.WaitForAsync(new() { Timeout = Timeout });
        Assert.Contains("127.0.0.1", await signIn.InnerTextAsync());

        await page.Locator("[data-testid='audit-action']").ClickAsync();
        await page.Locator(".rz-popup:visible .rz-dropdown-item", new() { HasTextString = "user.created" }).First.ClickAsync();
        await page.WaitForAddressAsync("/settings/audit-log?action=user.created", Timeout);
        // Filtered: only user.created entries remain (the sign-ins above are gone), the added user among them.
        await page.Locator("[data-testid='audit-entry'][data-action='signin.succeeded']").First
            .WaitForAsync(new() { State = WaitForSelectorState.Detached, Timeout = Timeout });
        var added = page.Locator("[data-testid='audit-entry']", new() { HasText = email });
        await added.WaitForAsync(new() { Timeout = Timeout });
        Assert.Equal(0, await page.Locator("[data-testid='audit-entry']:not([data-action='user.created'])").CountAsync());
        Assert.Contains(OverviewFixture.OwnerEmail, await added.InnerTextAsync());
        await ScreenshotAsync(page, "settings-audit-log");
    }

    [Fact]
    public async Task A_viewer_sees_no_access_on_the_audit_log()
    {
        var page = await fixture.NewPageAsync(role: BrowserRole.Viewer);
        await page.GotoAsync("settings/audit-log");
        await page.Locator("[data-testid='no-access']").WaitForAsync(new() { Timeout = Timeout });
        Assert.Equal(0, await page.Locator("[data-testid='audit-table']").CountAsync());
    }

    private async Task ScreenshotAsync(IPage page, string name)
    {
        var path = Path.Combine(OverviewFixture.ScreenshotDirectory, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path });
        output.WriteLine($"Screenshot: {path}");
    }
}
