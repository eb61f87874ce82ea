using Dashboard.Infrastructure.Exports;
using Dashboard.Web.Services.Audit;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Features.Settings.Email;

/// <summary>
/// The SMTP server of email deliveries: each value in force and where it comes from, and the values saved here (the
/// password only ever as "set" or "not set"). Settings is for owners and admins only.
/// </summary>
public partial class EmailSettingsSection : ComponentBase
{
    private static readonly IReadOnlyList<SecurityChoice> SecurityChoices =
    [
        new(string.Empty, "(default)"),
        new(nameof(SmtpSecurity.None), "None"),
        new(nameof(SmtpSecurity.StartTls), "StartTls"),
        new(nameof(SmtpSecurity.SslOnConnect), "SslOnConnect"),
    ];

    private EffectiveSmtpSettings? view;
    private SmtpSettingsForm form = new();
    private IReadOnlyDictionary<string, string> errors = new Dictionary<string, string>();
    private string? loadError;
    private string? message;
    private bool messageIsError;
    private bool busy;

    [Inject]
    public required SmtpSettingsStore Store { get; init; }

    [Inject]
    public required AuditCaller Audit { get; init; }

    [Inject]
    public required ILogger<EmailSettingsSection> Logger { get; init; }

    protected override async Task OnInitializedAsync() => await LoadAsync();

    private async Task LoadAsync()
    {
        try
        {
            view = await Store.GetAsync();
            loadError = null;
        }
        catch (Exception exception) when (exception is InvalidOperationException or System.Security.Cryptography.CryptographicException)
        {
            loadError = "The saved email settings cannot be read: " + exception.Message + " Saving this form replaces them.";
            view ??= new EffectiveSmtpSettings(new SmtpOptions(), SmtpSettingsStore.AllKeys.Select(k => new SmtpSettingView(k, null, SettingOrigin.Default)).ToList());
        }

        // The form edits the saved values; what configuration sets is shown beside each field.
        form = new SmtpSettingsForm
        {
            Host = Saved(SmtpSettingsStore.HostKey),
            Port = Saved(SmtpSettingsStore.PortKey),
            Username = Saved(SmtpSettingsStore.UsernameKey),
            From = Saved(SmtpSettingsStore.FromKey),
            Security = Saved(SmtpSettingsStore.SecurityKey),
        };
    }

    private async Task SaveAsync()
    {
        busy = true;
        message = null;
        try
        {
            var (fieldErrors, changed) = await Store.SaveAsync(form);
            errors = fieldErrors;
            if (fieldErrors.Count > 0)
            {
                Say($"Not saved: {string.Join(" ", fieldErrors.Values)}", error: true);
                return;
            }

            if (changed.Count > 0)
            {
                await Audit.RecordAsync(AuditActions.SettingsChanged, string.Join(", ", changed));
            }

            await LoadAsync();
            Say(changed.Count == 0 ? "Nothing changed." : "Saved. The next email delivery uses these settings.", error: false);
        }
        catch (Exception exception) when (exception is InvalidOperationException or Microsoft.EntityFrameworkCore.DbUpdateException)
        {
            Logger.LogError(exception, "Saving the email settings failed");
            Say($"Saving failed: {exception.Message}", error: true);
        }
        finally
        {
            busy = false;
        }
    }

    /// <summary>The value saved in Settings, when it is the one in force (a configured value is not copied into the form).</summary>
    private string? Saved(string key) => view?[key] is { Origin: SettingOrigin.Saved } setting ? setting.Value : null;

    private void Say(string text, bool error) => (message, messageIsError) = (text, error);

    private string Origin(string key) => view?[key] is { } setting
        ? $"In force: {(string.IsNullOrEmpty(setting.Value) ? "none" : setting.Value)} ({OriginName(setting.Origin)})."
        : string.Empty;

    private static string OriginName(SettingOrigin origin) => origin switch
    {
        SettingOrigin.Configuration => "configuration",
        SettingOrigin.Saved => "saved in Settings",
        _ => "default",
    };

    private RenderFragment? FieldError(string field) => errors.TryGetValue(field, out var text)
        ? builder =>
        {
            builder.OpenElement(0, "div");
            builder.AddAttribute(1, "class", "settings-error");
            builder.AddAttribute(2, "role", "alert");
            builder.AddAttribute(3, "data-field", field);
            builder.AddContent(4, text);
            builder.CloseElement();
        }
        : null;

    private sealed record SecurityChoice(string Value, string Text);
}
