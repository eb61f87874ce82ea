using System.Net;
using System.Text.Json.Nodes;
using Dashboard.Infrastructure.Data;

namespace Dashboard.Web.Tests.Api.Baremetrics;

/// <summary>
/// No query parameter is silently ignored: an unknown one is a 400 naming it, and the list filters Baremetrics documents
/// (search, sort, order, start, end) do filter. Pages count from 0 and are bounded.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class QueryParameterTests(ApiServers servers)
{
    public static TheoryData<string, string> UnknownParameters => new()
    {
        { "/api/v1/sources?status=active", "status" },
        { "/v1/sources?status=active", "status" },
        { "/api/v1/{source}/plans?interval=month", "interval" },
        { "/v1/{source}/plans/none?expand=all", "expand" },
        { "/api/v1/{source}/customers?q=ada", "q" },
        { "/v1/{source}/customers?search=ada&limit=1", "limit" },
        { "/api/v1/{source}/subscriptions?status=active", "status" },
        { "/api/v1/{source}/charges?created_after=1700000000", "created_after" },
        { "/v1/{source}/refunds?customer_oid=c1", "customer_oid" },
        { "/api/v1/attributes/fields?type=string", "type" },
        { "/api/v1/segments?name=x", "name" },
        { "/api/v1/fx_rates?date=2024-01-01", "date" },
        { "/api/v1/cancellation_insights/reasons?sort=text", "sort" },
        { "/api/v1/cancellation_insights/events?customer_oid=c1", "customer_oid" },
        { "/api/v1/metrics/mrr?period=month", "period" },
        { "/v1/metrics?start=2024-01-01", "start" },
        { "/api/v1/metrics/cohorts?interval=month", "interval" },
        { "/api/v1/metrics/mrr/customers?sort=ltv", "sort" },
    };

    [Theory]
    [MemberData(nameof(UnknownParameters))]
    public async Task An_unknown_query_parameter_is_a_400_naming_it(string path, string parameter)
    {
        var api = await servers.SessionAsync(DatabaseProvider.Sqlite);

        var problem = await ApiAssert.ProblemAsync(
            await api.Client.GetAsync(path.Replace("{source}", api.SourceId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)),
            HttpStatusCode.BadRequest, parameter);

        Assert.Contains(parameter, problem["error"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Customers_are_searched_by_oid_email_name_and_notes_and_sorted(DatabaseProvider provider)
    {
        var api = await servers.SessionAsync(provider);
        await api.PostOkAsync(api.Path("customers"), new { oid = "cus_a", name = "Ada Lovelace", email = "ada@example.com", created = 1_700_000_300 });
        await api.PostOkAsync(api.Path("customers"), new { oid = "cus_b", name = "Grace Hopper", email = "grace@navy.example", notes = "VIP", created = 1_700_000_100 });
        await api.PostOkAsync(api.Path("customers"), new { oid = "acme_c", name = "Alan Turing", email = "alan@example.org", created = 1_700_000_200 });

        Assert.Equal(["cus_a"], await CustomerOidsAsync(api, "search=LOVELACE"));
        Assert.Equal(["cus_b"], await CustomerOidsAsync(api, "search=navy.example"));
        Assert.Equal(["cus_b"], await CustomerOidsAsync(api, "search=vip"));
        Assert.Equal(["acme_c"], await CustomerOidsAsync(api, "search=acme"));
        Assert.Empty(await CustomerOidsAsync(api, "search=nobody@example.com"));
        Assert.Equal(["cus_b", "acme_c", "cus_a"], await CustomerOidsAsync(api, string.Empty));
        Assert.Equal(["cus_a", "acme_c", "cus_b"], await CustomerOidsAsync(api, "sort=created&order=desc"));
        await ApiAssert.ProblemAsync(await api.Client.GetAsync(api.Path("customers?sort=name")), HttpStatusCode.BadRequest, "sort");
        await ApiAssert.ProblemAsync(await api.Client.GetAsync(api.Path("customers?order=up")), HttpStatusCode.BadRequest, "order");
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Customers_sort_by_lifetime_value_less_refunds(DatabaseProvider provider)
    {
        var api = await servers.SessionAsync(provider);
        foreach (var oid in new[] { "low", "high", "refunded", "none" })
        {
            await api.PostOkAsync(api.Path("customers"), new { oid });
        }

        await api.PostOkAsync(api.Path("charges"), new { oid = "ch1", customer_oid = "low", amount = 1_000, currency = "USD", created = 1_700_000_000, status = "paid" });
        await api.PostOkAsync(api.Path("charges"), new { oid = "ch2", customer_oid = "high", amount = 5_000, currency = "USD", created = 1_700_000_000, status = "paid" });
        await api.PostOkAsync(api.Path("charges"), new { oid = "ch3", customer_oid = "refunded", amount = 6_000, currency = "USD", created = 1_700_000_000, status = "paid" });
        await api.PostOkAsync(api.Path("charges"), new { oid = "ch4", customer_oid = "none", amount = 9_000, currency = "USD", created = 1_700_000_000, status = "failed" });
        await api.PostOkAsync(api.Path("refunds"), new { oid = "re1", charge_oid = "ch3", amount = 5_500, currency = "USD", created = 1_700_000_100 });

        Assert.Equal(["high", "low", "refunded", "none"], await CustomerOidsAsync(api, "sort=ltv&order=desc"));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Charges_and_refunds_are_filtered_by_start_and_end(DatabaseProvider provider)
    {
        var api = await servers.SessionAsync(provider);
        await api.PostOkAsync(api.Path("customers"), new { oid = "c1" });
        foreach (var (oid, created) in new[] { ("feb", "2024-02-10T12:00:00Z"), ("mar", "2024-03-31T23:00:00Z"), ("apr", "2024-04-01T00:00:00Z") })
        {
            await api.PostOkAsync(api.Path("charges"), new { oid, customer_oid = "c1", amount = 1_000, currency = "USD", created, status = "paid" });
            await api.PostOkAsync(api.Path("refunds"), new { oid = "re_" + oid, charge_oid = oid, amount = 100, currency = "USD", created });
        }

        Assert.Equal(["mar"], await OidsAsync(api, "charges", "charges", "start=2024-03-01&end=2024-03-31"));
        Assert.Equal(["mar", "apr"], await OidsAsync(api, "charges", "charges", "start=1709251200"));
        Assert.Equal(["feb", "mar"], await OidsAsync(api, "charges", "charges", "end=2024-03-31T23:00:00Z"));
        Assert.Equal(["re_feb"], await OidsAsync(api, "refunds", "refunds", "end=2024-02-29"));
        Assert.Equal(["re_apr"], await OidsAsync(api, "refunds", "refunds", "start=2024-04-01"));
        await ApiAssert.ProblemAsync(await api.Client.GetAsync(api.Path("charges?start=yesterday")), HttpStatusCode.BadRequest, "start");
        await ApiAssert.ProblemAsync(await api.Client.GetAsync(api.Path("charges?start=2024-04-01&end=2024-03-01")), HttpStatusCode.BadRequest, "end");
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Plans_are_searched_by_name_or_oid_and_subscriptions_ordered_newest_first(DatabaseProvider provider)
    {
        var api = await servers.SessionAsync(provider);
        await api.PostOkAsync(api.Path("plans"), new { oid = "starter_m", name = "Starter", currency = "USD", amount = 1_000, interval = "month" });
        await api.PostOkAsync(api.Path("plans"), new { oid = "pro_m", name = "Professional", currency = "USD", amount = 3_000, interval = "month" });
        await api.PostOkAsync(api.Path("customers"), new { oid = "c1" });
        await api.PostOkAsync(api.Path("subscriptions"), new { oid = "older", customer_oid = "c1", plan_oid = "pro_m", started_at = 1_600_000_000 });
        await api.PostOkAsync(api.Path("subscriptions"), new { oid = "newer", customer_oid = "c1", plan_oid = "pro_m", started_at = 1_700_000_000 });

        Assert.Equal(["starter_m"], await OidsAsync(api, "plans", "plans", "search=START"));
        Assert.Equal(["pro_m"], await OidsAsync(api, "plans", "plans", "search=pro_"));
        Assert.Empty(await OidsAsync(api, "plans", "plans", "search=enterprise"));
        Assert.Equal(["newer", "older"], await OidsAsync(api, "subscriptions", "subscriptions", string.Empty));
        Assert.Equal(["older", "newer"], await OidsAsync(api, "subscriptions", "subscriptions", "order=asc"));
    }

    [Fact]
    public async Task Pages_count_from_zero_and_are_bounded()
    {
        var api = await servers.SessionAsync(DatabaseProvider.Sqlite);
        foreach (var oid in new[] { "a", "b", "c" })
        {
            await api.PostOkAsync(api.Path("plans"), new { oid, name = oid, currency = "USD", amount = 100, interval = "month" });
        }

        var first = await api.GetOkAsync(api.Path("plans?page=0&per_page=2"));
        var second = await api.GetOkAsync(api.Path("plans?page=1&per_page=2"));
        Assert.Equal(["a", "b"], first["plans"]!.AsArray().Select(p => p!["oid"]!.GetValue<string>()));
        Assert.Equal(["c"], second["plans"]!.AsArray().Select(p => p!["oid"]!.GetValue<string>()));
        Assert.True(first["meta"]!["pagination"]!["has_more"]!.GetValue<bool>());
        Assert.False(second["meta"]!["pagination"]!["has_more"]!.GetValue<bool>());
        Assert.Equal(first.ToJsonString(), (await api.GetOkAsync(api.Path("plans?per_page=2"))).ToJsonString());

        await ApiAssert.ProblemAsync(await api.Client.GetAsync(api.Path("plans?page=21474838&per_page=200")), HttpStatusCode.BadRequest, "page");
        await ApiAssert.ProblemAsync(await api.Client.GetAsync(api.Path("plans?page=2147483648")), HttpStatusCode.BadRequest, "page");
        await ApiAssert.ProblemAsync(await api.Client.GetAsync(api.Path("plans?per_page=201")), HttpStatusCode.BadRequest, "per_page");
        await ApiAssert.ProblemAsync(await api.Client.GetAsync(api.Path("plans?page=1&page=2")), HttpStatusCode.BadRequest, "page");
        var last = await api.GetOkAsync(api.Path("plans?page=1000000&per_page=200"));
        Assert.Empty(last["plans"]!.AsArray());
    }

    private static async Task<List<string>> CustomerOidsAsync(ApiSession api, string query) =>
        await OidsAsync(api, "customers", "customers", query);

    private static async Task<List<string>> OidsAsync(ApiSession api, string resource, string member, string query)
    {
        var body = await api.GetOkAsync(api.Path(resource + "?per_page=200" + (query.Length > 0 ? "&" + query : string.Empty)));
        return body[member]!.AsArray().Select(item => item!["oid"]!.GetValue<string>()).ToList();
    }
}
