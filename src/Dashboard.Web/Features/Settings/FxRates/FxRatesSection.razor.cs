using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Dashboard.Web.Services.Audit;

namespace Dashboard.Web.Features.Settings.FxRates;

/// <summary>FX rates: upload a CSV, preview it with each bad row's line and problem, store it all or not at all.</summary>
public partial class FxRatesSection : ComponentBase
{
    public const long MaxFileBytes = 5L * 1024 * 1024;
    private const int PreviewLimit = 200;

    private FxRateCsvPreview? preview;
    private FxRatesOverview? overview;
    private string? fileName;
    private string? message;
    private bool messageIsError;
    private bool busy;

    [Inject]
    public required FxRateService Rates { get; init; }

    [Inject]
    public required ILogger<FxRatesSection> Logger { get; init; }

    [Inject]
    public required AuditCaller Audit { get; init; }

    /// <summary>The reporting currency in force, which the rates are quoted in.</summary>
    [Parameter, EditorRequired]
    public required string ReportingCurrency { get; set; }

    private static string ExampleHref => "data:text/csv;charset=utf-8," + Uri.EscapeDataString(FxRateCsv.Example);

    /// <summary>Bad rows first, so a long file's problems are on screen.</summary>
    private IReadOnlyList<FxRateCsvRow> PreviewRows => preview is null ? [] :
        preview.Rows.OrderBy(r => r.IsValid).ThenBy(r => r.Line).Take(PreviewLimit).ToList();

    protected override async Task OnParametersSetAsync() => overview = await Rates.OverviewAsync(ReportingCurrency);

    private async Task OnFileChosenAsync(InputFileChangeEventArgs e)
    {
        Discard();
        if (e.File.Size > MaxFileBytes)
        {
            Say($"{e.File.Name} is larger than {MaxFileBytes / (1024 * 1024)} MB; split it or post the rates to /api/v1/fx_rates.", error: true);
            return;
        }

        busy = true;
        try
        {
            await using var upload = e.File.OpenReadStream(MaxFileBytes);
            using var text = new StreamReader(upload);
            // The parser is synchronous; read the (small, size-capped) upload first.
            var content = await text.ReadToEndAsync();
            preview = FxRateCsv.Parse(new StringReader(content));
            fileName = e.File.Name;
            if (!preview.CanCommit)
            {
                Say("This file cannot be stored as it is: fix the problems listed below and upload it again.", error: true);
            }
        }
        catch (IOException exception)
        {
            Logger.LogWarning(exception, "Upload of {File} failed", e.File.Name);
            Say($"The upload of {e.File.Name} failed: {exception.Message}", error: true);
        }
        finally
        {
            busy = false;
        }
    }

    private async Task CommitAsync()
    {
        if (preview is null)
        {
            return;
        }

        busy = true;
        try
        {
            var result = await Rates.CommitAsync(preview);
            if (!result.Succeeded)
            {
                Say(string.Join(" ", result.Errors), error: true);
                return;
            }

            await Audit.RecordAsync(AuditActions.SettingsChanged, $"FX rates: {result.Stored} stored from {fileName}");
            preview = null;
            Say($"Stored {result.Stored} rate(s) from {fileName}. Metrics are recalculated with them.", error: false);
            overview = await Rates.OverviewAsync(ReportingCurrency);
        }
        finally
        {
            busy = false;
        }
    }

    private void Discard()
    {
        preview = null;
        fileName = null;
        message = null;
    }

    private void Say(string text, bool error) => (message, messageIsError) = (text, error);
}
