using System.Globalization;
using System.Net;
using CsvHelper;
using Dashboard.Infrastructure.Data;
using Dashboard.Web.Services.Exports;
using Dashboard.Web.Tests.Api;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Exports;

/// <summary>
/// An export's file holds exactly what <c>GET /metrics/{metric}</c> answers for the same range, interval and segment:
/// every cell, money to the cent, for each relative range, on SQLite and PostgreSQL.
/// </summary>
public sealed class ExportCsvMatchesApiTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 15, 10, 0, 0, TimeSpan.Zero);
    private static readonly string[] Metrics = ["mrr", "new_mrr", "churned_mrr", "customer_churn_rate", "arpu", "active_customers", "net_revenue"];

    // The days each range covers on 2025-06-15 (Europe/Paris).
    private static readonly (string Range, string Interval, string Start, string End)[] Ranges =
    [
        ("last_30_days", "week", "2025-05-17", "2025-06-15"),
        ("last_3_months", "month", "2025-03-16", "2025-06-15"),
        ("last_12_months", "month", "2024-06-16", "2025-06-15"),
        ("month_to_date", "day", "2025-06-01", "2025-06-15"),
        ("previous_month", "week", "2025-05-01", "2025-05-31"),
        ("previous_quarter", "month", "2025-01-01", "2025-03-31"),
        ("year_to_date", "quarter", "2025-01-01", "2025-06-15"),
    ];

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Every_range_and_segment_gives_the_api_numbers_to_the_cent(DatabaseProvider provider)
    {
        await using var server = await ExportServer.StartAsync(provider, Now);
        await server.PushBusinessAsync();
        var segment = await server.PostOkAsync("/api/v1/segments", new { name = "Google", filters = new[] { new { field = "utm_source", op = "eq", value = "google" } } }, HttpStatusCode.OK);
        var segmentId = long.Parse(segment["segment"]!["id"]!.GetValue<string>(), CultureInfo.InvariantCulture);

        var compared = 0;
        foreach (var (range, interval, start, end) in Ranges)
        {
            compared += await CompareAsync(server, new { range, interval }, new { }, $"start_date={start}&end_date={end}&interval={interval}");
        }

        var google = $"start_date=2024-06-16&end_date=2025-06-15&interval=month&filter=utm_source:eq:google";
        compared += await CompareAsync(server, new { range = "last_12_months", interval = "month" }, new { filter = new[] { "utm_source:eq:google" } }, google);
        compared += await CompareAsync(server, new { range = "last_12_months", interval = "month" }, new { segment_id = segmentId }, google);

        // Enough non-zero money to make "to the cent" mean something: c3's annual plan is $8.33 (833.333... cents) a month.
        Assert.True(compared > 200, $"only {compared} cells compared");
    }

    private static async Task<int> CompareAsync(ExportServer server, object rangeAndInterval, object segment, string apiQuery)
    {
        var body = new Dictionary<string, object?>
        {
            ["name"] = "compare",
            ["kind"] = "metrics",
            ["metrics"] = Metrics,
            ["schedule"] = new { frequency = "daily", at = "06:00" },
            ["deliveries"] = Array.Empty<object>(),
        };
        foreach (var property in rangeAndInterval.GetType().GetProperties().Concat(segment.GetType().GetProperties()))
        {
            body[property.Name] = property.GetValue(property.DeclaringType == rangeAndInterval.GetType() ? rangeAndInterval : segment);
        }

        var id = await server.CreateExportAsync(body);
        var rows = await RunAndReadAsync(server, id);

        Assert.Equal(["date", .. Metrics], rows[0]);
        var compared = 0;
        for (var m = 0; m < Metrics.Length; m++)
        {
            var api = await server.GetOkAsync($"/api/v1/metrics/{Metrics[m]}?{apiQuery}");
            var points = api["metrics"]!.AsArray();
            Assert.Equal(points.Count, rows.Count - 1);
            var money = api["unit"]!.GetValue<string>() == "money";
            for (var i = 0; i < points.Count; i++)
            {
                Assert.Equal(ApiDay(points[i]!), rows[i + 1][0]);
                var expected = points[i]!["value"]?.GetValue<decimal>();
                var cell = rows[i + 1][m + 1];
                var actual = cell.Length == 0 ? (decimal?)null : decimal.Parse(cell, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
                Assert.True(
                    (money ? actual * 100 : actual) == expected && (!money || cell.Length == 0 || cell[^3] == '.'),
                    $"{Metrics[m]} {rows[i + 1][0]} ({apiQuery}): API {expected}, CSV '{cell}'");
                compared++;
            }
        }

        return compared;
    }

    /// <summary>The bucket's start day as the API gives it: a YYYY-MM-DD text in <c>date</c> or <c>human_date</c>, or unix seconds.</summary>
    private static string ApiDay(System.Text.Json.Nodes.JsonNode point)
    {
        foreach (var name in new[] { "human_date", "date" })
        {
            if (point[name] is System.Text.Json.Nodes.JsonValue value && value.TryGetValue<string>(out var text) &&
                DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            {
                return text;
            }
        }

        return DateOnly.FromDateTime(DateTimeOffset.FromUnixTimeSeconds(point["date"]!.GetValue<long>()).UtcDateTime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

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
