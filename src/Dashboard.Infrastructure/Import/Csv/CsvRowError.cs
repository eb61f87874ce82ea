namespace Dashboard.Infrastructure.Import.Csv;

/// <summary>Why one row of a file is refused: its line in the file (the header is line 1), the field at fault and why.</summary>
public sealed record CsvRowError(long Line, string Field, string Message)
{
    public override string ToString() => $"line {Line}: {Field}: {Message}";
}
