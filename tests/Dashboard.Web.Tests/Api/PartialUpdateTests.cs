using System.Net;
using System.Text.Json.Nodes;
using Dashboard.Infrastructure.Data;

namespace Dashboard.Web.Tests.Api;

/// <summary>A PUT changes only the fields it is sent: an absent field keeps its value, a field sent as null is cleared.</summary>
[Collection(ApiCollection.Name)]
public sealed class PartialUpdateTests(ApiServers servers)
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_customer_put_of_notes_keeps_every_other_field(DatabaseProvider provider)
    {
        var api = await servers.SessionAsync(provider);
        var created = await api.PostOkAsync(api.Path("customers"), new
        {
            oid = "c1", name = "Ada", email = "ada@example.com", notes = "first", country = "de", currency = "eur", created = 1_700_000_000,
        });

        var put = await ApiAssert.StatusAsync(await api.PutAsync(api.Path("customers/c1"), new { notes = "second" }), HttpStatusCode.OK);

        var before = created["customer"]!.AsObject();
        var after = put["customer"]!.AsObject();
        Assert.Equal("second", after["notes"]!.GetValue<string>());
        AssertSameExcept(before, after, "notes");
        AssertSameExcept(after, (await api.GetOkAsync(api.Path("customers/c1")))["customer"]!.AsObject());
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_customer_field_sent_as_null_is_cleared(DatabaseProvider provider)
    {
        var api = await servers.SessionAsync(provider);
        await api.PostOkAsync(api.Path("customers"), new { oid = "c1", name = "Ada", email = "ada@example.com" });

        var put = await ApiAssert.StatusAsync(await api.PutAsync(api.Path("customers/c1"), new { name = (string?)null }), HttpStatusCode.OK);

        Assert.Null(put["customer"]!["name"]);
        Assert.Equal("ada@example.com", put["customer"]!["email"]!.GetValue<string>());
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_plan_put_of_its_name_keeps_every_other_field(DatabaseProvider provider)
    {
        var api = await servers.SessionAsync(provider);
        var created = await api.PostOkAsync(api.Path("plans"), new
        {
            oid = "pro", name = "Pro", currency = "usd", amount = 4_900, interval = "year", interval_count = 2, trial_duration = 14, trial_duration_unit = "day",
        });

        var put = await ApiAssert.StatusAsync(await api.PutAsync(api.Path("plans/pro"), new { name = "Pro 2" }), HttpStatusCode.OK);

        Assert.Equal("Pro 2", put["plan"]!["name"]!.GetValue<string>());
        AssertSameExcept(created["plan"]!.AsObject(), put["plan"]!.AsObject(), "name");
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_put_of_one_field_cannot_create_an_incomplete_plan(DatabaseProvider provider)
    {
        var api = await servers.SessionAsync(provider);

        var problem = await ApiAssert.ProblemAsync(await api.PutAsync(api.Path("plans/new"), new { name = "New" }), HttpStatusCode.BadRequest, "currency");

        Assert.NotNull(problem["errors"]!["amount"]);
        Assert.NotNull(problem["errors"]!["interval"]);
        await ApiAssert.ProblemAsync(await api.Client.GetAsync(api.Path("plans/new")), HttpStatusCode.NotFound, "oid");
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_subscription_put_of_its_quantity_keeps_plan_discount_and_add_ons(DatabaseProvider provider)
    {
        var api = await servers.SessionAsync(provider);
        await api.PostOkAsync(api.Path("plans"), new { oid = "pro", name = "Pro", currency = "USD", amount = 3_000, interval = "month" });
        await api.PostOkAsync(api.Path("customers"), new { oid = "c1" });
        await api.PostOkAsync(api.Path("subscriptions"), new
        {
            oid = "s1", customer_oid = "c1", plan_oid = "pro", started_at = "2024-01-01T00:00:00Z", quantity = 2, discount = 500,
            addons = new[] { new { oid = "seats", amount = 700, quantity = 3 } },
        });

        var put = await ApiAssert.StatusAsync(
            await api.PutAsync(api.Path("subscriptions/s1"), new { occurred_at = "2024-03-01T00:00:00Z", quantity = 5 }), HttpStatusCode.OK);

        var history = put["subscription"]!["history"]!.AsArray();
        Assert.Equal(2, history.Count);
        Assert.Equal(5, history[1]!["quantity"]!.GetValue<int>());
        AssertSameExcept(history[0]!.AsObject(), history[1]!.AsObject(), "quantity", "occurred_at");
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_segment_put_of_one_field_keeps_the_other(DatabaseProvider provider)
    {
        var api = await servers.SessionAsync(provider);
        var created = await api.PostOkAsync("/api/v1/segments", new
        {
            name = "Germany on pro", filters = new[] { new { field = "country", op = "eq", value = "DE" }, new { field = "plan", op = "eq", value = "pro" } },
        });
        var id = long.Parse(created["segment"]!["id"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);

        var renamed = await ApiAssert.StatusAsync(await api.PutAsync($"/api/v1/segments/{id}", new { name = "DE pro" }), HttpStatusCode.OK);
        Assert.Equal("DE pro", renamed["segment"]!["name"]!.GetValue<string>());
        AssertSameExcept(created["segment"]!.AsObject(), renamed["segment"]!.AsObject(), "name");

        var refiltered = await ApiAssert.StatusAsync(
            await api.PutAsync($"/api/v1/segments/{id}", new { filters = new[] { new { field = "country", op = "eq", value = "FR" } } }), HttpStatusCode.OK);
        Assert.Equal("DE pro", refiltered["segment"]!["name"]!.GetValue<string>());
        Assert.Equal("FR", Assert.Single(refiltered["segment"]!["filters"]!.AsArray())!["value"]!.GetValue<string>());

        await ApiAssert.ProblemAsync(await api.PutAsync($"/api/v1/segments/{id}", new { filters = (object?)null }), HttpStatusCode.BadRequest, "filters");
    }

    private static void AssertSameExcept(JsonObject expected, JsonObject actual, params string[] changed)
    {
        var names = expected.Select(p => p.Key).Concat(actual.Select(p => p.Key)).Distinct().Where(n => !changed.Contains(n));
        foreach (var name in names)
        {
            Assert.True(JsonNode.DeepEquals(expected[name], actual[name]),
                $"'{name}' changed: {expected[name]?.ToJsonString() ?? "null"} -> {actual[name]?.ToJsonString() ?? "null"}");
        }
    }
}
