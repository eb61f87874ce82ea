using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Import.Csv;

namespace Dashboard.Infrastructure.Tests.Import.Csv;

/// <summary>An <see cref="ImportFixture"/> with a CSV importer over its importer and store.</summary>
internal sealed class CsvFixture : IAsyncDisposable
{
    private CsvFixture(ImportFixture import)
    {
        Import = import;
        Csv = new CsvImporter(import.Importer, import.Factory, TimeProvider.System);
    }

    public ImportFixture Import { get; }
    public CsvImporter Csv { get; }
    public long SourceId => Import.SourceId;

    public static async Task<CsvFixture> CreateAsync(DatabaseProvider provider) => new(await ImportFixture.CreateAsync(provider));

    public CsvImportOptions Options(CsvImportKind kind) => new(SourceId, kind);

    /// <summary>Imports the lines as a file of <paramref name="kind"/> and insists it went in.</summary>
    public async Task<CsvImportResult> ImportAsync(CsvImportKind kind, params string[] lines)
    {
        using var file = CsvTestFile.Write(lines);
        var result = await Csv.ImportAsync(file.Path, Options(kind));
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.True(result.Committed);
        return result;
    }

    public ValueTask DisposeAsync() => Import.DisposeAsync();
}
