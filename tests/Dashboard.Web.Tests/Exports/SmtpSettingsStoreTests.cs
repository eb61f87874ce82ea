using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Exports;
using Dashboard.Testing;
using Dashboard.Web.Tests.Api;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace Dashboard.Web.Tests.Exports;

/// <summary>The SMTP settings saved in Settings, against SQLite and PostgreSQL: encrypted password, configuration first.</summary>
public sealed class SmtpSettingsStoreTests
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Saved_settings_are_in_force_and_the_password_is_stored_encrypted(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var factory = database.CreateFactory();
        var store = new SmtpSettingsStore(factory, new EphemeralDataProtectionProvider(), new ConfigurationBuilder().Build());

        var (errors, changed) = await store.SaveAsync(new SmtpSettingsForm
        {
            Host = "smtp.example.com", Port = "2525", Username = "mailer", Password = "s3cret-Pass", From = "dashboard@example.com", Security = "sslonconnect",
        });

        Assert.Empty(errors);
        Assert.Equal(SmtpSettingsStore.AllKeys.Order(), changed.Order());
        await using (var db = await factory.CreateDbContextAsync())
        {
            var storedPassword = await db.Settings.Where(s => s.Key == SmtpSettingsStore.PasswordKey).Select(s => s.Value).SingleAsync();
            Assert.DoesNotContain("s3cret-Pass", storedPassword, StringComparison.Ordinal);
            Assert.False(await db.Settings.AnyAsync(s => s.Value.Contains("s3cret")));
        }

        var effective = await store.GetAsync();
        Assert.Equal(("smtp.example.com", 2525, "mailer", "s3cret-Pass", "dashboard@example.com", SmtpSecurity.SslOnConnect),
            (effective.Options.Host, effective.Options.Port, effective.Options.Username, effective.Options.Password, effective.Options.From, effective.Options.Security));
        Assert.All(effective.Keys, k => Assert.Equal(SettingOrigin.Saved, k.Origin));
        Assert.Null(effective[SmtpSettingsStore.PasswordKey].Value);

        // A blank password keeps the saved one; clearing removes it; nothing else changed.
        Assert.Empty((await store.SaveAsync(new SmtpSettingsForm
        {
            Host = "smtp.example.com", Port = "2525", Username = "mailer", From = "dashboard@example.com", Security = "SslOnConnect",
        })).Changed);
        Assert.Equal("s3cret-Pass", (await store.GetAsync()).Options.Password);
        var cleared = await store.SaveAsync(new SmtpSettingsForm
        {
            Host = "smtp.example.com", Port = "2525", Username = "mailer", From = "dashboard@example.com", Security = "SslOnConnect", ClearPassword = true,
        });
        Assert.Equal([SmtpSettingsStore.PasswordKey], cleared.Changed);
        Assert.False((await store.GetAsync()).PasswordSet);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Configuration_overrides_what_is_saved_and_says_so(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var protection = new EphemeralDataProtectionProvider();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [SmtpSettingsStore.HostKey] = "relay.internal",
            [SmtpSettingsStore.PasswordKey] = "from-environment",
        }).Build();
        var store = new SmtpSettingsStore(database.CreateFactory(), protection, configuration);
        await store.SaveAsync(new SmtpSettingsForm { Host = "smtp.example.com", Password = "saved-one", From = "a@example.com" });

        var effective = await store.GetAsync();

        Assert.Equal(("relay.internal", "from-environment", "a@example.com", 587, SmtpSecurity.StartTls),
            (effective.Options.Host, effective.Options.Password, effective.Options.From, effective.Options.Port, effective.Options.Security));
        Assert.Equal(SettingOrigin.Configuration, effective[SmtpSettingsStore.HostKey].Origin);
        Assert.Equal(SettingOrigin.Configuration, effective[SmtpSettingsStore.PasswordKey].Origin);
        Assert.Equal(SettingOrigin.Saved, effective[SmtpSettingsStore.FromKey].Origin);
        Assert.Equal(SettingOrigin.Default, effective[SmtpSettingsStore.PortKey].Origin);
    }

    [Fact]
    public async Task Invalid_values_are_refused_with_the_field_and_nothing_is_stored()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var factory = database.CreateFactory();
        var store = new SmtpSettingsStore(factory, new EphemeralDataProtectionProvider(), new ConfigurationBuilder().Build());

        var (errors, changed) = await store.SaveAsync(new SmtpSettingsForm { Host = "ok.example.com", Port = "70000", From = "not an address", Security = "Tls" });

        Assert.Equal([SmtpSettingsStore.FromKey, SmtpSettingsStore.PortKey, SmtpSettingsStore.SecurityKey], errors.Keys.Order());
        Assert.Empty(changed);
        await using var db = await factory.CreateDbContextAsync();
        Assert.False(await db.Settings.AnyAsync(s => s.Key.StartsWith("Email:")));
    }
}
