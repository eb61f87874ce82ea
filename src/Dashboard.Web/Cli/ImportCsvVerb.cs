using System.Globalization;
using Dashboard.Infrastructure.Import;
using Dashboard.Infrastructure.Import.Csv;
using Dashboard.Web.Services.Audit;

namespace Dashboard.Web.Cli;

/// <summary>
/// <c>import-csv --source ID --kind K FILE</c>: validates the whole file, then imports it. Exit 0 with a summary when
/// it is in; exit 1 listing every bad row (line, field, message) when any row is bad, in which case nothing is written.
/// </summary>
public sealed class ImportCsvVerb : ICliVerb
{
    public const int ErrorExitCode = 1;

    public string Name => "import-csv";

    public string Summary => "Import customers, plans, subscriptions, charges, refunds or attributes from a CSV file";

    public string Usage => $"--source ID --kind {string.Join('|', Kinds)} FILE";

    private static IEnumerable<string> Kinds => ImportValues.EnumNames<CsvImportKind>();

    public async Task<int> RunAsync(string[] args, IServiceProvider services, TextWriter output, CancellationToken cancellationToken)
    {
        var parsed = CliArguments.Parse(args, valueOptions: ["source", "kind"], maxPositionals: 1);
        var sourceText = parsed.Required("source");
        if (!long.TryParse(sourceText, NumberStyles.None, CultureInfo.InvariantCulture, out var sourceId))
        {
            throw new CliUsageException($"Option '--source' must be a source id (a whole number), not '{sourceText}'.");
        }

        var kindText = parsed.Required("kind");
        if (!ImportValues.TryParseEnum<CsvImportKind>(kindText, out var kind))
        {
            throw new CliUsageException($"Option '--kind' must be one of {string.Join(", ", Kinds)}, not '{kindText}'.");
        }

        var file = parsed.Positionals.Count == 1 ? parsed.Positionals[0] : throw new CliUsageException("The CSV file to import is required.");
        if (!File.Exists(file))
        {
            await output.WriteLineAsync($"File '{file}' does not exist.");
            return ErrorExitCode;
        }

        var time = services.GetRequiredService<TimeProvider>();
        var importer = services.GetRequiredService<CsvImporter>();
        CsvImportResult result;
        try
        {
            result = await importer.ImportAsync(file, new CsvImportOptions(sourceId, kind), new ConsoleProgress(output, time), cancellationToken);
        }
        catch (ImportConflictException conflict)
        {
            await output.WriteLineAsync(conflict.Message);
            return ErrorExitCode;
        }

        if (result.IsValid)
        {
            await services.GetRequiredService<IAuditLog>().RecordAsync(AuditActor.CommandLine, AuditActions.CsvImported,
                Invariant($"{Path.GetFileName(file)} ({Kinds.ElementAt((int)kind)}) into {AuditActor.Source(sourceId)}: {result.Rows} row(s)"),
                cancellationToken);
        }

        if (!result.IsValid)
        {
            await output.WriteLineAsync(Invariant($"{result.ErrorCount} bad row(s) in {file}; nothing was imported:"));
            foreach (var error in result.Errors)
            {
                await output.WriteLineAsync(Invariant($"  line {error.Line}: {error.Field}: {error.Message}"));
            }

            if (result.ErrorCount > result.Errors.Count)
            {
                await output.WriteLineAsync(Invariant($"  ... and {result.ErrorCount - result.Errors.Count} more."));
            }

            return ErrorExitCode;
        }

        await output.WriteLineAsync(Invariant(
            $"Imported {result.Rows} {Kinds.ElementAt((int)kind)} row(s) into source {sourceId}: {result.Created} created, {result.Updated} updated, {result.Unchanged} unchanged in {result.Elapsed.TotalSeconds:0.0} s ({result.RowsPerSecond:0} rows/s)."));
        return 0;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>Writes progress at once (not via the thread pool like Progress&lt;T&gt;), at most every two seconds and at each phase's end.</summary>
    private sealed class ConsoleProgress(TextWriter output, TimeProvider time) : IProgress<CsvImportProgress>
    {
        private static readonly TimeSpan Every = TimeSpan.FromSeconds(2);
        private long lastWritten = time.GetTimestamp();

        public void Report(CsvImportProgress value)
        {
            var done = value.TotalRows is { } total && value.RowsDone == total;
            if (!done && time.GetElapsedTime(lastWritten) < Every)
            {
                return;
            }

            lastWritten = time.GetTimestamp();
            var phase = value.Phase == CsvImportPhase.Validating ? "Validating" : "Importing";
            var of = value.TotalRows is { } rows ? Invariant($"/{rows}") : string.Empty;
            output.WriteLine(Invariant($"{phase}: {value.RowsDone}{of} rows ({value.Fraction * 100:0}%), {value.RowsPerSecond:0} rows/s"));
        }
    }
}
