using System.Text;
using Dashboard.Core.Metrics;
using Dashboard.Infrastructure.Exports;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Tests.Exports;

/// <summary>Cell formats, the CSV writer, the folder's path rules and the webhook signature.</summary>
public sealed class ExportFileTests : IDisposable
{
    private readonly DirectoryInfo root = Directory.CreateTempSubdirectory("export-folder-");

    public void Dispose() => root.Delete(recursive: true);

    [Theory]
    [InlineData(12345, "USD", "123.45")]
    [InlineData(-1000, "USD", "-10.00")]
    [InlineData(5, "EUR", "0.05")]
    [InlineData(1200, "JPY", "1200")]
    [InlineData(12345, "KWD", "12.345")]
    [InlineData(123456789012, "USD", "1234567890.12")]
    public void Money_is_written_in_major_units_with_the_currency_decimals(long minor, string currency, string expected) =>
        Assert.Equal(expected, CsvCells.Value(minor, MetricUnit.Money, currency));

    [Fact]
    public void Percentages_ratios_and_counts_are_plain_numbers_and_null_is_empty()
    {
        Assert.Equal("5.9", CsvCells.Value(5.9m, MetricUnit.Percent, "USD"));
        Assert.Equal("33.3333", CsvCells.Value(33.3333m, MetricUnit.Percent, "USD"));
        Assert.Equal("1.25", CsvCells.Value(1.25m, MetricUnit.Ratio, "USD"));
        Assert.Equal("1234", CsvCells.Value(1234m, MetricUnit.Count, "USD"));
        Assert.Null(CsvCells.Value(null, MetricUnit.Percent, "USD"));
    }

    [Fact]
    public async Task The_csv_is_rfc_4180_utf8_without_bom_and_neutralises_formulas()
    {
        var table = new ExportTable(
            ["customer_oid", "name", "mrr"],
            [
                [CsvCells.Text("c1"), CsvCells.Text("=HYPERLINK(\"http://x\")"), CsvCells.Money(-1000, "USD")],
                [CsvCells.Text("c2"), CsvCells.Text("Müller, \"Jo\"\nline two"), null],
                [CsvCells.Text("@sum"), CsvCells.Text("+1"), CsvCells.Text("-2")],
            ],
            []);

        var bytes = await ExportCsv.ToBytesAsync(table, CancellationToken.None);

        Assert.NotEqual(0xEF, bytes[0]);
        var text = Encoding.UTF8.GetString(bytes);
        Assert.Equal(
            "customer_oid,name,mrr\r\n" +
            "c1,\"'=HYPERLINK(\"\"http://x\"\")\",-10.00\r\n" +
            "c2,\"Müller, \"\"Jo\"\"\nline two\",\r\n" +
            "'@sum,'+1,'-2\r\n",
            text);
    }

    [Theory]
    [InlineData("../outside.csv")]
    [InlineData("runs/../../outside.csv")]
    [InlineData("/etc/passwd")]
    [InlineData("")]
    public async Task A_path_leaving_the_folder_is_refused_and_nothing_is_written(string relative)
    {
        var folder = Folder();

        await Assert.ThrowsAsync<ExportPathException>(() => folder.WriteAsync(relative, [1, 2, 3], CancellationToken.None));
        Assert.False(File.Exists(Path.Combine(root.Parent!.FullName, "outside.csv")));
    }

    [Fact]
    public async Task A_file_is_written_under_its_name_with_no_temporary_file_left()
    {
        var folder = Folder();

        await folder.WriteAsync(ExportFolder.RunFile(7, 42), Encoding.UTF8.GetBytes("a,b\r\n"), CancellationToken.None);

        var written = Path.Combine(folder.Root, "runs", "7", "42.csv");
        Assert.Equal("a,b\r\n", await File.ReadAllTextAsync(written));
        Assert.Equal([written], Directory.GetFiles(folder.Root, "*", SearchOption.AllDirectories));
    }

    [Theory]
    [InlineData("MRR (Google), weekly", "mrr-google-weekly-2026-03-30.csv")]
    [InlineData("../../etc/passwd", "etc-passwd-2026-03-30.csv")]
    [InlineData("///", "export-2026-03-30.csv")]
    public void The_named_copy_is_a_plain_file_name(string exportName, string expected) =>
        Assert.Equal(expected, ExportFolder.NamedCopy(exportName, new DateOnly(2026, 3, 30)));

    [Fact]
    public void The_webhook_signature_covers_timestamp_and_body()
    {
        var body = Encoding.UTF8.GetBytes("date,mrr\r\n2026-03-01,10.00\r\n");
        var signature = WebhookSignature.Sign("0123456789abcdef", 1774857600, body);

        Assert.StartsWith("v1=", signature);
        Assert.Equal(3 + 64, signature.Length);
        Assert.True(WebhookSignature.Verify("0123456789abcdef", "1774857600", signature, body));
        Assert.False(WebhookSignature.Verify("0123456789abcdef", "1774857601", signature, body));
        Assert.False(WebhookSignature.Verify("another secret!!", "1774857600", signature, body));
        Assert.False(WebhookSignature.Verify("0123456789abcdef", "1774857600", signature, [.. body, (byte)'x']));
    }

    private ExportFolder Folder() => new(Options.Create(new ExportOptions { Folder = Path.Combine(root.FullName, "exports") }), root.FullName);
}
