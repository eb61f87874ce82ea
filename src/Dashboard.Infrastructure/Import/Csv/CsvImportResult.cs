namespace Dashboard.Infrastructure.Import.Csv;

/// <summary>
/// The outcome of validating or importing a file. <see cref="Errors"/> holds the bad rows (at most
/// <see cref="CsvImportOptions.MaxReportedErrors"/>; <see cref="ErrorCount"/> counts them all). When there are errors,
/// nothing of the file was written (it is imported in one transaction). Created/Updated/Unchanged count the written rows (attributes: applied rows count as updated).
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

    public double RowsPerSecond => Elapsed > TimeSpan.Zero ? Rows / Elapsed.TotalSeconds : 0;
}
