using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using Dashboard.Infrastructure.Attributes;

namespace Dashboard.Infrastructure.Import.Csv;

/// <summary>
/// Reads a file one row at a time (CsvHelper's parser: quoting, embedded newlines, a BOM), resolving each column to its
/// field once from the header and the mapping. Holds one row at a time, so any file size streams in fixed memory.
/// </summary>
public sealed class CsvRowReader : IDisposable
{
    private readonly StreamReader text;
    private readonly CsvParser parser;
    private readonly Dictionary<string, int> columnOf = new(StringComparer.Ordinal);
    private string[] record = [];

    private CsvRowReader(Stream stream, CsvImportKind kind, IReadOnlyDictionary<string, string?>? mapping)
    {
        Kind = kind;
        text = new StreamReader(stream, detectEncodingFromByteOrderMarks: true, leaveOpen: true);
        parser = new CsvParser(text, new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            DetectDelimiter = true,
            BadDataFound = null,
            TrimOptions = TrimOptions.Trim,
        });
        Headers = parser.Read() ? [.. parser.Record ?? []] : [];
        var attributes = new List<(string, int)>();
        for (var column = 0; column < Headers.Count; column++)
        {
            var header = Headers[column];
            var field = mapping is null ? CsvFields.DefaultFieldFor(kind, header)
                : mapping.TryGetValue(header, out var mapped) ? mapped : null;
            if (string.IsNullOrWhiteSpace(field))
            {
                continue;
            }

            if (field == CsvFields.AttributeColumn)
            {
                attributes.Add((AttributeKeys.FromTitle(header), column));
            }
            else if (!columnOf.TryAdd(field, column))
            {
                HeaderErrors.Add(new CsvRowError(1, field, $"is mapped from two columns ('{Headers[columnOf[field]]}' and '{header}')."));
            }
        }

        AttributeColumns = attributes;
        CheckColumns();
    }

    public CsvImportKind Kind { get; }

    /// <summary>The file's header row as written.</summary>
    public IReadOnlyList<string> Headers { get; }

    /// <summary>Attribute files: (attribute key, column) of every value column.</summary>
    public IReadOnlyList<(string Key, int Column)> AttributeColumns { get; }

    /// <summary>Problems with the header itself (missing required columns, a field mapped twice), reported on line 1.</summary>
    public List<CsvRowError> HeaderErrors { get; } = [];

    /// <summary>The line the current row ends on (the header is line 1).</summary>
    public long Line { get; private set; }

    public long BytesRead => text.BaseStream.CanSeek ? text.BaseStream.Position : 0;

    public static CsvRowReader Open(Stream stream, CsvImportKind kind, IReadOnlyDictionary<string, string?>? mapping = null) =>
        new(stream, kind, mapping);

    public bool Read()
    {
        if (!parser.Read())
        {
            return false;
        }

        record = parser.Record ?? [];
        Line = parser.RawRow;
        return true;
    }

    /// <summary>The current row's value of <paramref name="field"/>; null when the column is absent or the cell empty.</summary>
    public string? Get(string field) => columnOf.TryGetValue(field, out var column) ? Cell(column) : null;

    public bool HasField(string field) => columnOf.ContainsKey(field);

    public string? Cell(int column) => column < record.Length && record[column].Length > 0 ? record[column] : null;

    /// <summary>The current row's cells as written, for previews.</summary>
    public IReadOnlyList<string> Cells => record;

    public void Dispose()
    {
        parser.Dispose();
        text.Dispose();
    }

    private void CheckColumns()
    {
        if (Kind == CsvImportKind.Attributes)
        {
            if (!HasField("customer_oid") && !HasField("email"))
            {
                HeaderErrors.Add(new CsvRowError(1, "customer_oid", "A customer_oid or email column is required."));
            }

            if (AttributeColumns.Count == 0)
            {
                HeaderErrors.Add(new CsvRowError(1, CsvFields.AttributeColumn, "At least one attribute column is required."));
            }

            return;
        }

        foreach (var field in CsvFields.For(Kind).Where(f => f.Required && !HasField(f.Name)))
        {
            HeaderErrors.Add(new CsvRowError(1, field.Name, "The column is missing."));
        }
    }
}
