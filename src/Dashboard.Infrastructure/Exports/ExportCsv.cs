using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;

namespace Dashboard.Infrastructure.Exports;

/// <summary>Writes an <see cref="ExportTable"/> as RFC 4180 CSV in UTF-8 (no byte-order mark, CRLF line ends).</summary>
public static class ExportCsv
{
    private static readonly CsvConfiguration Configuration = new(CultureInfo.InvariantCulture)
    {
        NewLine = "\r\n",
        // Cells are neutralised by CsvCells.Text where they are free text; numbers (a negative amount) stay numbers.
        InjectionOptions = InjectionOptions.None,
    };

    public static async Task WriteAsync(ExportTable table, Stream stream, CancellationToken cancellationToken)
    {
        await using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), leaveOpen: true);
        await using var csv = new CsvWriter(writer, Configuration);
        foreach (var name in table.Header)
        {
            csv.WriteField(name);
        }

        await csv.NextRecordAsync();
        foreach (var row in table.Rows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (var cell in row)
            {
                csv.WriteField(cell ?? string.Empty);
            }

            await csv.NextRecordAsync();
        }

        await csv.FlushAsync();
    }

    public static async Task<byte[]> ToBytesAsync(ExportTable table, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await WriteAsync(table, buffer, cancellationToken);
        return buffer.ToArray();
    }

    /// <summary>A stored file read back: its header and rows, every cell as written.</summary>
    public static async Task<(IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string?>> Rows)> ReadAsync(byte[] content, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(new MemoryStream(content), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        using var parser = new CsvParser(reader, Configuration);
        var records = new List<string[]>();
        while (await parser.ReadAsync())
        {
            cancellationToken.ThrowIfCancellationRequested();
            records.Add(parser.Record ?? []);
        }

        return records.Count == 0 ? ([], []) : (records[0], records.Skip(1).Select(r => (IReadOnlyList<string?>)r).ToList());
    }
}
