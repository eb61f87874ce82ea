using System.Text;

namespace Dashboard.Infrastructure.Tests.Import.Csv;

/// <summary>A CSV file in the temp directory, deleted on dispose.</summary>
internal sealed class CsvTestFile : IDisposable
{
    private CsvTestFile(string path) => Path = path;

    public string Path { get; }

    public static CsvTestFile Write(params string[] lines)
    {
        var file = new CsvTestFile(System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"csv-test-{Guid.NewGuid():N}.csv"));
        File.WriteAllText(file.Path, string.Join('\n', lines) + "\n", new UTF8Encoding(false));
        return file;
    }

    /// <summary>Streams generated lines to disk, so a large file never exists in memory.</summary>
    public static CsvTestFile Generate(string header, long rows, Func<long, string> row)
    {
        var file = new CsvTestFile(System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"csv-test-{Guid.NewGuid():N}.csv"));
        using var writer = new StreamWriter(file.Path, false, new UTF8Encoding(false), 64 * 1024);
        writer.WriteLine(header);
        for (var i = 0; i < rows; i++)
        {
            writer.WriteLine(row(i));
        }

        return file;
    }

    public void Dispose() => File.Delete(Path);
}
