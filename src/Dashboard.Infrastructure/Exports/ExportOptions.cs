namespace Dashboard.Infrastructure.Exports;

/// <summary>Settings of the exports (configuration section "Exports").</summary>
public sealed class ExportOptions
{
    public const string SectionName = "Exports";

    /// <summary>Where run files and folder deliveries go; relative paths are under the content root.</summary>
    public string Folder { get; set; } = "data/exports";

    /// <summary>How many times a delivery is tried before it ends failed.</summary>
    public int DeliveryAttempts { get; set; } = 3;

    /// <summary>The wait before the second attempt; it doubles before each further one.</summary>
    public TimeSpan DeliveryRetryDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a webhook receiver may take to answer.</summary>
    public TimeSpan WebhookTimeout { get; set; } = TimeSpan.FromSeconds(30);
}

public enum SmtpSecurity
{
    None,
    StartTls,
    SslOnConnect,
}

/// <summary>The SMTP server email deliveries go through, as <see cref="SmtpSettingsStore"/> resolves it from configuration and Settings.</summary>
public sealed class SmtpOptions
{
    public const string SectionName = "Email:Smtp";

    public string? Host { get; set; }
    public int Port { get; set; } = 587;
    public string? Username { get; set; }
    public string? Password { get; set; }
    public string? From { get; set; }
    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;
}
