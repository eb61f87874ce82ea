using System.Globalization;
using System.Net;
using Dashboard.Infrastructure.Data;
using Dashboard.Web.Services.Metrics;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Api;

/// <summary>
/// <c>GET /api/v1/metrics/forecast</c> over pushed data dated relative to today: c1 pays $10 from long ago, c2 $30 from
/// the first day of the month two months back, so of the six complete months one added $30 and none lost anything.
/// </summary>
public sealed class ForecastApiTests
{
    [Fact]
    public async Task The_forecast_continues_the_last_complete_months_and_honours_filters()
    {
        await using var server = await ApiServer.StartAsync(DatabaseProvider.Sqlite);
        var api = await ApiSession.StartAsync(server);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var thisMonth = new DateOnly(today.Year, today.Month, 1);
        await api.PostOkAsync(api.Path("plans"), new { oid = "basic", name = "Basic", currency = "usd", amount = 1000, interval = "month", interval_count = 1 });
        await api.PostOkAsync(api.Path("plans"), new { oid = "pro", name = "Pro", currency = "usd", amount = 3000, interval = "month", interval_count = 1 });
        await api.PostOkAsync(api.Path("customers"), new { oid = "c1", email = "c1@example.com" });
        await api.PostOkAsync(api.Path("customers"), new { oid = "c2", email = "c2@example.com" });
        await api.PostOkAsync(api.Path("subscriptions"), new { oid = "s1", customer_oid = "c1", plan_oid = "basic", started_at = Instant(thisMonth.AddMonths(-13)) });
        await api.PostOkAsync(api.Path("subscriptions"), new { oid = "s2", customer_oid = "c2", plan_oid = "pro", started_at = Instant(thisMonth.AddMonths(-2)) });

        var forecast = await api.GetOkAsync("/api/v1/metrics/forecast");

        Assert.Equal(Day(thisMonth.AddDays(-1)), forecast["start_date"]!.GetValue<string>());
        Assert.Equal((4000L, 2L), (forecast["start_mrr"]!.GetValue<long>(), forecast["start_customers"]!.GetValue<long>()));
        Assert.Equal(6, forecast["history"]!.AsArray().Count);
        Assert.Equal(500m, forecast["drivers"]!["added_mrr"]!.GetValue<decimal>()); // $30 over six months
        var points = forecast["points"]!.AsArray();
        Assert.Equal(12, points.Count);
        Assert.Equal(Day(thisMonth.AddMonths(1).AddDays(-1)), points[0]!["end_date"]!.GetValue<string>());
        var last = points[^1]!;
        // $40 + 12 x $5 = $100; the range from 12 months adding nothing to 12 months adding $30; customers 2 + 12 / 6.
        Assert.Equal([10_000L, 4_000, 40_000, 4, 2, 14],
            new[] { "mrr", "mrr_low", "mrr_high", "customers", "customers_low", "customers_high" }.Select(k => last[k]!.GetValue<long>()));

        var basic = await api.GetOkAsync("/api/v1/metrics/forecast?filter=plan:eq:basic&months=3");
        Assert.Equal(1000L, basic["start_mrr"]!.GetValue<long>());
        Assert.Equal(3, basic["history"]!.AsArray().Count);
        Assert.Equal(1000L, basic["points"]![11]!["mrr"]!.GetValue<long>());

        // The page's service gives the API's numbers.
        using var scope = server.Services.CreateScope();
        var service = await scope.ServiceProvider.GetRequiredService<ForecastService>().ForecastAsync(null, [], 6, CancellationToken.None);
        Assert.Equal(service.Points.Select(p => p.Mrr), points.Select(p => p!["mrr"]!.GetValue<long>()));

        await ApiAssert.ProblemAsync(await api.Client.GetAsync("/api/v1/metrics/forecast?months=2"), HttpStatusCode.BadRequest, "months");
        await ApiAssert.ProblemAsync(await api.Client.GetAsync("/api/v1/metrics/forecast?bogus=1"), HttpStatusCode.BadRequest, "bogus");
    }

    private static string Instant(DateOnly day) => Day(day) + "T00:00:00Z";

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
