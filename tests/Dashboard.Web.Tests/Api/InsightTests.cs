using System.Net;
using Dashboard.Infrastructure.Data;

namespace Dashboard.Web.Tests.Api;

[Collection(ApiCollection.Name)]
public sealed class InsightTests(ApiServers servers)
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Attributes_are_set_in_bulk_with_per_row_results(DatabaseProvider provider)
    {
        var api = await servers.SessionAsync(provider);
        var key = "utm_" + Guid.NewGuid().ToString("N")[..8];
        var field = await api.PostOkAsync("/api/v1/attributes/fields", new { title = "UTM campaign", field_type = "string", key });
        Assert.Equal(key, field["attribute_field"]!["key"]!.GetValue<string>());
        await api.PostOkAsync("/api/v1/attributes/fields", new { title = "UTM campaign", field_type = "string", key }, HttpStatusCode.OK);
        await ApiAssert.ProblemAsync(await api.PostAsync("/api/v1/attributes/fields", new { title = "x", field_type = "number", key }), HttpStatusCode.Conflict, "field_type");
        await ApiAssert.ProblemAsync(await api.PostAsync("/api/v1/attributes/fields", new { title = "x", field_type = "colour" }), HttpStatusCode.BadRequest, "field_type");
        var derived = await api.PostOkAsync("/api/v1/attributes/fields", new { title = "Seats Used " + key, field_type = "number" });
        Assert.Equal("seats_used_" + key, derived["attribute_field"]!["key"]!.GetValue<string>());
        Assert.Contains((await api.GetOkAsync("/api/v1/attributes/fields?per_page=200"))["attribute_fields"]!.AsArray(), f => f!["key"]!.GetValue<string>() == key);

        await api.PostOkAsync(api.Path("customers"), new { oid = "c1", email = "c1-" + key + "@example.com" });
        await api.PostOkAsync(api.Path("customers"), new { oid = "c2", email = "c2-" + key + "@example.com" });
        var result = await api.PostOkAsync("/api/v1/attributes", new
        {
            attributes = new object[]
            {
                new { customer_oid = "c1", source_id = api.SourceId, key, value = "spring" },
                new { customer_email = "C2-" + key + "@example.com", key, value = "autumn" },
                new { customer_oid = "ghost-" + key, key, value = "x" },
            },
        }, HttpStatusCode.OK);
        var rows = result["attributes"]!.AsArray();
        Assert.Equal("applied", rows[0]!["status"]!.GetValue<string>());
        Assert.Equal("applied", rows[1]!["status"]!.GetValue<string>());
        Assert.Equal("customer_not_found", rows[2]!["status"]!.GetValue<string>());
        Assert.Equal(1, result["summary"]!["failed"]!.GetValue<int>());
        Assert.Equal("spring", (await api.GetOkAsync(api.Path("customers/c1")))["customer"]!["attributes"]![key]!.GetValue<string>());

        // A value of the wrong type refuses the whole call, naming the row.
        var numberKey = "seats_used_" + key;
        await ApiAssert.ProblemAsync(await api.PostAsync("/api/v1/attributes", new
        {
            attributes = new object[] { new { customer_oid = "c1", source_id = api.SourceId, key = numberKey, value = 3 }, new { customer_oid = "c2", source_id = api.SourceId, key = numberKey, value = "many" } },
        }), HttpStatusCode.BadRequest, "attributes[1].value");
        Assert.Null((await api.GetOkAsync(api.Path("customers/c1")))["customer"]!["attributes"]![numberKey]);
        await ApiAssert.ProblemAsync(await api.PostAsync("/api/v1/attributes", new { rows = 1 }), HttpStatusCode.BadRequest, "attributes");
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Fx_rates_are_upserted_and_validated(DatabaseProvider provider)
    {
        var api = await servers.SessionAsync(provider);
        await api.PostOkAsync("/api/v1/fx_rates", new { rates = new[] { new { date = "2024-01-01", currency = "eur", rate = 1.1m }, new { date = "2024-01-02", currency = "EUR", rate = 1.09m } } }, HttpStatusCode.OK);
        await api.PostOkAsync("/api/v1/fx_rates", new { rates = new[] { new { date = "2024-01-01", currency = "EUR", rate = 1.12m } } }, HttpStatusCode.OK);
        var list = await api.GetOkAsync("/api/v1/fx_rates?currency=EUR");
        var rates = list["rates"]!.AsArray();
        Assert.Equal(2, rates.Count);
        Assert.Equal(1.12m, rates[0]!["rate"]!.GetValue<decimal>());
        await ApiAssert.ProblemAsync(await api.PostAsync("/api/v1/fx_rates", new { rates = new[] { new { date = "2024-01-03", currency = "XXQ", rate = 1m } } }), HttpStatusCode.BadRequest, "rates[0].currency");
        await ApiAssert.ProblemAsync(await api.PostAsync("/api/v1/fx_rates", new { rates = new[] { new { date = "2024-01-03", currency = "EUR", rate = -1m } } }), HttpStatusCode.BadRequest, "rates[0].rate");
        await ApiAssert.ProblemAsync(await api.PostAsync("/api/v1/fx_rates", new { rates = new[] { new { date = "03/01/2024", currency = "EUR", rate = 1m } } }), HttpStatusCode.BadRequest, "rates[0].date");
        Assert.Equal(2, (await api.GetOkAsync("/api/v1/fx_rates?currency=EUR"))["rates"]!.AsArray().Count);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Segments_are_validated_and_managed(DatabaseProvider provider)
    {
        var api = await servers.SessionAsync(provider);
        var key = "utm_source_" + Guid.NewGuid().ToString("N")[..8];
        await api.PostOkAsync("/api/v1/attributes/fields", new { title = "UTM source", field_type = "string", key });
        var created = await api.PostOkAsync("/api/v1/segments", new
        {
            name = "Google EU",
            filters = new object[]
            {
                new { field = key, op = "eq", value = "google" },
                new { field = "country", op = "in", value = new[] { "DE", "FR" } },
                new { field = "email", op = "exists" },
            },
        });
        var id = long.Parse(created["segment"]!["id"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal("DE|FR", created["segment"]!["filters"]![1]!["value"]!.GetValue<string>());

        var updated = await ApiAssert.StatusAsync(await api.PutAsync($"/api/v1/segments/{id}", new { name = "Google", filters = new[] { new { field = key, op = "eq", value = "google" } } }), HttpStatusCode.OK);
        Assert.Single(updated["segment"]!["filters"]!.AsArray());
        Assert.Equal("Google", (await api.GetOkAsync($"/api/v1/segments/{id}"))["segment"]!["name"]!.GetValue<string>());

        await ApiAssert.ProblemAsync(await api.PostAsync("/api/v1/segments", new { name = "x", filters = new[] { new { field = key, op = "like", value = "g" } } }), HttpStatusCode.BadRequest, "filters[0].op");
        await ApiAssert.ProblemAsync(await api.PostAsync("/api/v1/segments", new { name = "x", filters = new[] { new { field = "no_such_field", op = "eq", value = "g" } } }), HttpStatusCode.BadRequest, "filters[0].field");
        await ApiAssert.ProblemAsync(await api.PostAsync("/api/v1/segments", new { name = "x", filters = new[] { new { field = key, op = "gt", value = "abc" } } }), HttpStatusCode.BadRequest, "filters[0].value");
        await ApiAssert.ProblemAsync(await api.PostAsync("/api/v1/segments", new { name = "x", filters = new[] { new { field = key, op = "eq" } } }), HttpStatusCode.BadRequest, "filters[0].value");
        await ApiAssert.ProblemAsync(await api.PostAsync("/api/v1/segments", new { filters = Array.Empty<object>() }), HttpStatusCode.BadRequest, "name");
        await ApiAssert.ProblemAsync(await api.PutAsync($"/api/v1/segments/{id}", new { name = "", filters = Array.Empty<object>() }), HttpStatusCode.BadRequest, "name");
        Assert.Equal("Google", (await api.GetOkAsync($"/api/v1/segments/{id}"))["segment"]!["name"]!.GetValue<string>());

        await ApiAssert.StatusAsync(await api.Client.DeleteAsync($"/api/v1/segments/{id}"), HttpStatusCode.Accepted);
        await ApiAssert.ProblemAsync(await api.Client.GetAsync($"/api/v1/segments/{id}"), HttpStatusCode.NotFound, "id");
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Cancellation_reasons_and_events_are_recorded(DatabaseProvider provider)
    {
        var api = await servers.SessionAsync(provider);
        var text = "Too expensive " + Guid.NewGuid().ToString("N")[..6];
        var reason = await api.PostOkAsync("/api/v1/cancellation_insights/reasons", new { text, sort_key = 5 });
        var reasonId = long.Parse(reason["reason"]!["id"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        await api.PostOkAsync("/api/v1/cancellation_insights/reasons", new { text, sort_key = 7 }, HttpStatusCode.OK);
        Assert.Contains((await api.GetOkAsync("/api/v1/cancellation_insights/reasons?per_page=200"))["reasons"]!.AsArray(),
            r => r!["id"]!.GetValue<string>() == reasonId.ToString(System.Globalization.CultureInfo.InvariantCulture) && r["sort_key"]!.GetValue<int>() == 7);

        await api.PostOkAsync(api.Path("plans"), new { oid = "p", name = "P", currency = "USD", amount = 100, interval = "month" });
        await api.PostOkAsync(api.Path("customers"), new { oid = "c-" + text[^6..] });
        var customerOid = "c-" + text[^6..];
        await api.PostOkAsync(api.Path("subscriptions"), new { oid = "s1", customer_oid = customerOid, plan_oid = "p", started_at = 1_704_067_200 });
        var recorded = await api.PostOkAsync("/api/v1/cancellation_insights/events", new
        {
            customer_oid = customerOid, source_id = api.SourceId, subscription_oids = new[] { "s1" }, reason_id = reasonId, comment = "budget", occurred_at = "2024-03-01",
        });
        Assert.Equal("s1", recorded["event"]!["subscription_oids"]![0]!.GetValue<string>());

        await ApiAssert.ProblemAsync(await api.PostAsync("/api/v1/cancellation_insights/events", new { customer_oid = customerOid, source_id = api.SourceId, reason_id = 999_999 }), HttpStatusCode.NotFound, "reason_id");
        await ApiAssert.ProblemAsync(await api.PostAsync("/api/v1/cancellation_insights/events", new { customer_oid = "ghost", source_id = api.SourceId, reason_id = reasonId }), HttpStatusCode.NotFound, "customer_oid");
        await ApiAssert.ProblemAsync(await api.PostAsync("/api/v1/cancellation_insights/events", new { customer_oid = customerOid, source_id = api.SourceId, reason_id = reasonId, subscription_oids = new[] { "s404" } }), HttpStatusCode.NotFound, "subscription_oids[0]");
        await ApiAssert.ProblemAsync(await api.PostAsync("/api/v1/cancellation_insights/events", new { customer_oid = customerOid }), HttpStatusCode.BadRequest, "reason_id");
        await ApiAssert.ProblemAsync(await api.PostAsync("/api/v1/cancellation_insights/reasons", new { sort_key = 1 }), HttpStatusCode.BadRequest, "text");
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Cancellation_events_may_repeat_for_a_customer_with_or_without_a_subscription(DatabaseProvider provider)
    {
        var api = await servers.SessionAsync(provider);
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var reason = await api.PostOkAsync("/api/v1/cancellation_insights/reasons", new { text = "Missing feature " + suffix });
        var reasonId = long.Parse(reason["reason"]!["id"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        await api.PostOkAsync(api.Path("plans"), new { oid = "p", name = "P", currency = "USD", amount = 100, interval = "month" });
        var customerOid = "repeat-" + suffix;
        await api.PostOkAsync(api.Path("customers"), new { oid = customerOid });
        await api.PostOkAsync(api.Path("subscriptions"), new { oid = "s-" + suffix, customer_oid = customerOid, plan_oid = "p", started_at = 1_704_067_200 });

        var ids = new List<string>();
        foreach (var subscriptions in new[] { Array.Empty<string>(), [], ["s-" + suffix], ["s-" + suffix] })
        {
            var recorded = await api.PostOkAsync("/api/v1/cancellation_insights/events", new
            {
                customer_oid = customerOid, source_id = api.SourceId, subscription_oids = subscriptions, reason_id = reasonId,
            });
            ids.Add(recorded["event"]!["id"]!.GetValue<string>());
        }

        Assert.Equal(4, ids.Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Concurrent_posts_of_one_new_reason_text_store_one_reason(DatabaseProvider provider)
    {
        var api = await servers.SessionAsync(provider);
        var text = "Onboarding too long " + Guid.NewGuid().ToString("N")[..6];

        var answers = await Task.WhenAll(Enumerable.Range(0, 8)
            .Select(_ => Task.Run(() => api.PostAsync("/api/v1/cancellation_insights/reasons", new { text }))));

        var statuses = answers.Select(a => a.StatusCode).ToList();
        Assert.All(statuses, s => Assert.True(s is HttpStatusCode.Created or HttpStatusCode.OK, $"status {s}"));
        var ids = new List<string>();
        foreach (var answer in answers)
        {
            var body = System.Text.Json.Nodes.JsonNode.Parse(await answer.Content.ReadAsStringAsync())!;
            ids.Add(body["reason"]!["id"]!.GetValue<string>());
        }

        Assert.Single(ids.Distinct());
        var listed = await api.GetOkAsync("/api/v1/cancellation_insights/reasons?per_page=200");
        Assert.Single(listed["reasons"]!.AsArray(), r => r!["text"]!.GetValue<string>() == text);
    }
}
