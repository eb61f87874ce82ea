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
        await ApiAssert.ProblemAsync(await api.Client.GetAsync("/api/v1/metrics/add_on_mrr?" + January), HttpStatusCode.BadRequest, "metric");
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
        Assert.Equal(HttpStatusCode.OK, (await api.Client.GetAsync("/api/v1/metrics/cohorts?start_date=2024-01-01&end_date=2024-03-31")).StatusCode);
    }
}
