using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Import.Operations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dashboard.Infrastructure.Import.Csv;

/// <summary>
/// Imports a CSV file of one kind through <see cref="BillingImporter"/> in two streaming passes. The first reads every
/// row and reports every bad one (unparsable cells, what the importer's validator refuses, references to plans,
/// customers, subscriptions or charges the source does not have); a file with any bad row writes nothing. The second
/// imports in batches of <see cref="CsvImportOptions.BatchSize"/>, all in one transaction that commits after the last
/// row, so the file goes in whole or not at all (a refused batch, a cancellation or a killed process roll it back).
/// Only one batch of rows is in memory at a time.
/// </summary>
public sealed partial class CsvImporter(
    BillingImporter importer,
    IDbContextFactory<DashboardDbContext> contextFactory,
    TimeProvider time,
    ILogger<CsvImporter>? logger = null)
{
    /// <summary>Checks the whole file and writes nothing.</summary>
    public async Task<CsvImportResult> ValidateAsync(
        string path, CsvImportOptions options, IProgress<CsvImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var started = time.GetTimestamp();
        var (rows, errors) = await ValidatePassAsync(path, options, started, progress, cancellationToken);
        return new CsvImportResult(rows, errors.Kept, errors.Count, false, 0, 0, 0, time.GetElapsedTime(started));
    }

    /// <summary>Validates the whole file, then, when no row is bad, imports it.</summary>
    public async Task<CsvImportResult> ImportAsync(
        string path, CsvImportOptions options, IProgress<CsvImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var started = time.GetTimestamp();
        var (rows, errors) = await ValidatePassAsync(path, options, started, progress, cancellationToken);
        if (errors.Count > 0)
        {
            return new CsvImportResult(rows, errors.Kept, errors.Count, false, 0, 0, 0, time.GetElapsedTime(started));
        }

        var importStarted = time.GetTimestamp();
        var counts = await WritePassAsync(path, options, rows, importStarted, progress, errors, cancellationToken);
        return new CsvImportResult(rows, errors.Kept, errors.Count, errors.Count == 0,
            counts.Created, counts.Updated, counts.Unchanged, time.GetElapsedTime(started));
    }

    /// <summary>The header and first rows of a file, with the mapping each header gets by default, for the UI's mapping step.</summary>
    public static CsvPreview Preview(Stream stream, CsvImportKind kind, int maxRows = 10)
    {
        using var reader = CsvRowReader.Open(stream, kind);
        var mapping = reader.Headers.Distinct(StringComparer.Ordinal)
            .ToDictionary(h => h, h => CsvFields.DefaultFieldFor(kind, h), StringComparer.Ordinal);
        var rows = new List<IReadOnlyList<string>>();
        while (rows.Count < maxRows && reader.Read())
        {
            rows.Add([.. reader.Cells]);
        }

        return new CsvPreview(reader.Headers, mapping, rows);
    }

    private async Task<(long Rows, CsvErrorSink Errors)> ValidatePassAsync(
        string path, CsvImportOptions options, long started, IProgress<CsvImportProgress>? progress, CancellationToken ct)
    {
        var errors = new CsvErrorSink(options.MaxReportedErrors);
        await using var stream = OpenRead(path);
        using var reader = CsvRowReader.Open(stream, options.Kind, options.Mapping);
        errors.AddRange(reader.HeaderErrors);
        if (!await SourceExistsAsync(options.SourceId, ct))
        {
            errors.Add(new CsvRowError(0, "source_id", $"Source {options.SourceId} does not exist."));
        }

        if (errors.Count > 0)
        {
            return (0, errors);
        }

        var checker = await CsvRowChecker.CreateAsync(contextFactory, options, errors, ct);
        long rows = 0;
        foreach (var chunk in ReadChunks(reader, options, errors, checker.AddParseFailures))
        {
            await checker.CheckAsync(chunk, ct);
            rows += chunk.Count;
            progress?.Report(new CsvImportProgress(CsvImportPhase.Validating, rows, null, Rate(rows, started), reader.BytesRead, stream.Length));
        }

        progress?.Report(new CsvImportProgress(CsvImportPhase.Validating, rows, rows, Rate(rows, started), stream.Length, stream.Length));
        return (rows, errors);
    }

    /// <summary>
    /// The write pass, in one transaction: every batch goes into one <see cref="BillingImporter.ImportSession"/>, which
    /// commits after the last row, so a refused batch, a cancellation or a killed process leaves no row of the file.
    /// A collision with a concurrent writer starts the pass over (the transaction is spoilt).
    /// </summary>
    private Task<(long Created, long Updated, long Unchanged)> WritePassAsync(
        string path, CsvImportOptions options, long total, long started, IProgress<CsvImportProgress>? progress, CsvErrorSink errors, CancellationToken ct) =>
        ConflictRetry.RunAsync(async attemptCt =>
        {
            await using var session = await importer.BeginSessionAsync(options.SourceId, attemptCt);
            var counts = options.Kind == CsvImportKind.Attributes
                ? await ImportAttributesAsync(session, path, options, total, started, progress, errors, attemptCt)
                : await ImportOperationsAsync(session, path, options, total, started, progress, errors, attemptCt);
            if (errors.Count > 0)
            {
                return (0L, 0L, 0L); // Disposing the session rolls the file back.
            }

            await session.CommitAsync(attemptCt);
            return counts;
        }, (ILogger?)logger ?? NullLogger.Instance, ct);

    private async Task<(long Created, long Updated, long Unchanged)> ImportOperationsAsync(
        BillingImporter.ImportSession session, string path, CsvImportOptions options, long total, long started,
        IProgress<CsvImportProgress>? progress, CsvErrorSink errors, CancellationToken ct)
    {
        long created = 0, updated = 0, unchanged = 0, rows = 0;
        await using var stream = OpenRead(path);
        using var reader = CsvRowReader.Open(stream, options.Kind, options.Mapping);
        foreach (var chunk in ReadChunks(reader, options, errors, null))
        {
            var batch = new ImportBatch(options.SourceId);
            batch.AddRange(chunk.Select(r => (ImportOperation)r.Row));
            try
            {
                var result = await session.ImportAsync(batch, ct);
                created += result.Items.Count(i => i.Outcome == ImportOutcome.Created);
                updated += result.Items.Count(i => i.Outcome == ImportOutcome.Updated);
                unchanged += result.Items.Count(i => i.Outcome == ImportOutcome.Unchanged);
            }
            catch (ImportValidationException refused)
            {
                // A store-dependent rule the first pass does not repeat (a refund above what is left of its charge, say);
                // the whole file is rolled back.
                foreach (var error in refused.Errors)
                {
                    var line = error.Index >= 0 && error.Index < chunk.Count ? chunk[error.Index].Line : chunk[0].Line;
                    errors.Add(new CsvRowError(line, error.Field, $"{error.Message.TrimEnd('.')} (nothing from this file was imported)."));
                }

                break;
            }

            rows += chunk.Count;
            progress?.Report(new CsvImportProgress(CsvImportPhase.Importing, rows, total, Rate(rows, started), reader.BytesRead, stream.Length));
        }

        return (created, updated, unchanged);
    }

    /// <summary>Rows of the file in chunks of the batch size; cells that do not parse go to <paramref name="errors"/>.</summary>
    private static IEnumerable<List<CsvRow>> ReadChunks(
        CsvRowReader reader, CsvImportOptions options, CsvErrorSink errors, Action<long, HashSet<string>>? onParseFailures)
    {
        var chunk = new List<CsvRow>(options.BatchSize);
        var parseErrors = new List<CsvRowError>();
        while (reader.Read())
        {
            object row;
            if (options.Kind == CsvImportKind.Attributes)
            {
                row = CsvAttributeRow.Read(reader);
            }
            else
            {
                var parser = new CsvRowParser(reader, parseErrors);
                row = parser.Parse();
                if (parser.Failed.Count > 0)
                {
                    onParseFailures?.Invoke(reader.Line, parser.Failed);
                }
            }

            errors.AddRange(parseErrors);
            parseErrors.Clear();
            chunk.Add(new CsvRow(reader.Line, row));
            if (chunk.Count == options.BatchSize)
            {
                yield return chunk;
                chunk = new List<CsvRow>(options.BatchSize);
            }
        }

        if (chunk.Count > 0)
        {
            yield return chunk;
        }
    }

    private async Task<bool> SourceExistsAsync(long sourceId, CancellationToken ct)
    {
        await using var db = await contextFactory.CreateDbContextAsync(ct);
        return await db.Sources.AnyAsync(s => s.Id == sourceId, ct);
    }

    private static FileStream OpenRead(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.SequentialScan | FileOptions.Asynchronous);

    private double Rate(long rows, long started)
    {
        var seconds = time.GetElapsedTime(started).TotalSeconds;
        return seconds > 0 ? rows / seconds : 0;
    }
}

/// <summary>A row of the file with its line: an <see cref="ImportOperation"/> or a <see cref="CsvAttributeRow"/>.</summary>
internal sealed record CsvRow(long Line, object Row);

/// <summary>A file's header, the default mapping of each header (null: ignored) and its first rows as written.</summary>
public sealed record CsvPreview(IReadOnlyList<string> Headers, IReadOnlyDictionary<string, string?> Mapping, IReadOnlyList<IReadOnlyList<string>> Rows);
