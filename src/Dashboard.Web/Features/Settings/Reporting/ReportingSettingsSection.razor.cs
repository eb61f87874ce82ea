using Microsoft.AspNetCore.Components;
using Dashboard.Web.Services.Audit;
using Dashboard.Infrastructure.Metrics;

namespace Dashboard.Web.Features.Settings.Reporting;

/// <summary>The reporting currency, time zone and metric policies: the values in force, edited and saved in one go.</summary>
public partial class ReportingSettingsSection : ComponentBase
{
    private ReportingSettingsView? view;
    private ReportingSettingsForm form = new();
    private IReadOnlyDictionary<string, string> errors = new Dictionary<string, string>();
    private string? loadError;
    private string? message;
    private bool messageIsError;
    private bool busy;

    /// <summary>A currency change waiting for the user to accept that the stored FX rates are deleted.</summary>
    private FxRateDeletion? pendingDeletion;

    [Inject]
    public required ReportingSettingsService Settings { get; init; }

    [Inject]
    public required ILogger<ReportingSettingsSection> Logger { get; init; }

    [Inject]
    public required AuditCaller Audit { get; init; }

    /// <summary>Raised after a save changed something, with the new settings in force.</summary>
    [Parameter]
    public EventCallback<ReportingSettingsView> Saved { get; set; }

    protected override async Task OnInitializedAsync() => await LoadAsync();

    private async Task LoadAsync()
    {
        try
        {
            view = await Settings.LoadAsync();
            form = ReportingSettingsForm.From(view.Settings);
            loadError = null;
        }
        catch (InvalidOperationException exception)
        {
            // A stored value that does not parse: say which, and offer the defaults so a save repairs it.
            loadError = exception.Message + " Saving this form replaces it.";
            view ??= new ReportingSettingsView(new Core.Timelines.MetricSettings(), []);
        }
    }

    private Task SaveAsync() => SaveAsync(null);

    private Task ConfirmDeletionAsync() => SaveAsync(pendingDeletion?.Count);

    private void CancelDeletion()
    {
        pendingDeletion = null;
        Say("Not saved: the reporting currency and the FX rates are unchanged.", error: false);
    }

    private async Task SaveAsync(int? confirmedFxRateDeletion)
    {
        busy = true;
        message = null;
        pendingDeletion = null;
        try
        {
            var result = await Settings.SaveAsync(form, confirmedFxRateDeletion);
            errors = result.Errors;
            if (result.Confirmation is not null)
            {
                pendingDeletion = result.Confirmation;
                return;
            }

            if (!result.Succeeded)
            {
                Say($"Not saved: {string.Join(" ", result.Errors.Values)}", error: true);
                return;
            }

            if (result.ChangedKeys.Count > 0)
            {
                var fxDeleted = result.FxRatesDeleted > 0 ? $" ({result.FxRatesDeleted} FX rates deleted)" : string.Empty;
                await Audit.RecordAsync(AuditActions.SettingsChanged, string.Join(", ", result.ChangedKeys) + fxDeleted);
            }

            await LoadAsync();
            var deleted = result.FxRatesDeleted > 0 ? $" {result.FxRatesDeleted} FX {(result.FxRatesDeleted == 1 ? "rate was" : "rates were")} deleted." : string.Empty;
            Say(result.ChangedKeys.Count == 0 ? "Nothing changed." : "Saved. Metrics are recalculated with the new settings." + deleted, error: false);
            if (result.ChangedKeys.Count > 0 && view is not null)
            {
                await Saved.InvokeAsync(view);
            }
        }
        catch (Exception exception) when (exception is InvalidOperationException or Microsoft.EntityFrameworkCore.DbUpdateException)
        {
            Logger.LogError(exception, "Saving the reporting settings failed");
            Say($"Saving failed: {exception.Message}", error: true);
        }
        finally
        {
            busy = false;
        }
    }

    // Radzen puts splatted attributes on its wrapper, but the switch and the days box are read through their inputs: both
    // carry their test id and stored value (data-value) on the input itself, so, as on every other control of Settings,
    // the two sit on the same element.

    /// <summary>The switch's input: its test id and the stored value ("true"/"false").</summary>
    private Dictionary<string, object> IncludeMeteredAttributes => new(StringComparer.Ordinal)
    {
        ["data-testid"] = "setting-include-metered",
        ["data-value"] = StoredValue(MetricSettingsReader.IncludeMeteredKey),
    };

    /// <summary>The days box: its test id, the stored value and whether the form refused it, on the input itself.</summary>
    private Dictionary<string, object> PastDueDaysAttributes => new(StringComparer.Ordinal)
    {
        ["data-testid"] = "setting-past-due-days",
        ["data-value"] = StoredValue(MetricSettingsReader.PastDueChurnDaysKey),
        ["aria-invalid"] = Invalid(nameof(ReportingSettingsForm.PastDueChurnDays)) ?? "false",
    };

    private string StoredValue(string key) => view?[key].Value ?? string.Empty;

    private static readonly IReadOnlyList<ChurnChoice> ChurnChoices =
    [
        new(Core.Timelines.ChurnRecognition.AtEnd, "when the subscription ends"),
        new(Core.Timelines.ChurnRecognition.WhenScheduled, "when the cancellation is scheduled"),
    ];

    private sealed record ChurnChoice(Core.Timelines.ChurnRecognition Value, string Text);

    private void Say(string text, bool error) => (message, messageIsError) = (text, error);

    private string? Invalid(string field) => errors.ContainsKey(field) ? "true" : null;

    private string Origin(string key) =>
        view?.Effective.FirstOrDefault(s => s.Key == key) is { } setting
            ? $"In force: {Readable(key, setting.Value)} ({(setting.IsSaved ? "saved" : "configuration default")})."
            : string.Empty;

    private static string Readable(string key, string value) => key switch
    {
        Infrastructure.Metrics.MetricSettingsReader.ChurnRecognitionKey =>
            value == nameof(Core.Timelines.ChurnRecognition.WhenScheduled) ? "when the cancellation is scheduled" : "when the subscription ends",
        Infrastructure.Metrics.MetricSettingsReader.IncludeMeteredKey => value == "true" ? "counted" : "not counted",
        Infrastructure.Metrics.MetricSettingsReader.PastDueChurnDaysKey => value == "never" ? "never churn" : $"churn after {value} days",
        _ => value,
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
}
