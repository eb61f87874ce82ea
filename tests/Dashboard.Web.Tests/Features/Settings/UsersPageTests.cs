using System.Security.Claims;
using Bunit;
using Dashboard.Infrastructure.Data;
using Dashboard.Testing;
using Dashboard.Web.Auth;
using Dashboard.Web.Features.Settings.Users;
using Dashboard.Web.Services.Audit;
using Dashboard.Web.Tests.Auth;
using Dashboard.Web.Tests.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Features.Settings;

/// <summary>The Users page (bUnit, over a real SQLite account store): a refused change leaves the picker on the stored role.</summary>
public sealed class UsersPageTests : DashboardTestContext, IAsyncLifetime
{
    private const string Password = "Sturdy-pass-1";
    private TestDatabase database = null!;
    private ServiceProvider accountServices = null!;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        accountServices = AccountServices.Build(database);
        Services.AddSingleton(accountServices.GetRequiredService<UserAccounts>());
        Services.AddSingleton<TimeProvider>(TimeProvider.System).AddSingleton(database.CreateFactory()).AddAuditLog();
        AddAuthorization().SetAuthorized("owner@example.com").SetRoles(DashboardRoles.Owner);
    }

    public new async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await accountServices.DisposeAsync();
        await database.DisposeAsync();
    }

    [Fact]
    public async Task Demoting_the_last_owner_is_refused_and_the_picker_shows_owner_again_with_the_error()
    {
        var accounts = Services.GetRequiredService<UserAccounts>();
        Assert.True((await accounts.CreateAsync("owner@example.com", Password, DashboardRoles.Owner, AccountActor.CommandLine)).Succeeded);
        var owner = Assert.Single(await accounts.ListAsync());
        var page = RenderAsOwner(owner.Id);
        page.WaitForAssertion(() => Assert.Equal(DashboardRoles.Owner, RoleShown(page, "owner@example.com")));

        page.Find("tr[data-user='owner@example.com'] .rz-dropdown-item[aria-label='viewer']").Click();

        page.WaitForAssertion(() => Assert.Contains("users-message--error", page.Find("[data-testid='users-message']").ClassName, StringComparison.Ordinal));
        Assert.Equal("owner@example.com is the last owner; make another user an owner first.", page.Find("[data-testid='users-message']").TextContent.Trim());
        Assert.Equal(DashboardRoles.Owner, RoleShown(page, "owner@example.com"));
        Assert.Equal(DashboardRoles.Owner, Assert.Single(await accounts.ListAsync()).Role);
    }

    [Fact]
    public async Task An_accepted_change_shows_the_new_role()
    {
        var accounts = Services.GetRequiredService<UserAccounts>();
        await accounts.CreateAsync("owner@example.com", Password, DashboardRoles.Owner, AccountActor.CommandLine);
        await accounts.CreateAsync("viewer@example.com", Password, DashboardRoles.Viewer, AccountActor.CommandLine);
        var owner = (await accounts.ListAsync()).Single(u => u.Email == "owner@example.com");
        var page = RenderAsOwner(owner.Id);
        page.WaitForAssertion(() => Assert.Equal(DashboardRoles.Viewer, RoleShown(page, "viewer@example.com")));

        page.Find("tr[data-user='viewer@example.com'] .rz-dropdown-item[aria-label='admin']").Click();

        page.WaitForAssertion(() => Assert.Equal("viewer@example.com is now admin.", page.Find("[data-testid='users-message']").TextContent.Trim()));
        Assert.Equal(DashboardRoles.Admin, RoleShown(page, "viewer@example.com"));
    }

    [Fact]
    public async Task The_settings_tabs_stay_with_users_marked_as_the_current_one()
    {
        var accounts = Services.GetRequiredService<UserAccounts>();
        await accounts.CreateAsync("owner@example.com", Password, DashboardRoles.Owner, AccountActor.CommandLine);
        var page = RenderAsOwner((await accounts.ListAsync()).Single().Id);

        page.WaitForAssertion(() => Assert.Equal("page", page.Find("[data-testid='settings-tabs'] [data-testid='settings-users']").GetAttribute("aria-current")));
        Assert.Equal(["Reporting", "Exchange rates", "API keys", "Email", "Sources", "Users", "Audit log", "Background jobs"],
            page.FindAll("[data-testid='settings-tabs'] a").Select(a => a.TextContent.Trim()));
        Assert.Single(page.FindAll("[data-testid='settings-tabs'] [aria-current]"));
    }

    private static string RoleShown(IRenderedComponent<UsersPage> page, string email) =>
        page.Find($"tr[data-user='{email}'] .rz-dropdown-label").TextContent.Trim();

    private IRenderedComponent<UsersPage> RenderAsOwner(string userId)
    {
        var user = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, userId), new Claim(ClaimTypes.Name, "owner@example.com"), new Claim(ClaimTypes.Role, DashboardRoles.Owner)], "test"));
        return RenderPage<UsersPage>(p => p.AddCascadingValue(Task.FromResult(new AuthenticationState(user))));
    }
}
