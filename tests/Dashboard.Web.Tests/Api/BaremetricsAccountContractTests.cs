using System.Net;
using Dashboard.Infrastructure.Data;
using Dashboard.Web.Auth;
using Microsoft.Extensions.DependencyInjection;
using static Dashboard.Web.Tests.Api.ContractShape;

namespace Dashboard.Web.Tests.Api;

/// <summary>
/// Contract tests for Baremetrics' account, users, annotations, goals and segment fields/search endpoints, each on a
/// server of its own (the account and users are the whole install's).
/// </summary>
public sealed class BaremetricsAccountContractTests
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Account_and_users_answer_in_baremetrics_shape_and_users_need_a_read_write_key(DatabaseProvider provider)
    {
        await using var server = await ApiServer.StartAsync(provider);
        var api = await ApiSession.StartAsync(server);
        var owner = await server.Services.GetRequiredService<UserAccounts>().CreateFirstOwnerAsync("boss@example.com", "Correct-Horse-Battery-9");
        Assert.True(owner.Succeeded);

        var account = Has((await api.GetOkAsync("/api/v1/account"))["account"], ("id", Json.String), ("company", Json.MaybeString),
            ("default_currency", Json.Object), ("created_at", Json.MaybeInteger));
        var currency = Has(account["default_currency"], ("id", Json.String), ("iso_code", Json.String), ("symbol", Json.String), ("subunit_to_unit", Json.Integer));
        Assert.Equal("USD", currency["iso_code"]!.GetValue<string>());
        Assert.Equal(100, currency["subunit_to_unit"]!.GetValue<int>());

        var user = Has(Assert.Single((await api.GetOkAsync("/api/v1/users"))["users"]!.AsArray()),
            ("id", Json.String), ("email", Json.String), ("admin", Json.Bool), ("name", Json.String));
        Assert.True(user["admin"]!.GetValue<bool>());
        var id = user["id"]!.GetValue<string>();
        Assert.Equal("boss@example.com", (await api.GetOkAsync("/api/v1/users/" + id))["user"]!["email"]!.GetValue<string>());
        Assert.Equal(id, (await api.GetOkAsync("/api/v1/users/boss@example.com"))["user"]!["id"]!.GetValue<string>());
        await ApiAssert.ProblemAsync(await api.Client.GetAsync("/api/v1/users/nobody"), HttpStatusCode.NotFound, "id");
        Assert.Equal(HttpStatusCode.Forbidden, (await server.Client(server.ReadKey).GetAsync("/api/v1/users")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await server.Client(server.ReadKey).GetAsync("/api/v1/account")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Annotations_and_goals_are_stored_and_answer_in_baremetrics_shape(DatabaseProvider provider)
    {
        await using var server = await ApiServer.StartAsync(provider);
        var api = await ApiSession.StartAsync(server);

        var created = await ApiAssert.StatusAsync(await api.PostAsync("/api/v1/annotations",
            new { metric = "user_churn", annotation = "Price change", date = "2024-03-01", global = true }), HttpStatusCode.OK);
        var annotation = Has(created["annotation"], ("id", Json.String), ("metric", Json.String), ("annotation", Json.String), ("date", Json.String),
            ("global", Json.Bool), ("user", Json.MaybeObject));
        Assert.Equal("customer_churn_rate", annotation["metric"]!.GetValue<string>());
        Assert.Equal("2024-03-01", annotation["date"]!.GetValue<string>());
        var id = annotation["id"]!.GetValue<string>();
        Assert.Equal("Price change", (await api.GetOkAsync("/api/v1/annotations/" + id))["annotation"]!["annotation"]!.GetValue<string>());
        Assert.Single((await api.GetOkAsync("/api/v1/annotations"))["annotations"]!.AsArray());
        await ApiAssert.ProblemAsync(await api.PostAsync("/api/v1/annotations", new { metric = "mrr", annotation = "x", date = "March" }), HttpStatusCode.BadRequest, "date");
        await ApiAssert.ProblemAsync(await api.PostAsync("/api/v1/annotations", new { metric = "nope", annotation = "x", date = "2024-03-01" }), HttpStatusCode.BadRequest, "metric");
        Assert.Equal("{}", await (await api.Client.DeleteAsync("/api/v1/annotations/" + id)).Content.ReadAsStringAsync());
        Assert.Empty((await api.GetOkAsync("/api/v1/annotations"))["annotations"]!.AsArray());
        Assert.Equal(HttpStatusCode.NotFound, (await api.Client.DeleteAsync("/api/v1/annotations/" + id)).StatusCode);

        var goalAnswer = await ApiAssert.StatusAsync(await api.PostAsync("/api/v1/goals",
            new { name = "MRR Growth", metric = "mrr", start_amount = 100_000, end_amount = 200_000, start_date = "2024-01-01", end_date = "2024-06-30" }), HttpStatusCode.OK);
        var goal = Has(goalAnswer["goal"], ("id", Json.String), ("metric", Json.String), ("start_amount", Json.Integer), ("end_amount", Json.Integer),
            ("start_date", Json.String), ("end_date", Json.String), ("name", Json.String));
        var goalId = goal["id"]!.GetValue<string>();
        Assert.Equal(200_000, (await api.GetOkAsync("/api/v1/goals/" + goalId))["goal"]!["end_amount"]!.GetValue<long>());
        Assert.Single((await api.GetOkAsync("/api/v1/goals"))["goals"]!.AsArray());
        await ApiAssert.ProblemAsync(await api.PostAsync("/api/v1/goals",
            new { name = "Back", metric = "mrr", start_amount = 1, end_amount = 2, start_date = "2024-06-30", end_date = "2024-01-01" }), HttpStatusCode.BadRequest, "end_date");
        Assert.Equal(HttpStatusCode.Accepted, (await api.Client.DeleteAsync("/api/v1/goals/" + goalId)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await server.Client(server.ReadKey).PostAsync("/api/v1/goals", JsonContent(new { name = "x" }))).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Segment_fields_and_search_answer_in_baremetrics_shape(DatabaseProvider provider)
    {
        await using var server = await ApiServer.StartAsync(provider);
        var api = await ApiSession.StartAsync(server);
        await api.PostOkAsync("/api/v1/attributes/fields", new { title = "Employees", field_type = "number", key = "employees" });
        await api.PostOkAsync(api.Path("plans"), new { oid = "team", name = "Team", currency = "usd", amount = 5000, interval = "month", interval_count = 1 });
        foreach (var oid in new[] { "big", "small" })
        {
            await api.PostOkAsync(api.Path("customers"), new { oid, email = oid + "@example.com" });
            await api.PostOkAsync(api.Path("subscriptions"), new { oid = "s_" + oid, customer_oid = oid, plan_oid = "team", started_at = "2024-01-01T00:00:00Z" });
        }

        await ApiAssert.StatusAsync(await api.PostAsync("/api/v1/attributes", new
        {
            attributes = new[] { new { customer_oid = "big", key = "employees", value = "500" }, new { customer_oid = "small", key = "employees", value = "5" } },
        }), HttpStatusCode.OK);

        var fields = await api.GetOkAsync("/api/v1/segments/fields");
        foreach (var category in new[] { "baremetrics", "attributes" })
        {
            foreach (var field in fields[category]!.AsArray())
            {
                Has(field, ("field", Json.String), ("title", Json.String), ("type", Json.String), ("methods", Json.Array));
            }
        }

        Assert.Contains(fields["attributes"]!.AsArray(), f => f!["field"]!.GetValue<string>() == "employees" && f["type"]!.GetValue<string>() == "number");

        var found = await ApiAssert.StatusAsync(await server.Client(server.ReadKey).PostAsync("/api/v1/segments/search", JsonContent(new
        {
            query = new[] { new { category = "attributes", field = "employees", method = "gte", value = "100" } },
        })), HttpStatusCode.OK);
        var customer = Has(Assert.Single(found["customers"]!.AsArray()), Customer);
        Assert.Equal("big", customer["oid"]!.GetValue<string>());
        Assert.Equal(5000, customer["current_mrr"]!.GetValue<long>());

        var equals = await ApiAssert.StatusAsync(await api.PostAsync("/api/v1/segments/search",
            new { query = new[] { new { category = "baremetrics", field = "email", method = "equals", value = "small@example.com" } } }), HttpStatusCode.OK);
        Assert.Equal("small", Assert.Single(equals["customers"]!.AsArray())!["oid"]!.GetValue<string>());
        await ApiAssert.ProblemAsync(await api.PostAsync("/api/v1/segments/search",
            new { query = new[] { new { field = "email", method = "not_contains", value = "x" } } }), HttpStatusCode.BadRequest, "query[0].method");

        // Baremetrics' sort and order parameters: every customer's email contains "@"; by name, descending.
        var everyone = new { query = new[] { new { category = "baremetrics", field = "email", method = "contains", value = "@" } } };
        var byName = await ApiAssert.StatusAsync(await api.PostAsync("/api/v1/segments/search?sort=name&order=desc&page=0&per_page=30", everyone), HttpStatusCode.OK);
        var names = byName["customers"]!.AsArray().Select(c => c!["display_name"]!.GetValue<string>()).ToList();
        Assert.True(names.Count >= 2, string.Join(", ", names));
        Assert.Equal(names.OrderDescending(StringComparer.OrdinalIgnoreCase), names);
        await ApiAssert.ProblemAsync(await api.PostAsync("/api/v1/segments/search?sort=created", everyone), HttpStatusCode.BadRequest, "sort");
        await ApiAssert.ProblemAsync(await api.PostAsync("/api/v1/segments/search?order=up", everyone), HttpStatusCode.BadRequest, "order");

        var posted = await api.PostAsync("/api/v1/segments", new { name = "Large", filters = new[] { new { field = "employees", op = "gte", value = "100" } } });
        Assert.True(posted.StatusCode is HttpStatusCode.OK or HttpStatusCode.Created, $"{(int)posted.StatusCode}"); // Baremetrics answers 200
        var saved = System.Text.Json.Nodes.JsonNode.Parse(await posted.Content.ReadAsStringAsync())!;
        var segment = Has(saved["segment"], ("id", Json.String), ("name", Json.String), ("query", Json.Array));
        var condition = Has(Assert.Single(segment["query"]!.AsArray()), ("category", Json.String), ("field", Json.String), ("method", Json.String), ("value", Json.MaybeString));
        Assert.Equal("attributes", condition["category"]!.GetValue<string>());
        Has(Assert.Single((await api.GetOkAsync("/api/v1/segments"))["segments"]!.AsArray()), ("id", Json.String), ("name", Json.String), ("query", Json.Array));
    }

    private static StringContent JsonContent(object body) =>
        new(System.Text.Json.JsonSerializer.Serialize(body), System.Text.Encoding.UTF8, "application/json");
}
