using Bunit;
using Dashboard.Core.Billing;
using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Import;
using Dashboard.Infrastructure.Metrics;
using Dashboard.Testing;
using Dashboard.Web.Features.Settings;
using Dashboard.Web.Features.Settings.Reporting;
using Dashboard.Web.Services.Audit;
using Dashboard.Web.Tests.Components;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Features.Settings;

/// <summary>
/// Settings > Reporting's markup (bUnit, over a real SQLite store with saved values): every control carries its test id
/// and its stored value (<c>data-value</c>) on one and the same element, as the other settings sections do, whatever
/// element Radzen puts splatted attributes on.
/// </summary>
public sealed class ReportingSettingsMarkupTests : DashboardTestContext, IAsyncLifetime
{
    private TestDatabase database = null!;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        Services.AddSingleton(TimeProvider.System).AddSingleton(database.CreateFactory()).AddAuditLog();
        await using var db = database.CreateContext();
        db.Settings.AddRange(
            new Setting { Key = MetricSettingsReader.PastDueChurnDaysKey, Value = "21" },
            new Setting { Key = MetricSettingsReader.IncludeMeteredKey, Value = "true" },
            new Setting { Key = MetricSettingsReader.TimeZoneKey, Value = "Europe/Berlin" });
        await db.SaveChangesAsync();
    }

    public new async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await database.DisposeAsync();
    }

    [Fact]
    public void Each_control_has_its_test_id_and_stored_value_on_the_same_element()
    {
        AddAuthorization().SetAuthorized("owner@example.com").SetRoles("owner");
        Services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build()).AddBillingImporter().AddDashboardSettingsPages();
        var section = Render<ReportingSettingsSection>();
        section.WaitForAssertion(() => Assert.Single(section.FindAll("[data-testid='setting-past-due-days']")));

        var days = section.Find("[data-testid='setting-past-due-days']");
        Assert.Equal("INPUT", days.TagName);
        Assert.Equal("21", days.GetAttribute("data-value"));
        var metered = section.Find("[data-testid='setting-include-metered']");
        Assert.Equal("INPUT", metered.TagName);
        Assert.Equal("true", metered.GetAttribute("data-value"));
        Assert.Equal("Europe/Berlin", section.Find("[data-testid='setting-time-zone']").GetAttribute("data-value"));

        // No value without its test id beside it, and every control's test id has its value.
        Assert.Empty(section.FindAll("[data-value]:not([data-testid])"));
        var controls = section.FindAll("[data-testid^='setting-']")
            .Where(e => e.GetAttribute("data-testid") is not ("setting-save" or "setting-message"))
            .ToList();
        Assert.Equal(6, controls.Count);
        Assert.All(controls, c => Assert.False(string.IsNullOrEmpty(c.GetAttribute("data-value")), c.GetAttribute("data-testid")));
    }
}
