namespace Dashboard.Infrastructure.Import.Csv;

public enum CsvImportPhase
{
    /// <summary>The first pass: every row is checked, nothing is written.</summary>
    Validating,

    /// <summary>The second pass: rows are written in batches.</summary>
    Importing,
}

/// <summary>
/// Where an import stands. <see cref="TotalRows"/> is known once validation has read the whole file (null before);
/// <see cref="BytesRead"/> of <see cref="TotalBytes"/> tells how far validation is.
/// </summary>
public sealed record CsvImportProgress(CsvImportPhase Phase, long RowsDone, long? TotalRows, double RowsPerSecond, long BytesRead, long TotalBytes)
{
    /// <summary>0 to 1 within the current phase.</summary>
    public double Fraction => TotalRows is > 0 and var total ? (double)RowsDone / total
        : TotalBytes > 0 ? Math.Min(1, (double)BytesRead / TotalBytes) : 0;
}
