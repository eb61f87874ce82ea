using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Import.Csv;

namespace Dashboard.Infrastructure.Tests.Import.Csv;

public sealed class CsvExampleTests
{
    [Fact]
    public async Task The_example_file_of_every_kind_imports_in_dependency_order()
    {
        await using var fixture = await CsvFixture.CreateAsync(DatabaseProvider.Sqlite);

        foreach (var kind in new[]
                 {
                     CsvImportKind.Plans, CsvImportKind.Customers, CsvImportKind.Subscriptions, CsvImportKind.Charges,
                     CsvImportKind.Refunds, CsvImportKind.Attributes,
                 })
        {
            var lines = CsvFields.ExampleFile(kind).TrimEnd('\n', '\r').Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
            var result = await fixture.ImportAsync(kind, lines);
            Assert.Equal(1, result.Rows);
        }

        Assert.Equal("plans=1 customers=1 subscriptions=1 states=1 addons=0 charges=1 refunds=1 attributes=2", await fixture.Import.CountsAsync());
    }
}
