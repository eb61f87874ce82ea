using System.Text;
using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Import.Csv;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Infrastructure.Tests.Import.Csv;

public sealed class CsvMappingTests
{
    private static readonly string[] Export =
    [
        "Customer ID;Full Name;E-mail;Signed up;Internal",
        "42;Ada Lovelace;ada@example.com;2026-03-01;x",
        "43;Grace Hopper;grace@example.com;2026-03-02;y",
    ];

    [Fact]
    public void The_preview_shows_the_first_rows_and_maps_headers_that_name_a_field()
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes("Oid,Name,Customer Email,Plan Tier\ncus_1,Ada,a@x.test,pro\ncus_2,Bo,b@x.test,free\n"));

        var customers = CsvImporter.Preview(stream, CsvImportKind.Customers, maxRows: 1);
        stream.Position = 0;
        var attributes = CsvImporter.Preview(stream, CsvImportKind.Attributes);

        Assert.Equal(["Oid", "Name", "Customer Email", "Plan Tier"], customers.Headers);
        Assert.Equal(["oid", "name", null, null], customers.Headers.Select(h => customers.Mapping[h]));
        Assert.Equal([["cus_1", "Ada", "a@x.test", "pro"]], customers.Rows);
        Assert.Equal(["customer_oid", CsvFields.AttributeColumn, "email", CsvFields.AttributeColumn], attributes.Headers.Select(h => attributes.Mapping[h]));
        Assert.Equal(2, attributes.Rows.Count);
    }

    [Theory]
    [InlineData(CsvImportKind.Customers, "E-mail", "email")]
    [InlineData(CsvImportKind.Customers, "E-Mail", "email")]
    [InlineData(CsvImportKind.Customers, "e.mail", "email")]
    [InlineData(CsvImportKind.Customers, "CustomerOID", null)]
    [InlineData(CsvImportKind.Attributes, "E-mail", "email")]
    [InlineData(CsvImportKind.Attributes, "Customer E-mail", "email")]
    [InlineData(CsvImportKind.Subscriptions, "Customer-OID", "customer_oid")]
    [InlineData(CsvImportKind.Subscriptions, "CustomerOID", "customer_oid")]
    public void Punctuation_inside_a_header_is_ignored_so_E_mail_reads_email(CsvImportKind kind, string header, string? field) =>
        Assert.Equal(field, CsvFields.DefaultFieldFor(kind, header));

    [Fact]
    public async Task A_mapping_imports_a_file_with_other_headers_and_ignores_unmapped_columns()
    {
        await using var fixture = await CsvFixture.CreateAsync(DatabaseProvider.Sqlite);
        using var file = CsvTestFile.Write(Export);
        var mapping = new Dictionary<string, string?>
        {
            ["Customer ID"] = "oid",
            ["Full Name"] = "name",
            ["E-mail"] = "email",
            ["Signed up"] = "created",
            ["Internal"] = null,
        };

        var result = await fixture.Csv.ImportAsync(file.Path, fixture.Options(CsvImportKind.Customers) with { Mapping = mapping });

        Assert.True(result.Committed, string.Join("\n", result.Errors));
        await using var db = fixture.Import.Database.CreateContext();
        var customers = await db.Customers.AsNoTracking().OrderBy(c => c.ExternalId).ToListAsync();
        Assert.Equal(["42 Ada Lovelace ada@example.com 2026-03-01", "43 Grace Hopper grace@example.com 2026-03-02"],
            customers.Select(c => $"{c.ExternalId} {c.Name} {c.Email} {c.CreatedAt:yyyy-MM-dd}"));
    }

    [Fact]
    public async Task Without_a_mapping_the_same_file_lacks_its_oid_column_and_two_columns_for_one_field_are_refused()
    {
        await using var fixture = await CsvFixture.CreateAsync(DatabaseProvider.Sqlite);
        using var file = CsvTestFile.Write(Export);

        var unmapped = await fixture.Csv.ValidateAsync(file.Path, fixture.Options(CsvImportKind.Customers));
        var twice = await fixture.Csv.ValidateAsync(file.Path, fixture.Options(CsvImportKind.Customers) with
        {
            Mapping = new Dictionary<string, string?> { ["Customer ID"] = "oid", ["Full Name"] = "name", ["E-mail"] = "name" },
        });

        Assert.Equal(["line 1: oid: The column is missing."], unmapped.Errors.Select(e => e.ToString()));
        Assert.Equal(["line 1: name: is mapped from two columns ('Full Name' and 'E-mail')."], twice.Errors.Select(e => e.ToString()));
    }
}
