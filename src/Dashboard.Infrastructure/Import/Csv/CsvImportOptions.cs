namespace Dashboard.Infrastructure.Import.Csv;

/// <summary>
/// What to import: the source and kind, and optionally the column mapping chosen in the UI (file header -> field name,
/// <see cref="CsvFields.AttributeColumn"/> for an attribute column, null or empty to ignore the column). Without a
/// mapping every header maps to the field of the same name (<see cref="CsvFields.DefaultFieldFor"/>).
/// </summary>
public sealed record CsvImportOptions(long SourceId, CsvImportKind Kind)
{
    public const int DefaultBatchSize = 1_000;

    public IReadOnlyDictionary<string, string?>? Mapping { get; init; }

    /// <summary>Rows per importer call and per reference lookup (all calls of a file share one transaction).</summary>
    public int BatchSize { get; init; } = DefaultBatchSize;

    /// <summary>Bad rows kept for the report; more are counted but not kept, so a file of garbage cannot exhaust memory.</summary>
    public int MaxReportedErrors { get; init; } = 10_000;
}
