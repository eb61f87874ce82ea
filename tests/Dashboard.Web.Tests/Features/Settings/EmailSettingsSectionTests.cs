using Bunit;
using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Exports;
using Dashboard.Testing;
using Dashboard.Web.Features.Settings.Email;
using Dashboard.Web.Services.Audit;
using Dashboard.Web.Tests.Components;
using Dashboard.Web.Tests.Services.Audit;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Features.Settings;

/// <summary>Settings -> Email (bUnit over a real SQLite store): values in force with their origin, the password never shown, saves audited.</summary>
public sealed class EmailSettingsSectionTests : DashboardTestContext, IAsyncLifetime
{
    private TestDatabase database = null!;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [SmtpSettingsStore.HostKey] = "relay.internal" }).Build();
        Services.AddSingleton(database.CreateFactory()).AddSingleton(TimeProvider.System).AddAuditLog()
            .AddSingleton<IDataProtectionProvider>(new EphemeralDataProtectionProvider())
            .AddSingleton<IConfiguration>(configuration)
            .AddScoped<SmtpSettingsStore>();
    }

    public new async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await database.DisposeAsync();
    }

    [Fact]
    public async Task Saving_stores_the_values_shows_their_origin_hides_the_password_and_is_audited()
    {
        AddAuthorization().SetAuthorized("admin@example.com").SetRoles("admin");
        var section = Render<EmailSettingsSection>();
        section.WaitForAssertion(() => Assert.Single(section.FindAll("[data-testid='smtp-host']")));
        Assert.Equal("In force: relay.internal (configuration).", section.Find("[data-testid='smtp-host-origin']").TextContent);
        Assert.Equal("not set", section.Find("[data-testid='smtp-password']").GetAttribute("data-value"));

        section.Find("[data-testid='smtp-port']").Change("2525");
        section.Find("[data-testid='smtp-from']").Change("dashboard@example.com");
        section.Find("[data-testid='smtp-password']").Change("very-secret-1");
        section.Find("form").Submit();

        section.WaitForAssertion(() => Assert.StartsWith("Saved.", section.Find("[data-testid='smtp-message']").TextContent, StringComparison.Ordinal));
        Assert.Equal("In force: 2525 (saved in Settings).", section.Find("[data-testid='smtp-port-origin']").TextContent);
        Assert.Equal("set", section.Find("[data-testid='smtp-password']").GetAttribute("data-value"));
        Assert.DoesNotContain("very-secret-1", section.Markup, StringComparison.Ordinal);
        var entry = Assert.Single(await Services.GetRequiredService<IAuditLog>().AllAsync());
        Assert.Equal((AuditActions.SettingsChanged, "admin@example.com"), (entry.Action, entry.Actor));
        Assert.Equal("Email:Smtp:Port, Email:Smtp:From, Email:Smtp:Password", entry.Target);
        var options = (await Services.GetRequiredService<SmtpSettingsStore>().GetAsync()).Options;
        Assert.Equal(("relay.internal", 2525, "very-secret-1"), (options.Host, options.Port, options.Password));
    }

    [Fact]
    public async Task A_bad_port_is_refused_with_its_field_and_nothing_is_stored()
    {
        AddAuthorization().SetAuthorized("owner@example.com").SetRoles("owner");
        var section = Render<EmailSettingsSection>();
        section.WaitForAssertion(() => Assert.Single(section.FindAll("[data-testid='smtp-port']")));

        section.Find("[data-testid='smtp-port']").Change("smtp");
        section.Find("form").Submit();

        section.WaitForAssertion(() => Assert.StartsWith("Not saved:", section.Find("[data-testid='smtp-message']").TextContent, StringComparison.Ordinal));
        Assert.Equal(SmtpSettingsStore.PortKey, section.Find(".settings-error").GetAttribute("data-field"));
        await using var db = await database.CreateFactory().CreateDbContextAsync();
        Assert.False(await db.Settings.AnyAsync(s => s.Key.StartsWith("Email:")));
        Assert.Empty(await Services.GetRequiredService<IAuditLog>().AllAsync());
    }
}
