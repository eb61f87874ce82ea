using System.Security.Claims;
using Bunit;
using Dashboard.Core.Billing;
using Dashboard.Infrastructure.Data;
using Dashboard.Testing;
using Dashboard.Web.Auth;
using Dashboard.Web.Features.Settings.ApiKeys;
using Dashboard.Web.Services.ApiKeys;
using Dashboard.Web.Services.Audit;
using Dashboard.Web.Tests.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Features.Settings;

/// <summary>Settings -> API keys: the scope is chosen on creation and shown in the list; only owners make admin keys.</summary>
public sealed class ApiKeyScopeSectionTests : DashboardTestContext, IAsyncLifetime
{
    private TestDatabase database = null!;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        Services.AddSingleton(database.CreateFactory());
        Services.AddSingleton(TimeProvider.System);
        Services.AddSingleton<ApiKeyService>();
        Services.AddAuditLog();
        AddAuthorization().SetAuthorized("someone"); // the audit trail names the signed-in user
    }

    // The context itself is disposed by xUnit through IDisposable.
    Task IAsyncLifetime.DisposeAsync() => database.DisposeAsync().AsTask();

    [Theory]
    [InlineData(ApiKeyScope.ReadOnly, "read-only", "read-only: reads; 403 on writes")]
    [InlineData(ApiKeyScope.Admin, "admin", "admin: also keys and the audit log")]
    public async Task An_owner_creates_a_key_of_the_chosen_scope_and_the_list_shows_it(ApiKeyScope scope, string label, string choice)
    {
        var section = RenderAs(DashboardRoles.Owner);

        section.Find("[data-testid='api-key-name']").Change("ops");
        section.Find($"[data-testid='api-key-scope'] .rz-dropdown-item[aria-label='{choice}']").Click();
        await section.Find("form").SubmitAsync();

        var created = Assert.Single(await Services.GetRequiredService<ApiKeyService>().ListAsync());
        Assert.Equal(("ops", scope), (created.Name, created.Scope));
        section.WaitForAssertion(() =>
            Assert.Equal(label, section.Find($"table[data-testid='api-keys'] tr[data-key-id='{created.Id}'] td[data-scope]").TextContent.Trim()));
        Assert.NotNull(section.Find("[data-testid='api-key-secret']"));
    }

    [Fact]
    public async Task An_admin_user_is_offered_no_admin_scope_and_read_write_is_the_default()
    {
        var section = RenderAs(DashboardRoles.Admin);

        var options = section.FindAll("[data-testid='api-key-scope'] .rz-dropdown-item").Select(o => o.GetAttribute("aria-label")).ToList();
        Assert.Equal(["read-only: reads; 403 on writes", "read-write: reads and writes billing data"], options);
        Assert.Equal(nameof(ApiKeyScope.ReadWrite), section.Find("[data-testid='api-key-scope']").GetAttribute("data-value"));
        section.Find("[data-testid='api-key-name']").Change("sync");
        await section.Find("form").SubmitAsync();

        Assert.Equal(ApiKeyScope.ReadWrite, Assert.Single(await Services.GetRequiredService<ApiKeyService>().ListAsync()).Scope);
        Assert.NotNull(ApiKeysSection.ValidateScope(ApiKeyScope.Admin, isOwner: false));
        Assert.Null(ApiKeysSection.ValidateScope(ApiKeyScope.Admin, isOwner: true));
    }

    private IRenderedComponent<ApiKeysSection> RenderAs(string role)
    {
        var user = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "someone"), new Claim(ClaimTypes.Role, role)], "test"));
        return Render<ApiKeysSection>(p => p.AddCascadingValue(Task.FromResult(new AuthenticationState(user))));
    }
}
