using System.Net;
using Dashboard.Infrastructure.Data;

namespace Dashboard.Web.Tests.Api;

/// <summary><c>GET /api/v1/metrics/trial_funnel</c> over pushed trials: c1's converts after 14 days, c2's is cancelled in its trial.</summary>
public sealed class TrialFunnelApiTests
{
    private const string March = "start_date=2025-03-01&end_date=2025-03-31";

    [Fact]
    public async Task The_funnel_counts_the_trials_started_in_the_range_as_new_trials_does()
    {
        await using var server = await ApiServer.StartAsync(DatabaseProvider.Sqlite);
        var api = await ApiSession.StartAsync(server);
        await api.PostOkAsync(api.Path("plans"), new { oid = "pro", name = "Pro", currency = "usd", amount = 3000, interval = "month", interval_count = 1 });
        await api.PostOkAsync(api.Path("customers"), new { oid = "c1", email = "c1@example.com" });
        await api.PostOkAsync(api.Path("customers"), new { oid = "c2", email = "c2@example.com" });
        await api.PostOkAsync(api.Path("subscriptions"), new { oid = "s1", customer_oid = "c1", plan_oid = "pro", started_at = "2025-03-01T00:00:00Z", trial_end = "2025-03-15T00:00:00Z" });
        await api.PostOkAsync(api.Path("subscriptions"), new { oid = "s2", customer_oid = "c2", plan_oid = "pro", started_at = "2025-03-05T00:00:00Z", trial_end = "2025-03-19T00:00:00Z" });
        await ApiAssert.StatusAsync(await api.PutAsync(api.Path("subscriptions/s2/cancel"), new { canceled_at = "2025-03-10T00:00:00Z" }), HttpStatusCode.OK);

        var funnel = await api.GetOkAsync("/api/v1/metrics/trial_funnel?" + March);

        Assert.Equal([2, 1, 1, 0], new[] { "started", "converted", "lost", "trialing" }.Select(k => funnel[k]!.GetValue<int>()));
        Assert.Equal((50m, 14m, 14m), (funnel["conversion_rate"]!.GetValue<decimal>(), funnel["median_days_to_convert"]!.GetValue<decimal>(),
            funnel["average_days_to_convert"]!.GetValue<decimal>()));
        var trials = funnel["trials"]!.AsArray();
        Assert.Equal(["c1", "c2"], trials.Select(t => t!["oid"]!.GetValue<string>()));
        Assert.Equal(("lost", "2025-03-10"), (trials[1]!["outcome"]!.GetValue<string>(), trials[1]!["ended"]!.GetValue<string>()));
        var newTrials = await api.GetOkAsync("/api/v1/metrics/new_trials?" + March + "&interval=year");
        Assert.Equal(2m, newTrials["metrics"]![0]!["value"]!.GetValue<decimal>());

        var other = await api.GetOkAsync("/api/v1/metrics/trial_funnel?" + March + "&filter=email:eq:c2@example.com");
        Assert.Equal((1, 0), (other["started"]!.GetValue<int>(), other["converted"]!.GetValue<int>()));
        Assert.Equal(0m, other["conversion_rate"]!.GetValue<decimal>());
        await ApiAssert.ProblemAsync(await api.Client.GetAsync("/api/v1/metrics/trial_funnel?start_date=2025-03-31&end_date=2025-03-01"), HttpStatusCode.BadRequest, "end_date");
    }
}
