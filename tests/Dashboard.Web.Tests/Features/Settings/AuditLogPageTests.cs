using Bunit;
using Dashboard.Infrastructure.Data;
using Dashboard.Testing;
using Dashboard.Web.Features.Settings.AuditLog;
using Dashboard.Web.Features.Settings;
using Dashboard.Web.Features.Settings.ApiKeys;
using Dashboard.Web.Features.Settings.Reporting;
using Dashboard.Infrastructure.Import;
using Microsoft.Extensions.Configuration;
using Dashboard.Web.Services.ApiKeys;
using Dashboard.Web.Services.Audit;
using Dashboard.Web.Tests.Components;
using Dashboard.Web.Tests.Services.Audit;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Features.Settings;

/// <summary>The Audit log page (bUnit, over a real SQLite store), and audited actions taken in a circuit.</summary>
public sealed class AuditLogPageTests : DashboardTestContext, IAsyncLifetime
{
    private readonly FixedTimeProvider clock = new(new DateTimeOffset(2026, 4, 1, 12, 0, 0, TimeSpan.Zero));
    private TestDatabase database = null!;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        Services.AddSingleton<TimeProvider>(clock).AddSingleton(database.CreateFactory()).AddAuditLog();
    }

    public new async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await database.DisposeAsync();
    }

    [Fact]
    public async Task It_lists_fifty_entries_newest_first_with_a_link_to_the_older_page()
    {
        await SeedAsync(signIns: AuditLogPage.PerPage - 1, userCreations: 2);
        Open("settings/audit-log");

        var page = RenderPage<AuditLogPage>();

        page.WaitForAssertion(() => Assert.Equal(AuditLogPage.PerPage, page.FindAll("[data-testid='audit-entry']").Count));
        var first = page.FindAll("[data-testid='audit-entry']")[0];
        Assert.Equal(AuditActions.UserCreated, first.GetAttribute("data-action"));
        Assert.Contains("2026-04-01 12:51:00", first.TextContent, StringComparison.Ordinal);
        Assert.Contains("203.0.113.9", first.TextContent, StringComparison.Ordinal);
        Assert.Contains("page=2", page.Find("[data-testid='audit-older']").GetAttribute("href"), StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid='audit-newer']"));

        Open("settings/audit-log?page=2");
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid='audit-entry']")));
        Assert.Contains("target 0", page.Find("[data-testid='audit-entry']").TextContent, StringComparison.Ordinal);
        Assert.Single(page.FindAll("[data-testid='audit-newer']"));
    }

    [Fact]
    public async Task Choosing_an_action_filters_the_list_through_the_address()
    {
        await SeedAsync(signIns: 3, userCreations: 2);
        Open("settings/audit-log");
        var page = RenderPage<AuditLogPage>();
        page.WaitForAssertion(() => Assert.Equal(5, page.FindAll("[data-testid='audit-entry']").Count));

        page.Find($"[data-testid='audit-action'] .rz-dropdown-item[aria-label='{AuditActions.UserCreated}']").Click();

        Assert.Equal($"settings/audit-log?action={AuditActions.UserCreated}", RelativeUrl);
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid='audit-entry']").Count));
        Assert.All(page.FindAll("[data-testid='audit-entry']"), row => Assert.Equal(AuditActions.UserCreated, row.GetAttribute("data-action")));
    }

    [Fact]
    public void An_unknown_action_or_page_is_named_and_nothing_is_listed()
    {
        Open("settings/audit-log?action=nope");
        var page = RenderPage<AuditLogPage>();
        page.WaitForAssertion(() => Assert.Contains("'nope' is not an action", page.Find("[data-testid='audit-error']").TextContent, StringComparison.Ordinal));

        Open("settings/audit-log?page=0");
        page.WaitForAssertion(() => Assert.Contains("The page must be between 1", page.Find("[data-testid='audit-error']").TextContent, StringComparison.Ordinal));
        Assert.Empty(page.FindAll("[data-testid='audit-entry']"));
    }

    [Fact]
    public void The_page_is_for_owners_only()
    {
        var rules = typeof(AuditLogPage).GetCustomAttributes(typeof(AuthorizeAttribute), inherit: true).Cast<AuthorizeAttribute>().ToList();
        Assert.Contains(rules, rule => rule.Roles == "owner");
    }

    [Fact]
    public async Task Creating_and_revoking_a_key_in_settings_are_recorded_as_the_signed_in_user()
    {
        AddAuthorization().SetAuthorized("owner@example.com").SetRoles("owner");
        Services.AddSingleton<ApiKeyService>();
        var section = Render<ApiKeysSection>();

        section.Find("[data-testid='api-key-name']").Change("billing export");
        section.Find("form").Submit();
        section.WaitForAssertion(() => Assert.Single(section.FindAll("[data-testid='api-key-created']")));
        section.Find("[data-testid='api-key-revoke']").Click();
        section.Find("[data-testid='api-key-revoke-confirm']").Click();
        section.WaitForAssertion(() => Assert.Contains("Revoked", section.Find("[data-testid='api-key-message']").TextContent, StringComparison.Ordinal));

        var entries = (await Services.GetRequiredService<IAuditLog>().AllAsync()).Reverse().ToList();
        Assert.Equal([AuditActions.ApiKeyCreated, AuditActions.ApiKeyRevoked], entries.Select(e => e.Action));
        Assert.All(entries, e => Assert.Equal("owner@example.com", e.Actor));
        Assert.StartsWith("billing export (dsk_", entries[0].Target, StringComparison.Ordinal);
        Assert.EndsWith(", read-write)", entries[0].Target, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Saving_reporting_settings_is_recorded_with_the_changed_keys_as_the_signed_in_user()
    {
        AddAuthorization().SetAuthorized("admin@example.com").SetRoles("admin");
        Services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build()).AddBillingImporter().AddDashboardSettingsPages();
        var section = Render<ReportingSettingsSection>();
        section.WaitForAssertion(() => Assert.Single(section.FindAll("[data-testid='setting-time-zone']")));

        section.Find("[data-testid='setting-time-zone'] .rz-dropdown-item[aria-label='Europe/Berlin']").Click();
        section.Find("form").Submit();

        section.WaitForAssertion(() => Assert.StartsWith("Saved.", section.Find("[data-testid='setting-message']").TextContent, StringComparison.Ordinal));
        var entry = Assert.Single(await Services.GetRequiredService<IAuditLog>().AllAsync());
        Assert.Equal((AuditActions.SettingsChanged, "admin@example.com", "Reporting:TimeZone"), (entry.Action, entry.Actor, entry.Target));
    }

    private async Task SeedAsync(int signIns, int userCreations)
    {
        var log = Services.GetRequiredService<IAuditLog>();
        var actor = new AuditActor("owner@example.com", "u1", "203.0.113.9");
        for (var i = 0; i < signIns + userCreations; i++)
        {
            clock.Now += TimeSpan.FromMinutes(1);
            await log.RecordAsync(actor, i < signIns ? AuditActions.SignIn : AuditActions.UserCreated, $"target {i}");
        }
    }
}
