using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Dashboard.Infrastructure.Data;
using static Dashboard.Web.Tests.Api.ContractShape;

namespace Dashboard.Web.Tests.Api.Baremetrics;

/// <summary>
/// Replays a typical Baremetrics script through <c>/v1</c> with the Bearer key, once with form bodies (bracketed keys, as
/// python-baremetrics sends them) and once with JSON (as the generated SDKs send it): find the <c>baremetrics</c> source,
/// push plans, customers, subscriptions (an upgrade, a cancellation), charges, a refund, attributes and a segment, then
/// read MRR and the summary and compare them with numbers worked out by hand from docs/metrics.md.
/// </summary>
/// <remarks>On a server of its own per run: metrics span every source. Every date is fixed in 2024, so nothing depends on today.</remarks>
public sealed class ScriptReplayTests
{
    private static readonly long Jan01 = Unix(2024, 1, 1);
    private static readonly long Jan10 = Unix(2024, 1, 10);
    private static readonly long Feb01 = Unix(2024, 2, 1);
    private static readonly long Feb15 = Unix(2024, 2, 15);
    private static readonly long Mar01 = Unix(2024, 3, 1);

    public static TheoryData<DatabaseProvider, BodyForm> ProvidersAndForms => new()
    {
        { DatabaseProvider.Sqlite, BodyForm.Form },
        { DatabaseProvider.Sqlite, BodyForm.Json },
        { DatabaseProvider.PostgreSql, BodyForm.Form },
        { DatabaseProvider.PostgreSql, BodyForm.Json },
    };

    [Theory]
    [MemberData(nameof(ProvidersAndForms))]
    public async Task A_typical_baremetrics_script_runs_through_v1_and_reads_back_hand_computed_numbers(DatabaseProvider provider, BodyForm form)
    {
        await using var server = await ApiServer.StartAsync(provider);
        using var client = server.Client(server.WriteKey);
        var bm = new Script(client, form);

        var sources = await bm.GetAsync("/v1/sources");
        var source = Assert.Single(sources["sources"]!.AsArray(), s => s!["provider"]!.GetValue<string>() == "baremetrics")!;
        var sourceId = Has(source, ("id", Json.String), ("provider", Json.String))["id"]!.GetValue<string>();
        string At(string resource) => $"/v1/{sourceId}/{resource}";

        // Two plans: $20 a month, and $360 a year (= $30 a month).
        Has((await bm.PostAsync(At("plans"), new JsonObject
        {
            ["oid"] = "monthly", ["name"] = "Monthly", ["currency"] = "usd", ["amount"] = 2_000, ["interval"] = "month", ["interval_count"] = 1,
        }))["plan"], Plan);
        Has((await bm.PostAsync(At("plans"), new JsonObject
        {
            ["oid"] = "yearly", ["name"] = "Yearly", ["currency"] = "usd", ["amount"] = 36_000, ["interval"] = "year", ["interval_count"] = 1,
        }))["plan"], Plan);

        foreach (var (oid, created) in new[] { ("cus_a", Jan01), ("cus_b", Jan10), ("cus_c", Feb01) })
        {
            var customer = Has((await bm.PostAsync(At("customers"), new JsonObject
            {
                ["oid"] = oid, ["name"] = oid.ToUpperInvariant(), ["email"] = oid + "@example.com", ["created"] = created,
            }))["customer"], ("oid", Json.String), ("source_id", Json.String), ("email", Json.String));
            Assert.Equal(oid, customer["oid"]!.GetValue<string>());
        }

        // A: monthly from Jan 1, upgraded to yearly on Feb 15. B: yearly from Jan 10, cancelled on Mar 1. C: 2 x monthly from Feb 1.
        foreach (var (oid, customer, plan, started, quantity) in new[]
        {
            ("sub_a", "cus_a", "monthly", Jan01, 1), ("sub_b", "cus_b", "yearly", Jan10, 1), ("sub_c", "cus_c", "monthly", Feb01, 2),
        })
        {
            var created = await bm.PostAsync(At("subscriptions"), new JsonObject
            {
                ["oid"] = oid, ["customer_oid"] = customer, ["plan_oid"] = plan, ["started_at"] = started, ["quantity"] = quantity,
            });
            Assert.Equal("subscription.created", Event(created)["type"]!.GetValue<string>());
        }

        var upgrade = await bm.PutAsync(At("subscriptions/sub_a"), new JsonObject { ["plan_oid"] = "yearly", ["occurred_at"] = Feb15 });
        Assert.Equal("subscription.updated", Event(upgrade)["type"]!.GetValue<string>());
        var cancel = await bm.PutAsync(At("subscriptions/sub_b/cancel"), new JsonObject { ["canceled_at"] = Mar01 });
        Assert.Equal("subscription.canceled", Event(cancel)["type"]!.GetValue<string>());
        Assert.Equal(Mar01, Has(Event(cancel)["info"], ("canceled_at", Json.Integer))["canceled_at"]!.GetValue<long>());

        foreach (var (oid, customer, subscription, amount, created) in new[]
        {
            ("ch_a1", "cus_a", "sub_a", 2_000, Jan01), ("ch_b1", "cus_b", "sub_b", 36_000, Jan10), ("ch_c1", "cus_c", "sub_c", 4_000, Feb01),
        })
        {
            var charge = Has((await bm.PostAsync(At("charges"), new JsonObject
            {
                ["oid"] = oid, ["customer_oid"] = customer, ["subscription_oid"] = subscription, ["amount"] = amount, ["currency"] = "usd",
                ["status"] = "paid", ["created"] = created,
            }))["charge"], ("oid", Json.String), ("customer", Json.Object), ("amount", Json.Integer), ("currency", Json.String));
            Assert.Equal(amount, charge["amount"]!.GetValue<long>());
        }

        var refund = Has((await bm.PostAsync(At("refunds"), new JsonObject
        {
            ["oid"] = "re_b1", ["charge_oid"] = "ch_b1", ["customer_oid"] = "cus_b", ["amount"] = 10_000, ["currency"] = "usd", ["created"] = Mar01,
        }))["refund"], ("oid", Json.String), ("customer", Json.Object), ("charge", Json.Object), ("amount", Json.Integer));
        Assert.Equal(10_000, refund["amount"]!.GetValue<long>());

        var field = Has((await bm.PostAsync("/v1/attributes/fields", new JsonObject
        {
            ["title"] = "Channel", ["field_type"] = "string", ["key"] = "channel",
        }))["attribute_field"], ("id", Json.Integer), ("field_type", Json.String), ("title", Json.String));
        Assert.Equal("Channel", field["title"]!.GetValue<string>());
        await bm.PostAsync("/v1/attributes", new JsonObject
        {
            ["attributes"] = new JsonArray(
                new JsonObject { ["customer_oid"] = "cus_a", ["source_id"] = sourceId, ["key"] = "channel", ["value"] = "newsletter" },
                new JsonObject { ["customer_oid"] = "cus_b", ["source_id"] = sourceId, ["key"] = "channel", ["value"] = "newsletter" },
                new JsonObject { ["customer_oid"] = "cus_c", ["source_id"] = sourceId, ["key"] = "channel", ["value"] = "ads" }),
        });
        var segment = Has((await bm.PostAsync("/v1/segments", new JsonObject
        {
            ["name"] = "Newsletter",
            ["query"] = new JsonArray(new JsonObject { ["category"] = "attributes", ["field"] = "channel", ["method"] = "equals", ["value"] = "newsletter" }),
        }))["segment"], ("id", Json.String), ("name", Json.String));

        // MRR in cents at the end of each day. End of January: A 2,000 + B 36,000 / 12 = 2,000 + 3,000 = 5,000.
        // End of February: A 36,000 / 12 = 3,000 (upgraded Feb 15) + B 3,000 + C 2 x 2,000 = 4,000 -> 10,000.
        // End of March: B cancelled at Mar 1 00:00 (churn dated Mar 1), so A 3,000 + C 4,000 = 7,000.
        var mrr = await bm.GetAsync("/v1/metrics/mrr?start_date=2024-01-01&end_date=2024-03-31");
        var points = mrr["metrics"]!.AsArray();
        Assert.Equal(91, points.Count); // daily by default: 31 + 29 + 31 days
        Assert.Equal(5_000m, Value(points, "2024-01-31"));
        Assert.Equal(9_000m, Value(points, "2024-02-14")); // the day before A's upgrade: 2,000 + 3,000 + 4,000
        Assert.Equal(10_000m, Value(points, "2024-02-29"));
        Assert.Equal(7_000m, Value(points, "2024-03-31"));

        // The segment holds A and B (channel = newsletter): end of February 3,000 + 3,000 = 6,000; end of March A alone 3,000.
        var segmentId = segment["id"]!.GetValue<string>();
        var segmented = (await bm.GetAsync($"/v1/metrics/mrr?start_date=2024-02-29&end_date=2024-03-31&segment_id={segmentId}"))["metrics"]!.AsArray();
        Assert.Equal(6_000m, Value(segmented, "2024-02-29"));
        Assert.Equal(3_000m, Value(segmented, "2024-03-31"));

        var summary = (await bm.GetAsync("/v1/metrics?start_date=2024-01-01&end_date=2024-03-31"))["metrics"]!.AsArray();
        Assert.Equal(91, summary.Count);
        var endOfFebruary = Day(summary, "2024-02-29");
        var endOfMarch = Day(summary, "2024-03-31");
        Assert.Equal(10_000m, endOfFebruary["mrr"]!.GetValue<decimal>());
        Assert.Equal(3, endOfFebruary["active_customers"]!.GetValue<decimal>()); // A, B, C
        Assert.Equal(7_000m, endOfMarch["mrr"]!.GetValue<decimal>());
        Assert.Equal(84_000m, endOfMarch["arr"]!.GetValue<decimal>()); // 12 x 7,000
        Assert.Equal(2, endOfMarch["active_customers"]!.GetValue<decimal>()); // A, C
        Assert.Equal(3_500m, endOfMarch["arpu"]!.GetValue<decimal>()); // 7,000 / 2
        Assert.Equal(1, Day(summary, "2024-01-10")["new_customers"]!.GetValue<decimal>()); // B
        Assert.Equal(1, Day(summary, "2024-02-01")["new_customers"]!.GetValue<decimal>()); // C
        Assert.Equal(1, Day(summary, "2024-03-01")["cancellations"]!.GetValue<decimal>()); // B
        Assert.Equal(10_000m, Day(summary, "2024-03-01")["refunds"]!.GetValue<decimal>()); // re_b1
        Assert.Equal(1, Day(summary, "2024-02-15")["upgrades"]!.GetValue<decimal>()); // A: 2,000 -> 3,000

        // B after the script: nothing paying now, paid before; ltv = paid charges - refunds = 36,000 - 10,000 = 26,000.
        var canceled = Has((await bm.GetAsync(At("customers/cus_b")))["customer"], ("is_active", Json.Bool), ("is_canceled", Json.Bool), ("ltv", Json.Integer));
        Assert.Equal((false, true, 26_000L), (canceled["is_active"]!.GetValue<bool>(), canceled["is_canceled"]!.GetValue<bool>(), canceled["ltv"]!.GetValue<long>()));
    }

    private static JsonObject Event(JsonNode answer) =>
        Has(answer["event"], ("id", Json.String), ("type", Json.String), ("info", Json.Object));

    private static JsonObject Day(JsonArray points, string humanDate)
    {
        var day = Assert.Single(points, p => p!["human_date"]!.GetValue<string>() == humanDate)!;
        var date = DateOnly.ParseExact(humanDate, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        Assert.Equal(Unix(date.Year, date.Month, date.Day), Has(day, ("date", Json.Integer))["date"]!.GetValue<long>());
        return day.AsObject();
    }

    private static decimal Value(JsonArray points, string humanDate) => Day(points, humanDate)["value"]!.GetValue<decimal>();

    private static long Unix(int year, int month, int day) => new DateTimeOffset(year, month, day, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();

    /// <summary>The requests of one client library: bodies in its form, answers expected with Baremetrics' 200.</summary>
    private sealed class Script(HttpClient client, BodyForm form)
    {
        public async Task<JsonNode> GetAsync(string path) => await ApiAssert.StatusAsync(await client.GetAsync(path), HttpStatusCode.OK);

        public async Task<JsonNode> PostAsync(string path, JsonObject body) =>
            await ApiAssert.StatusAsync(await client.PostAsync(path, Content(body)), HttpStatusCode.OK);

        public async Task<JsonNode> PutAsync(string path, JsonObject body) =>
            await ApiAssert.StatusAsync(await client.PutAsync(path, Content(body)), HttpStatusCode.OK);

        private HttpContent Content(JsonObject body) =>
            form == BodyForm.Json ? JsonContent.Create(body) : new FormUrlEncodedContent(BaremetricsClient.Flatten(body));
    }
}
