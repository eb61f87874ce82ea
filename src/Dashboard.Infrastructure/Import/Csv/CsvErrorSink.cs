namespace Dashboard.Infrastructure.Import.Csv;

/// <summary>Collects bad rows up to a limit while counting all of them, so memory stays bounded however bad a file is.</summary>
internal sealed class CsvErrorSink(int maxKept)
{
    private readonly List<CsvRowError> kept = [];

    public long Count { get; private set; }

    public IReadOnlyList<CsvRowError> Kept => kept;

    public void Add(CsvRowError error)
    {
        Count++;
        if (kept.Count < maxKept)
        {
            kept.Add(error);
        }
    }

    public void AddRange(IEnumerable<CsvRowError> errors)
    {
        foreach (var error in errors)
        {
            Add(error);
        }
    }
}
