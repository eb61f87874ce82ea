using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using CsvHelper;
using Dashboard.Infrastructure.Data;
using Dashboard.Web.Services.Exports;
using Dashboard.Web.Tests.Api;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Exports;

/// <summary>
/// A <c>customers</c> export has one column per attribute field, named by its key (in key order, after the fixed
/// columns), and each customer's cells equal what <c>GET /{source_id}/customers</c> answers: attributes, MRR and net
/// revenue to the cent.
/// </summary>
public sealed class ExportCustomersMatchApiTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 15, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task The_customer_list_has_every_attribute_as_the_customer_api_gives_it()
    {
        await using var server = await ExportServer.StartAsync(DatabaseProvider.Sqlite, Now);
        await server.PushBusinessAsync();
        var sources = await server.GetOkAsync("/api/v1/sources");
        var sourceId = sources["sources"]!.AsArray().Single(s => s!["name"]!.GetValue<string>() == "exports")!["id"]!.GetValue<string>();
        await server.PostOkAsync("/api/v1/attributes/fields", new { title = "Seats", field_type = "number", key = "seats" }, HttpStatusCode.OK);
        await server.PostOkAsync("/api/v1/attributes/fields", new { title = "Owner", field_type = "string", key = "owner" }, HttpStatusCode.OK);
        await server.PostOkAsync("/api/v1/attributes/fields", new { title = "CRM status", field_type = "string", key = "status" }, HttpStatusCode.OK);
        object Value(string oid, string key, object value) => new { customer_oid = oid, source_id = sourceId, key, value };
        var values = new[]
        {
            Value("c1", "seats", 12), Value("c2", "seats", -3), Value("c1", "owner", "Ana, \"sales\""), Value("c4", "owner", "@SUM(A1)"),
            Value("c3", "status", "lead"),
        };
        await ApiAssert.StatusAsync(await server.Write.PostAsJsonAsync("/api/v1/attributes", new { attributes = values }), HttpStatusCode.OK);
        var id = await server.CreateExportAsync(new
        {
            name = "Customers",
            kind = "customers",
            schedule = new { frequency = "daily", at = "06:00" },
            deliveries = Array.Empty<object>(),
        });

        var rows = await RunAndReadAsync(server, id);

        string[] fixedColumns = ["customer_oid", "name", "email", "source", "country", "plans", "mrr", "net_revenue", "since", "status"];
        Assert.Equal([.. fixedColumns, "owner", "seats", "attributes.status", "utm_source"], rows[0]);
        var api = (await server.GetOkAsync($"/api/v1/{sourceId}/customers?per_page=100"))["customers"]!.AsArray()
            .ToDictionary(c => c!["oid"]!.GetValue<string>(), c => c!);
        Assert.Equal(api.Keys.Order(), rows.Skip(1).Select(r => r[0]).Order());
        var compared = 0;
        foreach (var row in rows.Skip(1))
        {
            var customer = api[row[0]];
            Assert.Equal(customer["current_mrr"]!.GetValue<long>(), Minor(row[6]));
            Assert.Equal(customer["ltv"]!.GetValue<long>(), Minor(row[7]));
            var attributes = customer["attributes"]!.AsObject();
            for (var column = fixedColumns.Length; column < rows[0].Length; column++)
            {
                var key = rows[0][column].Replace("attributes.", string.Empty, StringComparison.Ordinal);
                var expected = attributes[key]?.GetValue<string>() ?? string.Empty;
                // A text that a spreadsheet would take for a formula is neutralised; numbers, a negative one too, stay as they are.
                Assert.Equal(expected.StartsWith('@') ? "'" + expected : expected, row[column]);
                compared++;
            }
        }

        Assert.Equal(16, compared);
        Assert.Equal("-3", rows.Single(r => r[0] == "c2")[^3]);
        Assert.Equal("Ana, \"sales\"", rows.Single(r => r[0] == "c1")[^4]);
        Assert.Equal("'@SUM(A1)", rows.Single(r => r[0] == "c4")[^4]);
        Assert.Equal("lead", rows.Single(r => r[0] == "c3")[^2]);
        Assert.Equal(["google", "facebook", "google", "google"], new[] { "c1", "c2", "c3", "c4" }.Select(oid => rows.Single(r => r[0] == oid)[^1]));
    }

    private static long Minor(string cell) => (long)(decimal.Parse(cell, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture) * 100);

    private static async Task<List<string[]>> RunAndReadAsync(ExportServer server, long exportId)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var run = await scope.ServiceProvider.GetRequiredService<ExportService>().RunHereAsync(exportId, CancellationToken.None);
        Assert.Equal("succeeded", run!.Status);
        var response = await server.Read.GetAsync($"/api/v1/exports/{exportId}/runs/{run.Id}/file");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var reader = new StringReader(await response.Content.ReadAsStringAsync());
        using var csv = new CsvParser(reader, CultureInfo.InvariantCulture);
        var rows = new List<string[]>();
        while (await csv.ReadAsync())
        {
            rows.Add(csv.Record!);
        }

        return rows;
    }
}
