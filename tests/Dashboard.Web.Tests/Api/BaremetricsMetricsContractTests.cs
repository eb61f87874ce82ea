using System.Globalization;
using System.Net;
using Dashboard.Core.Metrics;
using Dashboard.Infrastructure.Data;
using static Dashboard.Web.Tests.Api.ContractShape;

namespace Dashboard.Web.Tests.Api;

/// <summary>
/// Contract tests for the metrics half of Baremetrics' API description: the summary over a range, one metric's points
/// (daily by default, <c>date</c> in unix seconds, <c>human_date</c> ISO), Baremetrics' slugs, the plan breakout, the
/// customers behind a number and the cohorts.
/// </summary>
/// <remarks>On a server of its own per test: metrics span every source, and other tests push data without FX rates.</remarks>
public sealed class BaremetricsMetricsContractTests
{
    private const string January = "start_date=2024-01-01&end_date=2024-01-10";

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_summary_has_one_point_per_day_with_every_baremetrics_slug(DatabaseProvider provider)
    {
        await using var server = await ApiServer.StartAsync(provider);
        var api = await ApiSession.StartAsync(server);
        var days = (await api.GetOkAsync("/api/v1/metrics?" + January))["metrics"]!.AsArray();
        Assert.Equal(10, days.Count);
        for (var i = 0; i < days.Count; i++)
        {
            var day = Has(days[i], ("human_date", Json.String), ("date", Json.Integer));
            var date = new DateOnly(2024, 1, 1).AddDays(i);
            Assert.Equal(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), day["human_date"]!.GetValue<string>());
            Assert.Equal(new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeSeconds(), day["date"]!.GetValue<long>());
            Has(day, BaremetricsSlugs.Summary.Select(slug => (slug, Json.MaybeNumber)).ToArray());
        }
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_metric_gives_daily_points_by_default_under_our_names_and_baremetrics_slugs(DatabaseProvider provider)
    {
        await using var server = await ApiServer.StartAsync(provider);
        var api = await ApiSession.StartAsync(server);
        var points = (await api.GetOkAsync("/api/v1/metrics/mrr?" + January + "&compare_to=30"))["metrics"]!.AsArray();
        Assert.Equal(10, points.Count);
        var first = Has(points[0], ("date", Json.Integer), ("human_date", Json.String), ("value", Json.MaybeNumber), ("previous", Json.Object));
        Assert.Equal(1_704_067_200, first["date"]!.GetValue<long>());
        Assert.Equal("2024-01-01", first["human_date"]!.GetValue<string>());
        var previous = Has(first["previous"], ("date", Json.Integer), ("human_date", Json.String), ("value", Json.MaybeNumber), ("percent", Json.MaybeNumber));
        Assert.Equal("2023-12-02", previous["human_date"]!.GetValue<string>());

        foreach (var slug in BaremetricsSlugs.Summary)
        {
            var series = await api.GetOkAsync($"/api/v1/metrics/{slug}?{January}");
            Assert.Equal(10, series["metrics"]!.AsArray().Count);
        }

        Assert.Equal("customer_churn_rate", (await api.GetOkAsync("/api/v1/metrics/user_churn?" + January))["metric"]!.GetValue<string>());
        Assert.Equal("add_on_mrr", (await api.GetOkAsync("/api/v1/metrics/add_on_mrr?" + January))["metric"]!.GetValue<string>());
        await ApiAssert.ProblemAsync(await api.Client.GetAsync("/api/v1/metrics/no_such_metric?" + January), HttpStatusCode.BadRequest, "metric");
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Add_on_mrr_is_the_monthly_amount_of_the_subscriptions_add_ons(DatabaseProvider provider)
    {
        await using var server = await ApiServer.StartAsync(provider);
        var api = await ApiSession.StartAsync(server);
        await api.PostOkAsync(api.Path("plans"), new { oid = "team", name = "Team", currency = "usd", amount = 5000, interval = "month", interval_count = 1 });
        await api.PostOkAsync(api.Path("plans"), new { oid = "annual", name = "Annual", currency = "usd", amount = 120_000, interval = "year", interval_count = 1 });
        await api.PostOkAsync(api.Path("customers"), new { oid = "a" });
        await api.PostOkAsync(api.Path("customers"), new { oid = "b" });
        await api.PostOkAsync(api.Path("subscriptions"), new
        {
            oid = "sa", customer_oid = "a", plan_oid = "team", started_at = "2024-01-01T00:00:00Z", addons = new[] { new { oid = "seat", amount = 1000, quantity = 2 } },
        });
        await api.PostOkAsync(api.Path("subscriptions"), new
        {
            oid = "sb", customer_oid = "b", plan_oid = "annual", started_at = "2024-01-05T00:00:00Z", addons = new[] { new { oid = "sso", amount = 24_000, quantity = 1 } },
        });
        await ApiAssert.StatusAsync(await api.PutAsync(api.Path("subscriptions/sa"), new { occurred_at = "2024-01-08T00:00:00Z", addons = Array.Empty<object>() }), HttpStatusCode.OK);

        var points = (await api.GetOkAsync("/api/v1/metrics/add_on_mrr?" + January))["metrics"]!.AsArray();
        Assert.Equal([2000m, 2000m, 2000m, 2000m, 4000m, 4000m, 4000m, 2000m, 2000m, 2000m], points.Select(p => p!["value"]!.GetValue<decimal>()));
        var summary = (await api.GetOkAsync("/api/v1/metrics?start_date=2024-01-06&end_date=2024-01-06"))["metrics"]!.AsArray();
        Assert.Equal(4000m, Assert.Single(summary)!["add_on_mrr"]!.GetValue<decimal>());
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_plan_breakout_gives_each_plan_its_value_over_the_range(DatabaseProvider provider)
    {
        await using var server = await ApiServer.StartAsync(provider);
        var api = await ApiSession.StartAsync(server);
        var plan = "breakout_" + Guid.NewGuid().ToString("N")[..10];
        await api.PostOkAsync(api.Path("plans"), new { oid = plan, name = "Breakout", currency = "usd", amount = 1200, interval = "month", interval_count = 1 });
        await api.PostOkAsync(api.Path("customers"), new { oid = "c_" + plan, email = plan + "@example.com" });
        await api.PostOkAsync(api.Path("subscriptions"), new { oid = "s_" + plan, customer_oid = "c_" + plan, plan_oid = plan, started_at = "2024-02-01T00:00:00Z" });

        var rows = (await api.GetOkAsync("/api/v1/metrics/mrr/plans?start_date=2024-02-01&end_date=2024-02-29"))["metrics"]!.AsArray();
        foreach (var row in rows)
        {
            Has(row, ("date", Json.Integer), ("human_date", Json.String), ("value", Json.MaybeNumber), ("plan", Json.Object));
            PlanShape(row!["plan"]);
        }

        var mine = Assert.Single(rows, r => r!["plan"]!["oid"]!.GetValue<string>() == plan)!;
        Assert.Equal(1200m, mine["value"]!.GetValue<decimal>());
        Assert.Equal("2024-02-29", mine["human_date"]!.GetValue<string>());

        var drill = await api.GetOkAsync($"/api/v1/metrics/mrr/customers?start_date=2024-02-29&end_date=2024-02-29&filter=plan:eq:{plan}");
        Assert.Equal("c_" + plan, Assert.Single(drill["customers"]!.AsArray())!["oid"]!.GetValue<string>());
        var point = Has(Assert.Single(drill["metrics"]!.AsArray()), ("date", Json.Integer), ("human_date", Json.String), ("value", Json.MaybeNumber), ("customers", Json.Array));
        var contribution = Has(Assert.Single(point["customers"]!.AsArray()), ("mrr", Json.Number), ("customer", Json.Object));
        Assert.Equal(1200m, contribution["mrr"]!.GetValue<decimal>());
        Has(contribution["customer"], CustomerBrief);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Cohorts_answer_baremetrics_list_and_our_table_on_request(DatabaseProvider provider)
    {
        await using var server = await ApiServer.StartAsync(provider);
        var api = await ApiSession.StartAsync(server);
        await api.PostOkAsync(api.Path("plans"), new { oid = "m", name = "Monthly", currency = "usd", amount = 569_521, interval = "month", interval_count = 1 });
        foreach (var (customer, canceled) in new[] { ("stays", (string?)null), ("leaves", "2024-02-15T00:00:00Z") })
        {
            await api.PostOkAsync(api.Path("customers"), new { oid = customer });
            await api.PostOkAsync(api.Path("subscriptions"), new { oid = "s_" + customer, customer_oid = customer, plan_oid = "m", started_at = "2024-01-10T00:00:00Z", canceled_at = canceled });
        }

        var response = await api.Client.GetAsync("/v1/metrics/cohorts?start_date=2024-01-01&end_date=2024-03-31");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cohorts = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray();
        // One cohort per month of the range; only January has customers.
        Assert.Equal(["2024-01-01", "2024-02-01", "2024-03-01"], cohorts.Select(c => c!["begin"]!.GetValue<string>()));
        Assert.Equal([2, 0, 0], cohorts.Select(c => c!["customers"]!.GetValue<int>()));
        var january = Has(cohorts[0], ("begin", Json.String), ("end", Json.String), ("mrr", Json.Integer), ("customers", Json.Integer),
            ("mrr_formatted", Json.String), ("cells", Json.Array));
        Assert.Equal(("2024-01-01", "2024-01-31", 1_139_042L, 2, "$11,390.42"), (january["begin"]!.GetValue<string>(), january["end"]!.GetValue<string>(),
            january["mrr"]!.GetValue<long>(), january["customers"]!.GetValue<int>(), january["mrr_formatted"]!.GetValue<string>()));
        var cells = january["cells"]!.AsArray();
        Assert.Equal(["2024-01-01", "2024-02-01", "2024-03-01"], cells.Select(c => c!["begin"]!.GetValue<string>()));
        foreach (var cell in cells)
        {
            Has(cell, ("begin", Json.String), ("end", Json.String), ("user", Json.Object), ("revenue", Json.Object));
            Has(cell!["user"], ("total", Json.Integer), ("absolute", Json.Integer), ("percentage", Json.MaybeNumber));
            Has(cell["revenue"], ("total", Json.Integer), ("absolute", Json.Integer), ("percentage", Json.MaybeNumber), ("absolute_formatted", Json.String),
                ("total_formatted", Json.String));
        }

        // February: one of the two still pays, with half the starting MRR.
        var february = cells[1]!;
        Assert.Equal(("2024-02-29", 2, 1, 0.5m), (february["end"]!.GetValue<string>(), february["user"]!["total"]!.GetValue<int>(),
            february["user"]!["absolute"]!.GetValue<int>(), february["user"]!["percentage"]!.GetValue<decimal>()));
        Assert.Equal((1_139_042L, 569_521L, 0.5m, "$5,695.21"), (february["revenue"]!["total"]!.GetValue<long>(), february["revenue"]!["absolute"]!.GetValue<long>(),
            february["revenue"]!["percentage"]!.GetValue<decimal>(), february["revenue"]!["absolute_formatted"]!.GetValue<string>()));

        var table = await api.GetOkAsync("/v1/metrics/cohorts?start_date=2024-01-01&end_date=2024-03-31&format=table");
        Assert.Equal("USD", table["currency"]!.GetValue<string>());
        Assert.Equal(50m, table["cohorts"]![0]!["periods"]![1]!["active_share"]!.GetValue<decimal>());
        await ApiAssert.ProblemAsync(await api.Client.GetAsync("/v1/metrics/cohorts?format=csv"), HttpStatusCode.BadRequest, "format");
    }
}
