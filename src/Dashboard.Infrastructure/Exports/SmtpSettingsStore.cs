using System.Globalization;
using Dashboard.Core.Billing;
using Dashboard.Infrastructure.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using MimeKit;

namespace Dashboard.Infrastructure.Exports;

/// <summary>Where a setting in force comes from.</summary>
public enum SettingOrigin
{
    Default,
    Saved,
    Configuration,
}

/// <summary>One SMTP setting as Settings shows it: the value in force (never the password's) and where it comes from.</summary>
public sealed record SmtpSettingView(string Key, string? Value, SettingOrigin Origin);

/// <summary>The SMTP settings in force: the values email deliveries use, and each key's origin.</summary>
public sealed record EffectiveSmtpSettings(SmtpOptions Options, IReadOnlyList<SmtpSettingView> Keys)
{
    public SmtpSettingView this[string key] => Keys.First(k => k.Key == key);

    public bool PasswordSet => !string.IsNullOrEmpty(Options.Password);
}

/// <summary>
/// What Settings saves: blank text removes a saved value; a blank <see cref="Password"/> keeps the saved password
/// unless <see cref="ClearPassword"/> is set.
/// </summary>
public sealed class SmtpSettingsForm
{
    public string? Host { get; set; }
    public string? Port { get; set; }
    public string? Username { get; set; }
    public string? Password { get; set; }
    public bool ClearPassword { get; set; }
    public string? From { get; set; }
    public string? Security { get; set; }
}

/// <summary>
/// The SMTP server of email deliveries (<c>Email:Smtp:*</c>): a value in configuration (appsettings, environment)
/// wins, else the value saved in Settings (the <c>settings</c> table), else the built-in default. The saved password is
/// encrypted with Data Protection like source credentials and never read back to a page.
/// </summary>
public sealed class SmtpSettingsStore(IDbContextFactory<DashboardDbContext> contextFactory, IDataProtectionProvider protection, IConfiguration configuration)
{
    public const string HostKey = "Email:Smtp:Host";
    public const string PortKey = "Email:Smtp:Port";
    public const string UsernameKey = "Email:Smtp:Username";
    public const string PasswordKey = "Email:Smtp:Password";
    public const string FromKey = "Email:Smtp:From";
    public const string SecurityKey = "Email:Smtp:Security";

    public static readonly IReadOnlyList<string> AllKeys = [HostKey, PortKey, UsernameKey, PasswordKey, FromKey, SecurityKey];

    private readonly IDataProtector protector = protection.CreateProtector("Dashboard.Email.Smtp.Password.v1");

    public async Task<EffectiveSmtpSettings> GetAsync(CancellationToken cancellationToken = default)
    {
        var stored = await StoredAsync(cancellationToken);
        var views = new List<SmtpSettingView>();
        var options = new SmtpOptions();
        foreach (var key in AllKeys)
        {
            var configured = Blank(configuration[key]);
            var (value, origin) = configured is not null ? (configured, SettingOrigin.Configuration)
                : stored.TryGetValue(key, out var saved) && Blank(saved) is { } text ? (key == PasswordKey ? protector.Unprotect(text) : text, SettingOrigin.Saved)
                : ((string?)null, SettingOrigin.Default);
            Apply(options, key, value);
            views.Add(new SmtpSettingView(key, key == PasswordKey ? null : Shown(options, key), origin));
        }

        return new EffectiveSmtpSettings(options, views);
    }

    /// <summary>Validates <paramref name="form"/> and, when valid, saves what changed; returns the field errors or the changed keys.</summary>
    public async Task<(IReadOnlyDictionary<string, string> Errors, IReadOnlyList<string> Changed)> SaveAsync(SmtpSettingsForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        var errors = Validate(form);
        if (errors.Count > 0)
        {
            return (errors, []);
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var stored = await db.Settings.Where(s => AllKeys.Contains(s.Key)).ToDictionaryAsync(s => s.Key, StringComparer.Ordinal, cancellationToken);
        var wanted = new Dictionary<string, string?>
        {
            [HostKey] = Blank(form.Host),
            [PortKey] = Blank(form.Port),
            [UsernameKey] = Blank(form.Username),
            [FromKey] = Blank(form.From),
            [SecurityKey] = Blank(form.Security) is { } security ? Enum.Parse<SmtpSecurity>(security, ignoreCase: true).ToString() : null,
        };
        var changed = new List<string>();
        foreach (var (key, value) in wanted)
        {
            stored.TryGetValue(key, out var existing);
            if (!string.Equals(existing?.Value, value, StringComparison.Ordinal))
            {
                Put(db, key, existing, value);
                changed.Add(key);
            }
        }

        stored.TryGetValue(PasswordKey, out var password);
        if (form.ClearPassword && password is not null)
        {
            Put(db, PasswordKey, password, null);
            changed.Add(PasswordKey);
        }
        else if (!form.ClearPassword && !string.IsNullOrEmpty(form.Password))
        {
            Put(db, PasswordKey, password, protector.Protect(form.Password));
            changed.Add(PasswordKey);
        }

        await db.SaveChangesAsync(cancellationToken);
        return (errors, changed);
    }

    public static Dictionary<string, string> Validate(SmtpSettingsForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (Blank(form.Port) is { } port && (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number is < 1 or > 65535))
        {
            errors[PortKey] = "Port must be a whole number from 1 to 65535.";
        }

        if (Blank(form.From) is { } from && !(MailboxAddress.TryParse(from, out var mailbox) && mailbox.Address.Contains('@', StringComparison.Ordinal)))
        {
            errors[FromKey] = "From must be an email address, e.g. dashboard@example.com.";
        }

        if (Blank(form.Security) is { } security && !Enum.TryParse<SmtpSecurity>(security, ignoreCase: true, out _))
        {
            errors[SecurityKey] = "Security must be None, StartTls or SslOnConnect.";
        }

        if (Blank(form.Host) is { } host && (host.Length > 253 || host.Any(char.IsWhiteSpace)))
        {
            errors[HostKey] = "Host must be a host name or address without spaces.";
        }

        return errors;
    }

    private async Task<Dictionary<string, string>> StoredAsync(CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.Settings.AsNoTracking().Where(s => AllKeys.Contains(s.Key)).ToDictionaryAsync(s => s.Key, s => s.Value, StringComparer.Ordinal, cancellationToken);
    }

    private static void Put(DashboardDbContext db, string key, Setting? existing, string? value)
    {
        if (value is null)
        {
            if (existing is not null)
            {
                db.Settings.Remove(existing);
            }
        }
        else if (existing is null)
        {
            db.Settings.Add(new Setting { Key = key, Value = value });
        }
        else
        {
            existing.Value = value;
        }
    }

    private static void Apply(SmtpOptions options, string key, string? value)
    {
        if (value is null)
        {
            return;
        }

        switch (key)
        {
            case HostKey: options.Host = value; break;
            case PortKey:
                options.Port = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is >= 1 and <= 65535
                    ? port
                    : throw new InvalidOperationException($"{PortKey} '{value}' is not a port number.");
                break;
            case UsernameKey: options.Username = value; break;
            case PasswordKey: options.Password = value; break;
            case FromKey: options.From = value; break;
            case SecurityKey:
                options.Security = Enum.TryParse<SmtpSecurity>(value, ignoreCase: true, out var security)
                    ? security
                    : throw new InvalidOperationException($"{SecurityKey} '{value}' is not None, StartTls or SslOnConnect.");
                break;
        }
    }

    private static string? Shown(SmtpOptions options, string key) => key switch
    {
        HostKey => options.Host,
        PortKey => options.Port.ToString(CultureInfo.InvariantCulture),
        UsernameKey => options.Username,
        FromKey => options.From,
        SecurityKey => options.Security.ToString(),
        _ => null,
    };

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
