using System.Globalization;
using Dashboard.Core.Billing;
using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Import.Csv;

namespace Dashboard.Infrastructure.Tests.Import.Csv;

/// <summary>Alone in its collection: the heap is the process's, and tests running beside it would count in it.</summary>
[Collection(CsvMemoryCollection.Name)]
public sealed class CsvMemoryTests
{
    /// <summary>Growth of the live managed heap allowed while importing 200,000 rows (the file alone is about 12 MB on disk; holding the rows would take far more).</summary>
    private const long Bound = 32L * 1024 * 1024;

    [Fact]
    public async Task A_200000_row_file_streams_with_bounded_memory()
    {
        const int rows = 200_000;
        await using var fixture = await CsvFixture.CreateAsync(DatabaseProvider.Sqlite);
        using var file = CsvTestFile.Generate("oid,name,email,created", rows, i => string.Create(CultureInfo.InvariantCulture,
            $"cus_{i:D7},Customer {i},customer{i}@example.com,{1_700_000_000 + i * 60}"));
        // What earlier tests left in the process (EF models, caches) is not the import's: measure the growth over it.
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        long peak = baseline;
        var reports = 0;
        var progress = new SyncProgress(p =>
        {
            reports++;
            // Live objects only: uncollected garbage depends on when the GC last ran, not on what the import holds.
            peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true));
        });

        var result = await fixture.Csv.ImportAsync(file.Path, fixture.Options(CsvImportKind.Customers), progress);

        Assert.True(result.Committed, string.Join("\n", result.Errors.Take(5)));
        Assert.Equal((rows, rows), (result.Rows, result.Created));
        Assert.Equal(rows, await fixture.Import.CountAsync<Customer>());
        Assert.True(reports >= 2 * rows / CsvImportOptions.DefaultBatchSize);
        var growth = peak - baseline;
        Console.WriteLine($"CSV import of {rows} rows: live managed memory grew by at most {growth / (1024 * 1024)} MB");
        Assert.True(growth < Bound, $"Live managed memory grew by {growth / (1024 * 1024)} MB during the import.");
    }

    private sealed class SyncProgress(Action<CsvImportProgress> report) : IProgress<CsvImportProgress>
    {
        public void Report(CsvImportProgress value) => report(value);
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CsvMemoryCollection
{
    public const string Name = "csv-memory";
}
