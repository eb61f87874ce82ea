using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Dashboard.Web.Auth;
using Dashboard.Web.Services.ApiKeys;
using Dashboard.Web.Tests.Auth;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Features.Metrics;

/// <summary>
/// <c>/export/metrics/{name}/customers.csv</c>: a signed-in viewer downloads every customer behind a drill-down (far
/// more than a page), one line each, whose contributions sum exactly to the clicked value; the page's filters apply.
/// </summary>
public sealed class DrillDownCsvEndpointTests
{
    private const string Password = "Drill-pass-1";
    private const string March = "from=2025-03-01&to=2025-03-31";
    private static readonly (string Oid, long Amount)[] Plans = [("basic", 1_000), ("pro", 2_999), ("business", 9_901)];

    [Fact]
    public async Task The_csv_lists_every_customer_of_new_mrr_and_sums_exactly_to_the_value()
    {
        await using var app = await AuthWebApp.StartAsync();
        var api = await ApiClientAsync(app);
        var source = await SourceAsync(api);
        foreach (var (oid, amount) in Plans)
        {
            await PostAsync(api, $"/api/v1/{source}/plans", new { oid, name = oid, currency = "usd", amount, interval = "month", interval_count = 1 });
        }

        // 70 customers start in March (the drill-down's window) and 5 in February (not in it).
        var expected = 0L;
        var expectedPro = 0;
        for (var i = 0; i < 75; i++)
        {
            var (plan, amount) = Plans[i % Plans.Length];
            var started = i < 70 ? new DateTime(2025, 3, 1 + (i % 28), 9, 0, 0, DateTimeKind.Utc) : new DateTime(2025, 2, 10, 9, 0, 0, DateTimeKind.Utc);
            await PostAsync(api, $"/api/v1/{source}/customers", new { oid = $"c{i}", name = $"Customer {i}", email = $"c{i}@example.com" });
            await PostAsync(api, $"/api/v1/{source}/subscriptions", new { oid = $"s{i}", customer_oid = $"c{i}", plan_oid = plan, started_at = started.ToString("O", CultureInfo.InvariantCulture) });
            if (i < 70)
            {
                expected += amount;
                expectedPro += plan == "pro" ? 1 : 0;
            }
        }

        var value = await ValueAsync(api, "new_mrr", "start_date=2025-03-01&end_date=2025-03-31&interval=month");
        Assert.Equal(expected, value);

        var browser = await ViewerAsync(app);
        var response = await browser.GetAsync($"/export/metrics/new_mrr/customers.csv?range=custom&start=2025-01-01&end=2025-06-30&interval=month&{March}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("new_mrr-customers-2025-03-01-2025-03-31.csv", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        var rows = Rows(await response.Content.ReadAsStringAsync());
        Assert.Equal(70, rows.Count);
        Assert.Equal(70, rows.Select(r => r[1]).Distinct().Count());
        Assert.Equal(value, rows.Sum(r => decimal.Parse(r[4], CultureInfo.InvariantCulture)));
        Assert.All(rows, r => Assert.Equal("money", r[5]));
        Assert.All(rows, r => Assert.StartsWith("new $", r[7], StringComparison.Ordinal));
        // Largest contributions first, as the list shows them.
        var contributions = rows.Select(r => decimal.Parse(r[4], CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(contributions.OrderByDescending(c => c), contributions);

        // The page's filters: only the pro customers, still summing to that segment's value.
        var pro = Rows(await browser.GetStringAsync($"/export/metrics/new_mrr/customers.csv?range=12m&filter=plan%3Aeq%3Apro&{March}"));
        Assert.Equal(expectedPro, pro.Count);
        Assert.Equal(await ValueAsync(api, "new_mrr", "start_date=2025-03-01&end_date=2025-03-31&interval=month&filter=plan:eq:pro"),
            pro.Sum(r => decimal.Parse(r[4], CultureInfo.InvariantCulture)));

        Assert.Equal(HttpStatusCode.BadRequest, (await browser.GetAsync("/export/metrics/new_mrr/customers.csv?from=2025-03-31&to=2025-03-01")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await browser.GetAsync($"/export/metrics/nope/customers.csv?{March}")).StatusCode);
    }

    private static async Task<HttpClient> ApiClientAsync(AuthWebApp app)
    {
        var key = await app.Services.GetRequiredService<ApiKeyService>().CreateAsync("drill-down csv", readOnly: false);
        var client = app.Bare();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key.Secret);
        return client;
    }

    private static async Task<HttpClient> ViewerAsync(AuthWebApp app)
    {
        var accounts = app.Services.GetRequiredService<UserAccounts>();
        Assert.True((await accounts.CreateAsync("viewer@example.com", Password, DashboardRoles.Viewer, AccountActor.CommandLine)).Succeeded);
        var browser = app.Browser();
        Assert.Equal(HttpStatusCode.Redirect, (await AuthWebApp.SignInAsync(browser, "viewer@example.com", Password)).StatusCode);
        return browser;
    }

    private static async Task<long> SourceAsync(HttpClient api)
    {
        var body = await PostAsync(api, "/api/v1/sources", new { name = "drill-down csv", provider = "api" });
        return long.Parse(body["source"]!["id"]!.GetValue<string>(), CultureInfo.InvariantCulture);
    }

    private static async Task<JsonNode> PostAsync(HttpClient api, string path, object body)
    {
        var response = await api.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"POST {path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }

    private static async Task<decimal> ValueAsync(HttpClient api, string metric, string query)
    {
        var body = JsonNode.Parse(await api.GetStringAsync($"/api/v1/metrics/{metric}?{query}"))!;
        return Assert.Single(body["metrics"]!.AsArray())!["value"]!.GetValue<decimal>();
    }

    /// <summary>The data lines split into cells (these rows hold no quoted commas: names, emails and one movement each).</summary>
    private static List<string[]> Rows(string csv)
    {
        var lines = csv.TrimEnd('\n').Split('\n');
        Assert.Equal("customer_id,external_id,name,email,contribution,unit,currency,movements", lines[0]);
        return lines.Skip(1).Select(l => l.Split(',')).ToList();
    }
}
