using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Dashboard.Infrastructure.Data;
using static Dashboard.Web.Tests.Api.ContractShape;

namespace Dashboard.Web.Tests.Api;

/// <summary>
/// Contract tests for the import half of Baremetrics' API description (sources, plans, customers, subscriptions,
/// charges, refunds, events, attribute fields): for each endpoint, the status, the envelope and the members a
/// Baremetrics client reads, with their types. Values are checked where the description fixes them.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class BaremetricsImportContractTests(ApiServers servers)
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Sources_list_string_ids_and_a_baremetrics_source(DatabaseProvider provider)
    {
        var api = await servers.SessionAsync(provider);
        var body = await api.GetOkAsync("/api/v1/sources?per_page=200");
        var sources = body["sources"]!.AsArray();
        foreach (var source in sources)
        {
            Has(source, ("id", Json.String), ("provider", Json.String), ("provider_id", Json.MaybeString));
        }

        var mine = Assert.Single(sources, s => s!["id"]!.GetValue<string>() == api.SourceId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("baremetrics", mine!["provider"]!.GetValue<string>());
        Has(body["meta"]!["pagination"], ("page", Json.Integer), ("per_page", Json.Integer), ("has_more", Json.Bool));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Listing_sources_writes_nothing_and_the_first_write_through_the_baremetrics_source_creates_it(DatabaseProvider provider)
    {
        await using var server = await ApiServer.StartAsync(provider);
        using var client = server.Client(server.WriteKey);
        async Task<int> StoredSourcesAsync()
        {
            await using var db = server.Database.CreateContext();
            return await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.Sources);
        }

        // Before anything is pushed: a placeholder the client can find, and nothing stored by reading (twice, and through the alias).
        for (var i = 0; i < 2; i++)
        {
            var listed = Assert.Single((await ApiAssert.StatusAsync(await client.GetAsync("/v1/sources"), HttpStatusCode.OK))["sources"]!.AsArray());
            Has(listed, ("id", Json.String), ("provider", Json.String), ("provider_id", Json.Null));
            Assert.Equal("baremetrics", listed!["id"]!.GetValue<string>());
            Assert.Equal("baremetrics", listed["provider"]!.GetValue<string>());
        }

        Assert.Empty((await ApiAssert.StatusAsync(await client.GetAsync("/v1/baremetrics/plans"), HttpStatusCode.OK))["plans"]!.AsArray());
        await ApiAssert.ProblemAsync(await client.GetAsync("/v1/baremetrics/customers/nobody"), HttpStatusCode.NotFound, "oid");
        Assert.Equal(0, await StoredSourcesAsync());

        // The placeholder counts as a row of the list: it is on the first page, not on the next.
        var onePerPage = await ApiAssert.StatusAsync(await client.GetAsync("/v1/sources?per_page=1"), HttpStatusCode.OK);
        Assert.Single(onePerPage["sources"]!.AsArray());
        Assert.False(onePerPage["meta"]!["pagination"]!["has_more"]!.GetValue<bool>());
        Assert.Empty((await ApiAssert.StatusAsync(await client.GetAsync("/v1/sources?per_page=1&page=1"), HttpStatusCode.OK))["sources"]!.AsArray());

        // The first write creates the source; the alias and the new id both name it afterwards.
        var plan = (await ApiAssert.StatusAsync(await client.PostAsJsonAsync("/v1/baremetrics/plans",
            new { oid = "p", name = "P", currency = "usd", amount = 1000, interval = "month", interval_count = 1 }), HttpStatusCode.OK))["plan"]!;
        Assert.Equal(1, await StoredSourcesAsync());
        var id = plan["source_id"]!.GetValue<string>();
        var source = Assert.Single((await ApiAssert.StatusAsync(await client.GetAsync("/v1/sources"), HttpStatusCode.OK))["sources"]!.AsArray());
        Assert.Equal(id, source!["id"]!.GetValue<string>());
        Assert.Equal("baremetrics", source["provider"]!.GetValue<string>());
        Assert.Equal("Baremetrics", source["name"]!.GetValue<string>());
        Assert.Equal("p", (await ApiAssert.StatusAsync(await client.GetAsync($"/v1/{id}/plans/p"), HttpStatusCode.OK))["plan"]!["oid"]!.GetValue<string>());
        Assert.Single((await ApiAssert.StatusAsync(await client.GetAsync("/v1/baremetrics/plans"), HttpStatusCode.OK))["plans"]!.AsArray());
        await ApiAssert.StatusAsync(await client.PostAsJsonAsync("/v1/baremetrics/customers", new { oid = "c" }), HttpStatusCode.OK);
        Assert.Equal(1, await StoredSourcesAsync());
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Plans_answer_in_baremetrics_shape(DatabaseProvider provider)
    {
        var api = await servers.SessionAsync(provider);
        var created = await WrittenAsync(await api.PostAsync(api.Path("plans"),
            new { oid = "gold", name = "Gold", currency = "usd", amount = 4500, interval = "month", interval_count = 1 }));
        PlanShape(created["plan"]);
        var amount = created["plan"]!["amounts"]![0]!;
        Assert.Equal("$", amount["symbol"]!.GetValue<string>());
        Assert.Equal(4500, amount["amount"]!.GetValue<long>());
        Assert.True(created["plan"]!["active"]!.GetValue<bool>());
        Assert.Equal(api.SourceId.ToString(System.Globalization.CultureInfo.InvariantCulture), created["plan"]!["source_id"]!.GetValue<string>());

        PlanShape((await api.GetOkAsync(api.Path("plans/gold")))["plan"]);
        PlanShape(Assert.Single((await api.GetOkAsync(api.Path("plans")))["plans"]!.AsArray()));
        PlanShape((await ApiAssert.StatusAsync(await api.PutAsync(api.Path("plans/gold"), new { name = "Gold+" }), HttpStatusCode.OK))["plan"]);
        await DeletedAsync(await api.Client.DeleteAsync(api.Path("plans/gold")));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Deletes_answer_202_with_an_empty_object(DatabaseProvider provider)
    {
        var api = await servers.SessionAsync(provider);
        await WrittenAsync(await api.PostAsync(api.Path("plans"), new { oid = "p", name = "P", currency = "usd", amount = 1000, interval = "month", interval_count = 1 }));
        await WrittenAsync(await api.PostAsync(api.Path("customers"), new { oid = "c", name = "C" }));
        await WrittenAsync(await api.PostAsync(api.Path("subscriptions"), new { oid = "s", customer_oid = "c", plan_oid = "p", started_at = 1_704_067_200 }));
        await WrittenAsync(await api.PostAsync(api.Path("charges"), new { oid = "ch", customer_oid = "c", amount = 1000, currency = "usd" }));
        await WrittenAsync(await api.PostAsync(api.Path("refunds"), new { oid = "re", charge_oid = "ch", amount = 100, currency = "usd" }));
        var segment = (await WrittenAsync(await api.PostAsync("/api/v1/segments", new { name = "Seg " + Guid.NewGuid().ToString("N"), filters = new[] { new { field = "email", op = "contains", value = "@" } } })))["segment"]!["id"]!.GetValue<string>();

        foreach (var path in new[] { api.Path("refunds/re"), api.Path("charges/ch"), api.Path("subscriptions/s"), api.Path("customers/c"), api.Path("plans/p"), "/api/v1/segments/" + segment })
        {
            await DeletedAsync(await api.Client.DeleteAsync(path));
            Assert.Equal(HttpStatusCode.NotFound, (await api.Client.GetAsync(path)).StatusCode);
            await ApiAssert.ProblemAsync(await api.Client.DeleteAsync(path), HttpStatusCode.NotFound, path.StartsWith("/api/v1/segments", StringComparison.Ordinal) ? "id" : "oid");
        }
    }

    /// <summary>Baremetrics answers a deletion with 202 and <c>{}</c>.</summary>
    public static async Task DeletedAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("{}", text);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Customers_subscriptions_charges_refunds_and_events_answer_in_baremetrics_shape(DatabaseProvider provider)
    {
        // A server of its own: the customer numbers come from the metrics engine, which other tests' data (amounts
        // without FX rates) would stop.
        await using var server = await ApiServer.StartAsync(provider);
        var api = await ApiSession.StartAsync(server);
        await WrittenAsync(await api.PostAsync(api.Path("plans"), new { oid = "basic", name = "Basic", currency = "usd", amount = 1000, interval = "month", interval_count = 1 }));
        await WrittenAsync(await api.PostAsync(api.Path("plans"), new { oid = "pro", name = "Pro", currency = "usd", amount = 3000, interval = "month", interval_count = 1 }));

        // A new customer: Baremetrics' create answer shows the numbers of a customer without anything yet.
        var customer = (await WrittenAsync(await api.PostAsync(api.Path("customers"), new { oid = "ada", name = "Ada", email = "ada@example.com", created = 1_704_067_200 })))["customer"];
        Has(customer, Customer);
        Assert.Equal(0, customer!["current_mrr"]!.GetValue<long>());
        Assert.False(customer["is_active"]!.GetValue<bool>());
        Assert.Equal("Ada", customer["display_name"]!.GetValue<string>());
        Assert.Equal(1_704_067_200, customer["created"]!.GetValue<long>());

        // Subscription writes answer the event they recorded.
        var create = await WrittenAsync(await api.PostAsync(api.Path("subscriptions"),
            new { oid = "s1", customer_oid = "ada", plan_oid = "basic", started_at = 1_704_067_200, addons = new[] { new { oid = "seat", amount = 500, quantity = 2 } } }));
        var created = Has(create["event"], ("id", Json.String), ("type", Json.String), ("info", Json.Object), ("occurred_at", Json.Integer), ("received_at", Json.Integer));
        Assert.Equal("subscription.created", created["type"]!.GetValue<string>());
        var info = Has(created["info"], ("oid", Json.String), ("started_at", Json.Integer), ("plan_oid", Json.String), ("customer_oid", Json.String),
            ("canceled_at", Json.Null), ("quantity", Json.Integer), ("addons", Json.Array));
        Assert.Equal("basic", info["plan_oid"]!.GetValue<string>());
        Has(info["addons"]![0], ("oid", Json.String), ("amount", Json.Integer), ("quantity", Json.Integer));

        var update = await ApiAssert.StatusAsync(await api.PutAsync(api.Path("subscriptions/s1"), new { plan_oid = "pro", occurred_at = 1_709_251_200 }), HttpStatusCode.OK);
        Assert.Equal("subscription.updated", update["event"]!["type"]!.GetValue<string>());
        var changed = Has(update["event"]!["info"], ("plan_oid", Json.String), ("occurred_at", Json.Integer), ("quantity", Json.Integer), ("addons", Json.Array));
        Assert.Equal("pro", changed["plan_oid"]!.GetValue<string>());
        Assert.Equal(1_709_251_200, changed["occurred_at"]!.GetValue<long>());

        var subscription = Has((await api.GetOkAsync(api.Path("subscriptions/s1")))["subscription"],
            ("oid", Json.String), ("source_id", Json.String), ("source", Json.String), ("customer", Json.Object), ("canceled_at", Json.MaybeInteger),
            ("started_at", Json.Integer), ("active", Json.Bool), ("quantity", Json.Integer), ("discount", Json.Integer), ("plan", Json.Object), ("processed", Json.Bool));
        Assert.True(subscription["processed"]!.GetValue<bool>());
        Has(subscription["customer"], CustomerBrief);
        PlanShape(subscription["plan"]);
        Assert.Equal("pro", subscription["plan"]!["oid"]!.GetValue<string>());
        Assert.True(subscription["active"]!.GetValue<bool>());
        Has(Assert.Single((await api.GetOkAsync(api.Path("subscriptions")))["subscriptions"]!.AsArray()), ("customer", Json.Object), ("plan", Json.Object));

        // The customer now pays Pro (3000) plus two 500 seats.
        var paying = Has((await api.GetOkAsync(api.Path("customers/ada")))["customer"], Customer);
        Assert.Equal(4000, paying["current_mrr"]!.GetValue<long>());
        Assert.True(paying["is_active"]!.GetValue<bool>());
        Assert.False(paying["is_canceled"]!.GetValue<bool>());
        PlanShape(Assert.Single(paying["current_plans"]!.AsArray()));
        Has(Assert.Single((await api.GetOkAsync(api.Path("customers")))["customers"]!.AsArray()), Customer);

        var charge = (await WrittenAsync(await api.PostAsync(api.Path("charges"),
            new { oid = "ch1", customer_oid = "ada", subscription_oid = "s1", amount = 4000, currency = "usd", created = 1_709_251_200, status = "paid", fee = 150 })))["charge"];
        ChargeShape(charge);
        Assert.Equal("s1", charge!["subscription"]!["oid"]!.GetValue<string>());
        Assert.Equal(4000, charge["original_amount"]!.GetValue<long>());
        ChargeShape((await api.GetOkAsync(api.Path("charges/ch1")))["charge"]);
        ChargeShape(Assert.Single((await api.GetOkAsync(api.Path("charges")))["charges"]!.AsArray()));

        var refund = (await WrittenAsync(await api.PostAsync(api.Path("refunds"), new { oid = "re1", charge_oid = "ch1", amount = 1000, currency = "usd", created = 1_709_337_600 })))["refund"];
        RefundShape(refund);
        RefundShape((await api.GetOkAsync(api.Path("refunds/re1")))["refund"]);
        RefundShape(Assert.Single((await api.GetOkAsync(api.Path("refunds")))["refunds"]!.AsArray()));

        // Lifetime value: paid charges minus refunds.
        Assert.Equal(3000, (await api.GetOkAsync(api.Path("customers/ada")))["customer"]!["ltv"]!.GetValue<long>());

        var cancel = await ApiAssert.StatusAsync(await api.PutAsync(api.Path("subscriptions/s1/cancel"), new { canceled_at = 1_711_929_600 }), HttpStatusCode.OK);
        Assert.Equal("subscription.canceled", cancel["event"]!["type"]!.GetValue<string>());
        Assert.Equal(1_711_929_600, Has(cancel["event"]!["info"], ("canceled_at", Json.Integer))["canceled_at"]!.GetValue<long>());
        var canceled = (await api.GetOkAsync(api.Path("customers/ada")))["customer"]!;
        Assert.True(canceled["is_canceled"]!.GetValue<bool>());
        Assert.Empty(canceled["current_plans"]!.AsArray());

        // The events feed holds what happened, newest first, and the subscription write's event id reads back from it.
        var feed = await api.GetOkAsync(api.Path("events"));
        var events = feed["events"]!.AsArray();
        foreach (var e in events)
        {
            Has(e, ("id", Json.String), ("event_type", Json.String), ("source", Json.String), ("source_id", Json.String), ("timestamp", Json.Integer), ("customer", Json.Object));
            Has(e!["customer"], CustomerBrief);
        }

        Assert.Equal(["cancellation", "refund", "charge", "subscription_change", "new_subscription", "new_customer"],
            events.Select(e => e!["event_type"]!.GetValue<string>()));
        Has(feed["meta"]!["pagination"], ("page", Json.Integer), ("per_page", Json.Integer), ("has_more", Json.Bool));
        var eventId = update["event"]!["id"]!.GetValue<string>();
        Assert.Equal("subscription_change", (await api.GetOkAsync(api.Path("events/" + eventId)))["event"]!["event_type"]!.GetValue<string>());
        Assert.Equal(6, (await api.GetOkAsync(api.Path("customers/ada/events")))["events"]!.AsArray().Count);

        // Baremetrics' start and end (inclusive; a bare date as end takes the whole day): March 1 holds the upgrade and the charge.
        Assert.Equal(["charge", "subscription_change"], (await api.GetOkAsync(api.Path("events?start=2024-03-01&end=2024-03-01")))["events"]!.AsArray()
            .Select(e => e!["event_type"]!.GetValue<string>()));
        Assert.Equal(["cancellation", "refund"], (await api.GetOkAsync(api.Path("customers/ada/events?start=1709337600")))["events"]!.AsArray()
            .Select(e => e!["event_type"]!.GetValue<string>()));
        await ApiAssert.ProblemAsync(await api.Client.GetAsync(api.Path("events?start=yesterday")), HttpStatusCode.BadRequest, "start");
        await ApiAssert.ProblemAsync(await api.Client.GetAsync(api.Path("events/charge_0")), HttpStatusCode.NotFound, "id");
        await ApiAssert.ProblemAsync(await api.Client.GetAsync(api.Path("customers/nobody/events")), HttpStatusCode.NotFound, "oid");
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Attribute_fields_answer_as_attribute_fields(DatabaseProvider provider)
    {
        var api = await servers.SessionAsync(provider);
        var key = "tier_" + Guid.NewGuid().ToString("N")[..8];
        var created = await WrittenAsync(await api.PostAsync("/api/v1/attributes/fields", new { title = "Tier " + key, field_type = "string", key }));
        var field = Has(created["attribute_field"], ("id", Json.Integer), ("field_type", Json.String), ("title", Json.String), ("title_with_type", Json.String));
        Assert.Equal($"[string] Tier {key}", field["title_with_type"]!.GetValue<string>());
        var list = await api.GetOkAsync("/api/v1/attributes/fields?per_page=200");
        Assert.Contains(list["attribute_fields"]!.AsArray(), f => f!["id"]!.GetValue<long>() == field["id"]!.GetValue<long>());
    }

    /// <summary>A create's answer: Baremetrics answers 200; an object that was new may still answer 201 here.</summary>
    private static async Task<JsonNode> WrittenAsync(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Created, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    private static void ChargeShape(JsonNode? charge)
    {
        var obj = Has(charge, ("oid", Json.String), ("source_id", Json.String), ("source", Json.String), ("status", Json.String), ("created", Json.Integer),
            ("customer", Json.Object), ("subscription", Json.MaybeObject), ("amount", Json.Integer), ("currency", Json.String),
            ("original_amount", Json.Integer), ("fee", Json.Integer), ("original_fee", Json.Integer));
        Has(obj["customer"], CustomerBrief);
    }

    private static void RefundShape(JsonNode? refund)
    {
        var obj = Has(refund, ("oid", Json.String), ("source_id", Json.String), ("source", Json.String), ("charge_oid", Json.String), ("created", Json.Integer),
            ("customer", Json.Object), ("charge", Json.Object), ("amount", Json.Integer));
        Has(obj["customer"], CustomerBrief);
        Has(obj["charge"], ("oid", Json.String), ("status", Json.String), ("created", Json.Integer), ("currency", Json.String), ("amount", Json.Integer));
    }
}
