using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Dashboard.Infrastructure.Data;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Api;

/// <summary>
/// The metrics endpoints over data pushed through the import API, on a server of their own (metrics span every
/// source). Expected numbers are worked out by hand from metrics.md.
/// </summary>
public sealed class MetricsApiTests
{
    private const string Range = "start_date=2025-01-01&end_date=2025-05-31&interval=month";

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Pushed_history_gives_monthly_mrr_movements_cash_and_segments(DatabaseProvider provider)
    {
        await using var server = await ApiServer.StartAsync(provider);
        var api = await ApiSession.StartAsync(server);
        await PushHistoryAsync(api);

        // c1: basic $10 from Jan 10, pro $30 from Mar 5. c2: basic $10 from Feb 1, cancelled Apr 15.
        Assert.Equal([1000, 2000, 4000, 3000, 3000], await ValuesAsync(api, "mrr", Range));
        Assert.Equal([1000, 1000, 0, 0, 0], await ValuesAsync(api, "new_mrr", Range));
        Assert.Equal([0, 0, 2000, 0, 0], await ValuesAsync(api, "expansion_mrr", Range));
        Assert.Equal([0, 0, 0, -1000, 0], await ValuesAsync(api, "churned_mrr", Range));
        Assert.Equal([1, 2, 2, 1, 1], await ValuesAsync(api, "active_customers", Range));
        Assert.Equal([1000, 0, 0, 0, 0], await ValuesAsync(api, "gross_revenue", Range));
        Assert.Equal([500, 0, 0, 0, 0], await ValuesAsync(api, "refunds", Range));
        Assert.Equal([500, 0, 0, 0, 0], await ValuesAsync(api, "net_revenue", Range));
        Assert.Equal([1000, 1000, 3000, 3000, 3000], await ValuesAsync(api, "mrr", Range + "&filter=utm_source:eq:google"));
        Assert.Equal([1000, 2000, 1000, 0, 0], await ValuesAsync(api, "mrr", Range + "&filter=plan:eq:basic")); // c1 left basic on Mar 5

        var series = await api.GetOkAsync("/api/v1/metrics/mrr?" + Range);
        Assert.Equal("money", series["unit"]!.GetValue<string>());
        Assert.Equal("USD", series["currency"]!.GetValue<string>());
        Assert.Equal(1740787200L, series["metrics"]![2]!["date"]!.GetValue<long>()); // 2025-03-01T00:00:00Z
        Assert.Equal("2025-03-01", series["metrics"]![2]!["human_date"]!.GetValue<string>());

        // April's churn rate: 2 customers active at the start of April, one churned.
        Assert.Equal([50m], await ValuesAsync(api, "customer_churn_rate", "start_date=2025-04-01&end_date=2025-04-30&interval=month"));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Drill_down_lists_the_customers_whose_movements_make_the_number(DatabaseProvider provider)
    {
        await using var server = await ApiServer.StartAsync(provider);
        var api = await ApiSession.StartAsync(server);
        await PushHistoryAsync(api);

        var churn = await api.GetOkAsync("/api/v1/metrics/churned_mrr/customers?start_date=2025-04-01&end_date=2025-04-30");
        var customer = Assert.Single(churn["customers"]!.AsArray());
        Assert.Equal("c2", customer!["oid"]!.GetValue<string>());
        Assert.Equal(-1000m, customer["contribution"]!.GetValue<decimal>());
        Assert.Equal("churn", customer["movements"]![0]!["kind"]!.GetValue<string>());
        Assert.Equal(-1000m, churn["value"]!.GetValue<decimal>());

        var mrr = await api.GetOkAsync("/api/v1/metrics/mrr/customers?start_date=2025-03-01&end_date=2025-03-31");
        var contributions = mrr["customers"]!.AsArray().Select(c => c!["contribution"]!.GetValue<decimal>()).ToList();
        Assert.Equal(4000m, contributions.Sum());
        Assert.Equal(4000m, mrr["value"]!.GetValue<decimal>());
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Writes_after_the_first_query_update_the_numbers(DatabaseProvider provider)
    {
        await using var server = await ApiServer.StartAsync(provider);
        var api = await ApiSession.StartAsync(server);
        await PushHistoryAsync(api);
        Assert.Equal([3000], await ValuesAsync(api, "mrr", "start_date=2025-05-31&end_date=2025-05-31&interval=day"));

        await api.PostOkAsync(api.Path("customers"), new { oid = "c3", email = "c3@example.com" });
        await api.PostOkAsync(api.Path("subscriptions"), new { oid = "s3", customer_oid = "c3", plan_oid = "pro", started_at = "2025-05-10T00:00:00Z" });

        Assert.Equal([6000], await ValuesAsync(api, "mrr", "start_date=2025-05-31&end_date=2025-05-31&interval=day"));
        Assert.Equal([3000], await ValuesAsync(api, "new_mrr", "start_date=2025-05-01&end_date=2025-05-31&interval=month"));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Summary_compare_and_cohorts_answer(DatabaseProvider provider)
    {
        await using var server = await ApiServer.StartAsync(provider);
        var api = await ApiSession.StartAsync(server);
        await PushHistoryAsync(api);

        var summary = await api.GetOkAsync("/api/v1/metrics?start_date=2025-03-30&end_date=2025-03-31");
        var days = summary["metrics"]!.AsArray();
        Assert.Equal(["2025-03-30", "2025-03-31"], days.Select(d => d!["human_date"]!.GetValue<string>()));
        var items = days[1]!;
        Assert.Equal(1743379200L, items["date"]!.GetValue<long>()); // 2025-03-31T00:00:00Z
        Assert.Equal(4000m, items["mrr"]!.GetValue<decimal>());
        Assert.Equal(48000m, items["arr"]!.GetValue<decimal>());
        Assert.Equal(2000m, items["arpu"]!.GetValue<decimal>());
        Assert.Equal(4000m, (await api.GetOkAsync("/api/v1/metrics?date=2025-03-31"))["metrics"]![0]!["mrr"]!.GetValue<decimal>());

        var compared = await api.GetOkAsync("/api/v1/metrics/mrr?start_date=2025-03-31&end_date=2025-03-31&interval=day&compare_to=30");
        var point = compared["metrics"]![0]!;
        Assert.Equal(2000m, point["previous"]!["value"]!.GetValue<decimal>());
        Assert.Equal(100m, point["previous"]!["percent"]!.GetValue<decimal>());

        var cohorts = await api.GetOkAsync("/api/v1/metrics/cohorts?start_date=2025-01-01&end_date=2025-05-31&format=table");
        var january = cohorts["cohorts"]![0]!;
        Assert.Equal("2025-01-01", january["month"]!.GetValue<string>());
        Assert.Equal(1, january["customers"]!.GetValue<int>());
    }

    [Fact]
    public async Task Annual_and_quarterly_amounts_are_summed_exactly_and_rounded_once()
    {
        await using var server = await ApiServer.StartAsync(DatabaseProvider.Sqlite);
        var api = await ApiSession.StartAsync(server);
        await api.PostOkAsync(api.Path("plans"), new { oid = "annual_100", name = "Annual 100", currency = "usd", amount = 10_000, interval = "year", interval_count = 1 });
        await api.PostOkAsync(api.Path("plans"), new { oid = "annual_250", name = "Annual 250", currency = "usd", amount = 25_000, interval = "year", interval_count = 1 });
        await api.PostOkAsync(api.Path("plans"), new { oid = "quarterly_10", name = "Quarterly 10", currency = "usd", amount = 1_000, interval = "month", interval_count = 3 });
        await api.PostOkAsync(api.Path("plans"), new { oid = "quarterly_25", name = "Quarterly 25", currency = "usd", amount = 2_500, interval = "month", interval_count = 3 });
        await api.PostOkAsync(api.Path("plans"), new { oid = "quarterly_40", name = "Quarterly 40", currency = "usd", amount = 4_000, interval = "month", interval_count = 3 });
        (string Customer, string Plan, long Discount)[] subscriptions =
        [
            ("A", "annual_100", 1_000), ("B", "annual_100", 0), ("C", "annual_250", 0), ("D", "quarterly_10", 100),
            ("E", "quarterly_25", 0), ("F", "quarterly_40", 0), ("G", "quarterly_10", 0), ("G", "annual_100", 0),
        ];
        foreach (var customer in subscriptions.Select(s => s.Customer).Distinct())
        {
            await api.PostOkAsync(api.Path("customers"), new { oid = customer, email = customer + "@example.com" });
        }

        for (var i = 0; i < subscriptions.Length; i++)
        {
            var (customer, plan, discount) = subscriptions[i];
            await api.PostOkAsync(api.Path("subscriptions"), new { oid = "s" + i, customer_oid = customer, plan_oid = plan, started_at = "2024-01-01T00:00:00Z", discount });
        }

        await ApiAssert.StatusAsync(await api.PutAsync(api.Path("subscriptions/s1/cancel"), new { canceled_at = "2024-03-01T00:00:00Z" }), HttpStatusCode.OK);

        // Exact MRR: 87,600 twelfths of a cent = 7,300.00 cents; each customer rounded alone would add up to 7,299
        // (docs/metrics.md, "Money, FX and rounding"). After B's churn: 77,600 / 12 = 6,466.67.
        const string quarter = "start_date=2024-01-01&end_date=2024-03-31&interval=month";
        Assert.Equal([7_300, 7_300, 6_467], await ValuesAsync(api, "mrr", quarter));
        Assert.Equal([87_600, 87_600, 77_600], await ValuesAsync(api, "arr", quarter));
        Assert.Equal([7_300, 0, 0], await ValuesAsync(api, "new_mrr", quarter));
        Assert.Equal([7_300, 0, -833], await ValuesAsync(api, "net_new_mrr", quarter));
        Assert.Equal([117, 117, 117], await ValuesAsync(api, "discounts_mrr", quarter));
        Assert.Equal([1_043, 1_043, 1_078], await ValuesAsync(api, "arpu", quarter));
        Assert.Equal([6_467], await ValuesAsync(api, "net_new_mrr", "start_date=2024-01-01&end_date=2024-03-31&interval=quarter"));

        var drill = await api.GetOkAsync("/api/v1/metrics/mrr/customers?start_date=2024-01-31&end_date=2024-01-31");
        Assert.Equal(7_300m, drill["value"]!.GetValue<decimal>());
        // The rows are rounded together (largest remainder), so they add up to the value, where rounding each alone gave 7,299.
        Assert.Equal(7_300m, drill["customers"]!.AsArray().Sum(c => c!["contribution"]!.GetValue<decimal>()));
    }

    [Theory]
    [InlineData("/api/v1/metrics/nope", "metric")]
    [InlineData("/api/v1/metrics/mrr?start_date=2025-02-01&end_date=2025-01-01", "end_date")]
    [InlineData("/api/v1/metrics/mrr?start_date=2025-13-01", "start_date")]
    [InlineData("/api/v1/metrics/mrr?interval=fortnight", "interval")]
    [InlineData("/api/v1/metrics/mrr?filter=utm_source", "filter")]
    [InlineData("/api/v1/metrics/mrr?filter=utm_source:like:x", "filter")]
    [InlineData("/api/v1/metrics/mrr?compare_to=soon", "compare_to")]
    [InlineData("/api/v1/metrics/mrr?segment_id=999", "segment_id")]
    [InlineData("/api/v1/metrics/mrr/customers?page=-1", "page")]
    public async Task Bad_parameters_are_problems_naming_the_parameter(string path, string field)
    {
        await using var server = await ApiServer.StartAsync(DatabaseProvider.Sqlite);
        await ApiAssert.ProblemAsync(await server.Client(server.ReadKey).GetAsync(path), HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task Metrics_need_a_key_and_a_read_only_key_is_enough()
    {
        await using var server = await ApiServer.StartAsync(DatabaseProvider.Sqlite);
        Assert.Equal(HttpStatusCode.Unauthorized, (await server.Client(null).GetAsync("/api/v1/metrics/mrr")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await server.Client(server.ReadKey).GetAsync("/api/v1/metrics/mrr")).StatusCode);
    }

    [Fact]
    public async Task The_api_summary_of_a_range_equals_the_overview_card_and_the_metric_page()
    {
        await using var server = await ApiServer.StartAsync(DatabaseProvider.Sqlite);
        var api = await ApiSession.StartAsync(server);
        await PushHistoryAsync(api);
        var state = new Dashboard.Web.Features.Metrics.MetricViewState
        {
            Range = Dashboard.Web.Features.Metrics.RangePreset.Custom, Start = new DateOnly(2025, 1, 15), End = new DateOnly(2025, 5, 31), Interval = Core.Metrics.Interval.Month,
        };
        const string query = "start_date=2025-01-15&end_date=2025-05-31";

        var range = (await api.GetOkAsync("/api/v1/metrics?" + query))["range"]!;
        Assert.Equal(("2025-01-15", "2025-05-31"), (range["start_date"]!.GetValue<string>(), range["end_date"]!.GetValue<string>()));
        // c1 alone paid at the start (end of Jan 14); c2 joined Feb 1 and churned Apr 15, so no customer of the start churned.
        Assert.Equal(3000m, range["mrr"]!.GetValue<decimal>());
        Assert.Equal(0m, range["customer_churn_rate"]!.GetValue<decimal>());
        Assert.Equal(-500m, range["net_revenue"]!.GetValue<decimal>()); // the refund of Jan 20; the charge was on Jan 10
        Assert.Equal(-1000m, range["churned_mrr"]!.GetValue<decimal>());

        await using var scope = server.Services.CreateAsyncScope();
        var overview = await scope.ServiceProvider.GetRequiredService<Dashboard.Web.Features.Overview.IOverviewMetrics>().GetOverviewAsync(state, CancellationToken.None);
        var cards = Dashboard.Web.Features.Overview.OverviewViewModel.From(overview, state).Cards;
        var pages = scope.ServiceProvider.GetRequiredService<Dashboard.Web.Services.Metrics.MetricQueryService>();
        foreach (var card in cards)
        {
            var series = await api.GetOkAsync($"/api/v1/metrics/{card.Metric}?{query}&interval=month&compare_to=137");
            var summary = series["summary"]!;
            var page = Dashboard.Web.Features.Metrics.MetricPageModel.From(await pages.SeriesAsync(card.Metric, state, CancellationToken.None), compare: false);
            var expected = range[card.Metric]?.GetValue<decimal>().ToString("0.####", CultureInfo.InvariantCulture) ?? string.Empty;

            Assert.True(expected == card.RawValue, $"{card.Metric}: API range {expected}, card {card.RawValue}");
            Assert.True(expected == (summary["value"]?.GetValue<decimal>().ToString("0.####", CultureInfo.InvariantCulture) ?? string.Empty), card.Metric);
            Assert.True(expected == page.CurrentRaw, $"{card.Metric}: page {page.CurrentRaw}");
            Assert.Equal("2025-01-15", summary["start_date"]!.GetValue<string>());
            // The API's previous period stays as the engine gives it; the card shows the change only for a comparable period,
            // a percentage's in points.
            var previous = summary["previous"]!;
            var expectedChange = card.NoComparison is not null
                ? null
                : Dashboard.Core.Metrics.MetricCatalog.Get(card.Metric).Unit == Dashboard.Core.Metrics.MetricUnit.Percent
                    ? summary["value"]!.GetValue<decimal>() - previous["value"]!.GetValue<decimal>()
                    : previous["percent"]?.GetValue<decimal>();
            Assert.Equal(expectedChange, card.Delta?.Amount);
        }
    }

    [Fact]
    public async Task A_daily_rate_point_gives_the_trailing_window_its_value_covers()
    {
        await using var server = await ApiServer.StartAsync(DatabaseProvider.Sqlite);
        var api = await ApiSession.StartAsync(server);
        await PushHistoryAsync(api);

        var daily = (await api.GetOkAsync("/api/v1/metrics/customer_churn_rate?start_date=2025-04-01&end_date=2025-04-30&interval=day"))["metrics"]!.AsArray();
        Assert.Equal(30, daily.Count);
        foreach (var point in daily)
        {
            var day = DateOnly.Parse(point!["human_date"]!.GetValue<string>(), CultureInfo.InvariantCulture);
            Assert.Equal(day.AddDays(-29).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), point["window_start_date"]!.GetValue<string>());
        }

        // The value is the rate over exactly that window, as the range figure of those 30 days gives it.
        var last = daily[^1]!;
        var window = (await api.GetOkAsync($"/api/v1/metrics?start_date={last["window_start_date"]!.GetValue<string>()}&end_date=2025-04-30"))["range"]!;
        Assert.Equal(window["customer_churn_rate"]?.GetValue<decimal>(), last["value"]?.GetValue<decimal>());

        // By month a rate's window is its bucket; stocks and flows have none.
        var monthly = (await api.GetOkAsync("/api/v1/metrics/customer_churn_rate?" + Range))["metrics"]!.AsArray();
        Assert.All(monthly, p => Assert.Equal(p!["human_date"]!.GetValue<string>(), p["window_start_date"]!.GetValue<string>()));
        var mrr = (await api.GetOkAsync("/api/v1/metrics/mrr?start_date=2025-04-01&end_date=2025-04-30&interval=day"))["metrics"]!.AsArray();
        Assert.All(mrr, p => Assert.False(p!.AsObject().ContainsKey("window_start_date")));
    }

    [Fact]
    public async Task Every_flow_metrics_drill_down_lists_exactly_its_contributors_and_adds_up_to_the_value()
    {
        await using var server = await ApiServer.StartAsync(DatabaseProvider.Sqlite);
        var api = await ApiSession.StartAsync(server);
        await PushHistoryAsync(api);
        const string query = "start_date=2025-03-01&end_date=2025-04-30";

        foreach (var metric in Core.Metrics.MetricCatalog.All.Where(m => m.Kind == Core.Metrics.MetricKind.Flow))
        {
            var drill = await api.GetOkAsync($"/api/v1/metrics/{metric.Name}/customers?{query}&per_page=100");
            var clicked = (await api.GetOkAsync($"/api/v1/metrics/{metric.Name}?{query}&interval=month"))["summary"]!["value"]!.GetValue<decimal>();
            var rows = drill["customers"]!.AsArray().Select(c => (Oid: c!["oid"]!.GetValue<string>(), Contribution: c["contribution"]!.GetValue<decimal>())).ToList();

            Assert.True(clicked == drill["value"]!.GetValue<decimal>(), metric.Name);
            Assert.True(clicked == rows.Sum(r => r.Contribution), $"{metric.Name}: rows add up to {rows.Sum(r => r.Contribution)}, not {clicked}");
            Assert.All(rows, r => Assert.True(r.Contribution != 0, $"{metric.Name} lists {r.Oid} with nothing"));
            var expected = metric.Name switch
            {
                // c1 expanded on Mar 5 and c2 churned on Apr 15: each flow lists only the customer it counts.
                "expansion_mrr" or "upgrades" => ["c1"],
                "churned_mrr" or "churned_customers" or "churned_subscriptions" => ["c2"],
                "net_new_mrr" => new[] { "c1", "c2" }, // largest first
                _ => [],
            };
            Assert.True(expected.SequenceEqual(rows.Select(r => r.Oid)), $"{metric.Name}: {string.Join(",", rows.Select(r => r.Oid))}");
        }
    }

    private static async Task PushHistoryAsync(ApiSession api)
    {
        await api.PostOkAsync(api.Path("plans"), new { oid = "basic", name = "Basic", currency = "usd", amount = 1000, interval = "month", interval_count = 1 });
        await api.PostOkAsync(api.Path("plans"), new { oid = "pro", name = "Pro", currency = "usd", amount = 3000, interval = "month", interval_count = 1 });
        await api.PostOkAsync(api.Path("customers"), new { oid = "c1", email = "c1@example.com" });
        await api.PostOkAsync(api.Path("customers"), new { oid = "c2", email = "c2@example.com" });
        await api.PostOkAsync(api.Path("subscriptions"), new { oid = "s1", customer_oid = "c1", plan_oid = "basic", started_at = "2025-01-10T09:00:00Z" });
        await ApiAssert.StatusAsync(await api.PutAsync(api.Path("subscriptions/s1"), new { plan_oid = "pro", occurred_at = "2025-03-05T12:00:00Z" }), HttpStatusCode.OK);
        await api.PostOkAsync(api.Path("subscriptions"), new { oid = "s2", customer_oid = "c2", plan_oid = "basic", started_at = 1738368000 });
        await ApiAssert.StatusAsync(await api.PutAsync(api.Path("subscriptions/s2/cancel"), new { canceled_at = "2025-04-15T00:00:00Z" }), HttpStatusCode.OK);
        await api.PostOkAsync(api.Path("charges"), new { oid = "ch1", customer_oid = "c1", subscription_oid = "s1", amount = 1000, currency = "usd", created = "2025-01-10T09:00:00Z", status = "paid", fee = 59 });
        await api.PostOkAsync(api.Path("refunds"), new { oid = "re1", charge_oid = "ch1", amount = 500, currency = "usd", created = "2025-01-20T10:00:00Z" });
        await api.PostOkAsync("/api/v1/attributes/fields", new { title = "UTM source", field_type = "string", key = "utm_source" });
        var rows = new[]
        {
            new { customer_oid = "c1", source_id = api.SourceId, key = "utm_source", value = "google" },
            new { customer_oid = "c2", source_id = api.SourceId, key = "utm_source", value = "facebook" },
        };
        await ApiAssert.StatusAsync(await api.PostAsync("/api/v1/attributes", new { attributes = rows }), HttpStatusCode.OK);
    }

    private static async Task<decimal[]> ValuesAsync(ApiSession api, string metric, string query)
    {
        var body = await api.GetOkAsync(string.Create(CultureInfo.InvariantCulture, $"/api/v1/metrics/{metric}?{query}"));
        return body["metrics"]!.AsArray().Select(p => p!["value"]!.GetValue<decimal>()).ToArray();
    }
}
