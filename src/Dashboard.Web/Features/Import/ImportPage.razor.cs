using System.Globalization;
using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Import;
using Dashboard.Infrastructure.Import.Csv;
using Dashboard.Web.Auth;
using Dashboard.Web.Services.Sources;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.EntityFrameworkCore;
using Dashboard.Web.Services.Audit;

namespace Dashboard.Web.Features.Import;

/// <summary>
/// CSV import: choose a source and kind, upload (streamed to a private file, never held in memory, deleted after the import), map the detected
/// headers onto fields, validate every row, then commit with a progress bar. The work is <see cref="CsvImporter"/>'s,
/// the same the <c>import-csv</c> verb runs. Owners and admins only: the page's policy, and every upload, validation and
/// commit asks <see cref="AccessGuard"/> again, so a circuit whose user lost the right cannot write.
/// </summary>
public partial class ImportPage : ComponentBase, IDisposable
{
    public const long MaxFileBytes = 200L * 1024 * 1024;

    public const string NotAllowed = "Your role may not import data; ask an owner or admin.";

    private static readonly TimeSpan RedrawEvery = TimeSpan.FromMilliseconds(250);

    private readonly CancellationTokenSource disposed = new();
    private readonly Dictionary<string, string?> mapping = new(StringComparer.Ordinal);
    private List<SourceOption> sources = [];
    private long? sourceId;
    private CsvImportKind kind = CsvImportKind.Customers;
    private string? tempFile;
    private string? fileName;
    private CsvPreview? preview;
    private CsvImportResult? validated;
    private CsvImportResult? result;
    private CsvImportProgress? progress;
    private string? message;
    private bool messageIsError;
    private bool busy;

    [Inject]
    public required SourceDirectory Sources { get; init; }

    [Inject]
    public required CsvImporter Importer { get; init; }

    [Inject]
    public required ImportUploads Uploads { get; init; }

    [Inject]
    public required TimeProvider Time { get; init; }

    [Inject]
    public required AccessGuard Access { get; init; }

    [Inject]
    public required ILogger<ImportPage> Logger { get; init; }

    [Inject]
    public required AuditCaller Audit { get; init; }

    private static IReadOnlyList<CsvImportKind> Kinds { get; } = Enum.GetValues<CsvImportKind>();

    private string ExampleHref => "data:text/csv;charset=utf-8," + Uri.EscapeDataString(CsvFields.ExampleFile(kind));

    private IReadOnlyList<FieldChoice> FieldChoices =>
    [
        new(string.Empty, "(ignore)"),
        .. CsvFields.For(kind).Select(f => new FieldChoice(f.Name, f.Required ? f.Name + " *" : f.Name)),
        .. kind == CsvImportKind.Attributes ? [new FieldChoice(CsvFields.AttributeColumn, "attribute (key = header)")] : Array.Empty<FieldChoice>(),
    ];

    private string ProgressText => progress is null ? string.Empty : string.Create(CultureInfo.InvariantCulture,
        $"{(progress.Phase == CsvImportPhase.Validating ? "Validating" : "Importing")}: {progress.RowsDone:N0}{(progress.TotalRows is { } total ? $" of {total:N0}" : string.Empty)} rows, {progress.RowsPerSecond:N0} rows/s");

    private string ErrorSummary => result is null ? string.Empty : string.Create(CultureInfo.InvariantCulture,
        $"{result.ErrorCount:N0} bad row(s){(result.ErrorCount > result.Errors.Count ? $" (the first {result.Errors.Count:N0} are listed)" : string.Empty)}. Nothing was imported; fix the file and upload it again.");

    public void Dispose()
    {
        disposed.Cancel();
        disposed.Dispose();
        DeleteTempFile();
        GC.SuppressFinalize(this);
    }

    protected override async Task OnInitializedAsync()
    {
        sources = (await Sources.ListAsync(disposed.Token))
            .Select(s => new SourceOption(s.Id, s.Name + " (#" + s.Id.ToString(CultureInfo.InvariantCulture) + ")")).ToList();
        sourceId = sources.Count == 1 ? sources[0].Id : null;
    }

    private static string KindName(CsvImportKind value) => ImportValues.EnumName(value);

    private void OnKindChanged()
    {
        if (tempFile is not null)
        {
            LoadPreview();
        }
    }

    private async Task OnFileChosenAsync(InputFileChangeEventArgs e)
    {
        Reset();
        if (!await MayImportAsync())
        {
            return;
        }

        if (e.File.Size > MaxFileBytes)
        {
            Say($"{e.File.Name} is {e.File.Size / (1024 * 1024)} MB; files up to {MaxFileBytes / (1024 * 1024)} MB can be uploaded here. Use the import-csv command for larger ones.", error: true);
            return;
        }

        busy = true;
        try
        {
            await using (var target = Uploads.Create())
            {
                tempFile = target.Name;
                await using var upload = e.File.OpenReadStream(MaxFileBytes, disposed.Token);
                await upload.CopyToAsync(target, disposed.Token);
            }

            fileName = e.File.Name;
            LoadPreview();
        }
        catch (Exception exception) when (exception is IOException or InvalidOperationException)
        {
            Logger.LogWarning(exception, "Upload of {File} failed", e.File.Name);
            Say($"The upload of {e.File.Name} failed: {exception.Message}", error: true);
            DeleteTempFile();
        }
        finally
        {
            busy = false;
        }
    }

    private void LoadPreview()
    {
        using var stream = File.OpenRead(tempFile!);
        preview = CsvImporter.Preview(stream, kind);
        mapping.Clear();
        foreach (var (header, field) in preview.Mapping)
        {
            mapping[header] = field;
        }

        validated = result = null;
        progress = null;
        Say(preview.Headers.Count == 0 ? "The file is empty." : null, error: preview.Headers.Count == 0);
    }

    private void OnMappingChanged(string header, object? value)
    {
        mapping[header] = value as string is { Length: > 0 } field ? field : null;
        validated = result = null;
    }

    private Task ValidateAsync() => RunAsync(commit: false);

    private Task CommitAsync() => RunAsync(commit: true);

    private async Task RunAsync(bool commit)
    {
        if (tempFile is null || sourceId is not { } source || !await MayImportAsync())
        {
            return;
        }

        busy = true;
        result = null;
        Say(null);
        var options = new CsvImportOptions(source, kind) { Mapping = new Dictionary<string, string?>(mapping, StringComparer.Ordinal) };
        var reporter = new Redraw(this);
        try
        {
            // Off the circuit's thread, so progress can be drawn while the file is read.
            var outcome = await Task.Run(() => commit
                ? Importer.ImportAsync(tempFile, options, reporter, disposed.Token)
                : Importer.ValidateAsync(tempFile, options, reporter, disposed.Token));
            result = outcome;
            validated = commit ? null : outcome;
            if (commit)
            {
                if (outcome.IsValid)
                {
                    await Audit.RecordAsync(AuditActions.CsvImported, string.Create(CultureInfo.InvariantCulture,
                        $"{fileName} ({kind}) into {AuditActor.Source(source)}: {outcome.Rows} row(s)"));
                }

                // Imported (or refused: then it is fixed and uploaded again); the upload is not kept.
                DeleteTempFile();
            }

            if (outcome.IsValid)
            {
                Say(commit
                    ? string.Create(CultureInfo.InvariantCulture, $"Imported {outcome.Rows:N0} rows: {outcome.Created:N0} created, {outcome.Updated:N0} updated, {outcome.Unchanged:N0} unchanged.")
                    : string.Create(CultureInfo.InvariantCulture, $"All {outcome.Rows:N0} rows are valid. Commit imports them."));
            }
        }
        catch (ImportConflictException exception)
        {
            Say(exception.Message, error: true);
        }
        finally
        {
            busy = false;
        }
    }

    private async Task<bool> MayImportAsync()
    {
        if (await Access.AllowsAsync(DashboardPolicies.Manage))
        {
            return true;
        }

        Say(NotAllowed, error: true);
        return false;
    }

    private void Reset()
    {
        DeleteTempFile();
        preview = null;
        validated = result = null;
        progress = null;
        fileName = null;
        Say(null);
    }

    private void Say(string? text, bool error = false)
    {
        message = text;
        messageIsError = error;
    }

    private void DeleteTempFile()
    {
        if (tempFile is not null)
        {
            File.Delete(tempFile);
            tempFile = null;
        }
    }

    private sealed record SourceOption(long Id, string Text);

    private sealed record FieldChoice(string Value, string Text);

    /// <summary>Keeps the latest progress and redraws at most four times a second.</summary>
    private sealed class Redraw(ImportPage page) : IProgress<CsvImportProgress>
    {
        private long last;

        public void Report(CsvImportProgress value)
        {
            page.progress = value;
            var now = page.Time.GetTimestamp();
            if (last != 0 && page.Time.GetElapsedTime(last, now) < RedrawEvery && value.RowsDone != value.TotalRows)
            {
                return;
            }

            last = now;
            _ = page.InvokeAsync(page.StateHasChanged);
        }
    }
}
