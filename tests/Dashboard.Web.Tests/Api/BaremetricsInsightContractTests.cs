using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Dashboard.Infrastructure.Data;
using static Dashboard.Web.Tests.Api.ContractShape;

namespace Dashboard.Web.Tests.Api;

/// <summary>
/// Contract tests for the cancellation insights and attribute fields of Baremetrics' API description: status, envelope,
/// the members a Baremetrics client reads with their types, and that a PUT changes only what it is sent.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class BaremetricsInsightContractTests(ApiServers servers)
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Cancellation_reasons_answer_in_baremetrics_shape_and_a_put_changes_only_what_it_is_sent(DatabaseProvider provider)
    {
        var api = await servers.SessionAsync(provider);
        var text = "Too slow " + Guid.NewGuid().ToString("N")[..8];
        var created = ReasonShape((await api.PostOkAsync("/v1/cancellation_insights/reasons", new { text, sort_key = 4 }))["reason"]);
        var id = created["id"]!.GetValue<string>();
        Assert.Equal(text, created["text"]!.GetValue<string>());
        Assert.Equal(4, ReasonShape((await api.GetOkAsync("/v1/cancellation_insights/reasons/" + id))["reason"])["sort_key"]!.GetValue<int>());

        // Only the sort key: the text stays. Only the text: the sort key stays.
        var sorted = ReasonShape((await ApiAssert.StatusAsync(await api.PutAsync("/v1/cancellation_insights/reasons/" + id, new { sort_key = 9 }), HttpStatusCode.OK))["reason"]);
        Assert.Equal((text, 9), (sorted["text"]!.GetValue<string>(), sorted["sort_key"]!.GetValue<int>()));
        var renamed = ReasonShape((await ApiAssert.StatusAsync(await api.PutAsync("/v1/cancellation_insights/reasons/" + id, new { text = text + "!" }), HttpStatusCode.OK))["reason"]);
        Assert.Equal((text + "!", 9), (renamed["text"]!.GetValue<string>(), renamed["sort_key"]!.GetValue<int>()));

        var other = (await api.PostOkAsync("/v1/cancellation_insights/reasons", new { text = "Other " + text }))["reason"]!["id"]!.GetValue<string>();
        await ApiAssert.ProblemAsync(await api.PutAsync("/v1/cancellation_insights/reasons/" + other, new { text = text + "!" }), HttpStatusCode.Conflict, "text");
        await ApiAssert.ProblemAsync(await api.PutAsync("/v1/cancellation_insights/reasons/" + id, new { text = "" }), HttpStatusCode.BadRequest, "text");
        await ApiAssert.ProblemAsync(await api.Client.GetAsync("/v1/cancellation_insights/reasons/999999999"), HttpStatusCode.NotFound, "id");

        // Baremetrics answers a deleted reason with 202 and an empty body.
        var deleted = await api.Client.DeleteAsync("/v1/cancellation_insights/reasons/" + other);
        Assert.Equal(HttpStatusCode.Accepted, deleted.StatusCode);
        Assert.Equal(string.Empty, await deleted.Content.ReadAsStringAsync());
        await ApiAssert.ProblemAsync(await api.Client.GetAsync("/v1/cancellation_insights/reasons/" + other), HttpStatusCode.NotFound, "id");
        await ApiAssert.ProblemAsync(await api.Client.DeleteAsync("/v1/cancellation_insights/reasons/" + other), HttpStatusCode.NotFound, "id");
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Cancellation_events_nest_subscriptions_reason_and_customer_and_a_put_keeps_what_it_is_not_sent(DatabaseProvider provider)
    {
        var api = await servers.SessionAsync(provider);
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var reason = (await api.PostOkAsync("/v1/cancellation_insights/reasons", new { text = "Price " + suffix }))["reason"]!["id"]!.GetValue<string>();
        var better = (await api.PostOkAsync("/v1/cancellation_insights/reasons", new { text = "Support " + suffix }))["reason"]!["id"]!.GetValue<string>();
        await api.PostOkAsync(api.Path("plans"), new { oid = "yr", name = "Yearly", currency = "usd", amount = 120_000, interval = "year", interval_count = 1 });
        var customer = "ci_" + suffix;
        await api.PostOkAsync(api.Path("customers"), new { oid = customer, name = "Cancelling customer" });
        await api.PostOkAsync(api.Path("subscriptions"), new
        {
            oid = "live_" + suffix, customer_oid = customer, plan_oid = "yr", started_at = "2024-01-01T00:00:00Z", discount = 6000,
            addons = new[] { new { oid = "seat", amount = 12_000, quantity = 2 } },
        });
        await api.PostOkAsync(api.Path("subscriptions"), new
        {
            oid = "gone_" + suffix, customer_oid = customer, plan_oid = "yr", started_at = "2024-01-01T00:00:00Z", canceled_at = "2024-02-01T00:00:00Z",
        });

        // Baremetrics' body: reason_id as a string, no source_id needed when the oid is unique.
        var created = EventShape((await api.PostOkAsync("/v1/cancellation_insights/events", new
        {
            customer_oid = customer, reason_id = reason, comment = "too dear", subscription_oids = new[] { "live_" + suffix, "gone_" + suffix },
        }))["event"]);
        var id = created["id"]!.GetValue<string>();
        Assert.Equal(("too dear", reason), (created["comment"]!.GetValue<string>(), created["reason"]!["id"]!.GetValue<string>()));
        Assert.Equal(customer, created["customer"]!["oid"]!.GetValue<string>());
        var subscriptions = created["subscriptions"]!.AsArray().ToDictionary(s => s!["oid"]!.GetValue<string>());
        Assert.Equal(2, subscriptions.Count);
        // Live: (120000 + 2 x 12000 - 6000) / 12 = 11500 a month, of which the add-ons 24000 / 12 = 2000.
        var live = subscriptions["live_" + suffix]!;
        Assert.Equal((11_500L, 2_000L, true), (live["mrr"]!.GetValue<long>(), live["add_on_mrr"]!.GetValue<long>(), live["active"]!.GetValue<bool>()));
        var gone = subscriptions["gone_" + suffix]!;
        Assert.Equal((0L, 0L, false), (gone["mrr"]!.GetValue<long>(), gone["add_on_mrr"]!.GetValue<long>(), gone["active"]!.GetValue<bool>()));

        EventShape((await api.GetOkAsync("/v1/cancellation_insights/events/" + id))["event"]);
        var listed = await api.GetOkAsync("/v1/cancellation_insights/events?per_page=200");
        Has(listed["meta"]!["pagination"], ("page", Json.Integer), ("per_page", Json.Integer), ("has_more", Json.Bool));
        foreach (var e in listed["events"]!.AsArray())
        {
            EventShape(e);
        }

        // Only the reason: the comment stays. Only the comment: the reason stays. A reason in use cannot be deleted.
        var moved = EventShape((await ApiAssert.StatusAsync(await api.PutAsync("/v1/cancellation_insights/events/" + id, new { reason_id = better }), HttpStatusCode.OK))["event"]);
        Assert.Equal((better, "too dear"), (moved["reason"]!["id"]!.GetValue<string>(), moved["comment"]!.GetValue<string>()));
        var commented = EventShape((await ApiAssert.StatusAsync(await api.PutAsync("/v1/cancellation_insights/events/" + id, new { comment = "support was slow" }), HttpStatusCode.OK))["event"]);
        Assert.Equal((better, "support was slow"), (commented["reason"]!["id"]!.GetValue<string>(), commented["comment"]!.GetValue<string>()));
        Assert.Equal(2, commented["subscriptions"]!.AsArray().Count);
        await ApiAssert.ProblemAsync(await api.PutAsync("/v1/cancellation_insights/events/" + id, new { reason_id = "999999999" }), HttpStatusCode.NotFound, "reason_id");
        await ApiAssert.ProblemAsync(await api.PutAsync("/v1/cancellation_insights/events/999999999", new { comment = "x" }), HttpStatusCode.NotFound, "id");
        await ApiAssert.ProblemAsync(await api.Client.DeleteAsync("/v1/cancellation_insights/reasons/" + better), HttpStatusCode.Conflict, "id");
        Assert.Equal("support was slow", (await api.GetOkAsync("/v1/cancellation_insights/events/" + id))["event"]!["comment"]!.GetValue<string>());
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_attribute_field_put_renames_it_and_keeps_its_key_and_type(DatabaseProvider provider)
    {
        var api = await servers.SessionAsync(provider);
        var key = "plan_tier_" + Guid.NewGuid().ToString("N")[..8];
        var field = (await api.PostOkAsync("/v1/attributes/fields", new { title = "Tier", field_type = "integer", key }))["attribute_field"]!;
        var id = field["id"]!.GetValue<long>().ToString(CultureInfo.InvariantCulture);

        var answer = await ApiAssert.StatusAsync(await api.PutAsync("/v1/attributes/fields/" + id, new { title = "Plan tier" }), HttpStatusCode.OK);
        foreach (var member in new[] { "attribute_fields", "attribute_field" })
        {
            var updated = Has(answer[member], ("id", Json.Integer), ("field_type", Json.String), ("title", Json.String), ("title_with_type", Json.String));
            Assert.Equal(("Plan tier", "number", "[number] Plan tier", key), (updated["title"]!.GetValue<string>(), updated["field_type"]!.GetValue<string>(),
                updated["title_with_type"]!.GetValue<string>(), updated["key"]!.GetValue<string>()));
        }

        // A body without a title keeps it; the same type (Baremetrics' "integer" included) is no change.
        var same = await ApiAssert.StatusAsync(await api.PutAsync("/v1/attributes/fields/" + id, new { field_type = "integer" }), HttpStatusCode.OK);
        Assert.Equal("Plan tier", same["attribute_fields"]!["title"]!.GetValue<string>());
        await ApiAssert.ProblemAsync(await api.PutAsync("/v1/attributes/fields/" + id, new { field_type = "date" }), HttpStatusCode.Conflict, "field_type");
        await ApiAssert.ProblemAsync(await api.PutAsync("/v1/attributes/fields/" + id, new { key = "other_key" }), HttpStatusCode.Conflict, "key");
        await ApiAssert.ProblemAsync(await api.PutAsync("/v1/attributes/fields/" + id, new { title = "" }), HttpStatusCode.BadRequest, "title");
        await ApiAssert.ProblemAsync(await api.PutAsync("/v1/attributes/fields/999999999", new { title = "x" }), HttpStatusCode.NotFound, "id");

        var listed = await api.GetOkAsync("/v1/attributes/fields?per_page=200");
        var stored = Assert.Single(listed["attribute_fields"]!.AsArray(), f => f!["key"]!.GetValue<string>() == key)!;
        Assert.Equal(("Plan tier", "number"), (stored["title"]!.GetValue<string>(), stored["field_type"]!.GetValue<string>()));
    }

    private static JsonObject ReasonShape(JsonNode? reason) => Has(reason, ("id", Json.String), ("text", Json.String), ("sort_key", Json.Integer));

    private static JsonObject EventShape(JsonNode? entry)
    {
        var obj = Has(entry, ("id", Json.String), ("comment", Json.MaybeString), ("created_at", Json.Integer), ("subscriptions", Json.Array),
            ("reason", Json.Object), ("customer", Json.Object));
        Has(obj["reason"], ("id", Json.String), ("text", Json.String));
        Has(obj["customer"], CustomerBrief);
        foreach (var subscription in obj["subscriptions"]!.AsArray())
        {
            Has(subscription, ("oid", Json.String), ("source_id", Json.String), ("source", Json.String), ("canceled_at", Json.MaybeInteger),
                ("started_at", Json.Integer), ("processed", Json.Bool), ("active", Json.Bool), ("quantity", Json.Integer), ("discount", Json.Integer),
                ("mrr", Json.Integer), ("add_on_mrr", Json.Integer), ("plan", Json.MaybeObject));
        }

        return obj;
    }
}
