namespace Dashboard.Infrastructure.Import.Csv;

/// <summary>
/// The outcome of validating or importing a file. <see cref="Errors"/> holds the bad rows (at most
/// <see cref="CsvImportOptions.MaxReportedErrors"/>; <see cref="ErrorCount"/> counts them all). When there are errors,
/// nothing was written. Created/Updated/Unchanged count the written rows (attributes: applied rows count as updated).
/// </summary>
public sealed record CsvImportResult(
    long Rows,
    IReadOnlyList<CsvRowError> Errors,
    long ErrorCount,
    bool Committed,
    long Created,
    long Updated,
    long Unchanged,
    TimeSpan Elapsed)
{
    public bool IsValid => ErrorCount == 0;

    /// <summary>Rows written; more than 0 with errors only when a batch was refused after earlier ones were committed.</summary>
    public long WrittenRows => Created + Updated + Unchanged;

    public double RowsPerSecond => Elapsed > TimeSpan.Zero ? Rows / Elapsed.TotalSeconds : 0;
}
