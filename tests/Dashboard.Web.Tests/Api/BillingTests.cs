using System.Net;
using Dashboard.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Tests.Api;

[Collection(ApiCollection.Name)]
public sealed class BillingTests(ApiServers servers)
{
    private static object Plan(string oid, long amount = 2000, string interval = "month") =>
        new { oid, name = "Pro " + oid, currency = "usd", amount, interval, interval_count = 1 };

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Posting_a_plan_twice_leaves_one_updated_plan(DatabaseProvider provider)
    {
        var api = await servers.SessionAsync(provider);
        var created = await api.PostOkAsync(api.Path("plans"), Plan("pro"));
        Assert.Equal("pro", created["plan"]!["oid"]!.GetValue<string>());
        Assert.Equal("USD", created["plan"]!["currency"]!.GetValue<string>());
        Assert.Equal(2000, created["plan"]!["amounts"]![0]!["amount"]!.GetValue<long>());

        var updated = await api.PostOkAsync(api.Path("plans"), Plan("pro", amount: 2500), HttpStatusCode.OK);
        Assert.Equal(2500, updated["plan"]!["amount"]!.GetValue<long>());
        var list = await api.GetOkAsync(api.Path("plans"));
        Assert.Single(list["plans"]!.AsArray());
        Assert.Equal(2500, (await api.GetOkAsync(api.Path("plans/pro")))["plan"]!["amount"]!.GetValue<long>());

        var put = await ApiAssert.StatusAsync(await api.PutAsync(api.Path("plans/pro"), new { name = "Pro", currency = "USD", amount = 3000, interval = "year" }), HttpStatusCode.OK);
        Assert.Equal("year", put["plan"]!["interval"]!.GetValue<string>());
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Customers_are_upserted_filtered_by_email_and_deleted(DatabaseProvider provider)
    {
        var api = await servers.SessionAsync(provider);
        var created = await api.PostOkAsync(api.Path("customers"), new { oid = "c1", name = "Ada", email = "ada@example.com", created = 1_700_000_000 });
        Assert.Equal(1_700_000_000, created["customer"]!["created"]!.GetValue<long>());
        await api.PostOkAsync(api.Path("customers"), new { oid = "c1", name = "Ada L.", email = "ada@example.com", created = "2023-11-14T22:13:20Z" }, HttpStatusCode.OK);
        await api.PostOkAsync(api.Path("customers"), new { oid = "c2", email = "bob@example.com" });

        var filtered = await api.GetOkAsync(api.Path("customers?email=ADA@example.com"));
        var only = Assert.Single(filtered["customers"]!.AsArray());
        Assert.Equal("Ada L.", only!["name"]!.GetValue<string>());
        Assert.Equal(2, (await api.GetOkAsync(api.Path("customers")))["customers"]!.AsArray().Count);

        await ApiAssert.StatusAsync(await api.Client.DeleteAsync(api.Path("customers/c2")), HttpStatusCode.Accepted);
        await ApiAssert.ProblemAsync(await api.Client.GetAsync(api.Path("customers/c2")), HttpStatusCode.NotFound, "oid");
        await ApiAssert.ProblemAsync(await api.Client.DeleteAsync(api.Path("customers/c2")), HttpStatusCode.NotFound, "oid");
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Subscription_changes_are_appended_to_the_history_and_cancel_ends_it(DatabaseProvider provider)
    {
        var api = await servers.SessionAsync(provider);
        await api.PostOkAsync(api.Path("plans"), Plan("basic", 1000));
        await api.PostOkAsync(api.Path("plans"), Plan("pro", 3000));
        await api.PostOkAsync(api.Path("customers"), new { oid = "c1", email = "c1@example.com" });
        var created = await api.PostOkAsync(api.Path("subscriptions"), new
        {
            oid = "s1", customer_oid = "c1", plan_oid = "basic", started_at = "2024-01-01T00:00:00Z", quantity = 2,
            addons = new[] { new { oid = "seats", amount = 500, quantity = 1 } },
        });
        Assert.Equal("basic", created["subscription"]!["plan_oid"]!.GetValue<string>());
        Assert.Single(created["subscription"]!["history"]!.AsArray());

        var changed = await ApiAssert.StatusAsync(
            await api.PutAsync(api.Path("subscriptions/s1"), new { plan_oid = "pro", occurred_at = 1_709_251_200 }), HttpStatusCode.OK);
        var history = changed["subscription"]!["history"]!.AsArray();
        Assert.Equal(2, history.Count);
        Assert.Equal("basic", history[0]!["plan_oid"]!.GetValue<string>());
        Assert.Equal("pro", history[1]!["plan_oid"]!.GetValue<string>());
        Assert.Equal(1_709_251_200, history[1]!["occurred_at"]!.GetValue<long>());
        Assert.Equal(2, history[1]!["quantity"]!.GetValue<int>());
        Assert.Equal("pro", changed["subscription"]!["plan_oid"]!.GetValue<string>());

        // Re-posting the subscription keeps the change.
        await api.PostOkAsync(api.Path("subscriptions"), new { oid = "s1", customer_oid = "c1", plan_oid = "basic", started_at = "2024-01-01T00:00:00Z", quantity = 2 }, HttpStatusCode.OK);
        Assert.Equal(2, (await api.GetOkAsync(api.Path("subscriptions/s1")))["subscription"]!["history"]!.AsArray().Count);

        var canceled = await ApiAssert.StatusAsync(
            await api.PutAsync(api.Path("subscriptions/s1/cancel"), new { canceled_at = "2024-06-01" }), HttpStatusCode.OK);
        Assert.Equal("canceled", canceled["subscription"]!["status"]!.GetValue<string>());
        Assert.Equal(new DateTimeOffset(2024, 6, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds(), canceled["subscription"]!["canceled_at"]!.GetValue<long>());

        Assert.Single((await api.GetOkAsync(api.Path("subscriptions?customer_oid=c1")))["subscriptions"]!.AsArray());
        Assert.Empty((await api.GetOkAsync(api.Path("subscriptions?customer_oid=nobody")))["subscriptions"]!.AsArray());
        await ApiAssert.ProblemAsync(await api.PutAsync(api.Path("subscriptions/nope"), new { plan_oid = "pro", occurred_at = 1_709_251_200 }), HttpStatusCode.NotFound, "oid");
        await ApiAssert.StatusAsync(await api.Client.DeleteAsync(api.Path("subscriptions/s1")), HttpStatusCode.Accepted);
        await ApiAssert.ProblemAsync(await api.Client.GetAsync(api.Path("subscriptions/s1")), HttpStatusCode.NotFound, "oid");
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Charges_and_refunds_are_recorded_filtered_and_deleted(DatabaseProvider provider)
    {
        var api = await servers.SessionAsync(provider);
        await api.PostOkAsync(api.Path("customers"), new { oid = "c1" });
        await api.PostOkAsync(api.Path("customers"), new { oid = "c2" });
        var charge = await api.PostOkAsync(api.Path("charges"), new { oid = "ch1", customer_oid = "c1", amount = 5000, currency = "EUR", created = 1_704_067_200, status = "paid", fee = 150 });
        Assert.Equal("one_time", charge["charge"]!["kind"]!.GetValue<string>());
        await api.PostOkAsync(api.Path("charges"), new { oid = "ch2", customer_oid = "c2", amount = 100, currency = "EUR", created = 1_704_067_200, status = "failed" });
        await api.PostOkAsync(api.Path("charges"), new { oid = "ch1", customer_oid = "c1", amount = 5000, currency = "EUR", created = 1_704_067_200, status = "paid", fee = 160 }, HttpStatusCode.OK);

        var refund = await api.PostOkAsync(api.Path("refunds"), new { oid = "r1", charge_oid = "ch1", amount = 2000, currency = "EUR", created = "2024-01-05T10:00:00Z" });
        Assert.Equal("ch1", refund["refund"]!["charge_oid"]!.GetValue<string>());
        var forC1 = await api.GetOkAsync(api.Path("charges?customer_oid=c1"));
        var only = Assert.Single(forC1["charges"]!.AsArray());
        Assert.Equal(2000, only!["amount_refunded"]!.GetValue<long>());
        Assert.Equal(160, only["fee"]!.GetValue<long>());
        Assert.Single((await api.GetOkAsync(api.Path("refunds?charge_oid=ch1")))["refunds"]!.AsArray());
        Assert.Equal(2000, (await api.GetOkAsync(api.Path("refunds/r1")))["refund"]!["amount"]!.GetValue<long>());

        await ApiAssert.StatusAsync(await api.Client.DeleteAsync(api.Path("refunds/r1")), HttpStatusCode.Accepted);
        await ApiAssert.StatusAsync(await api.Client.DeleteAsync(api.Path("charges/ch2")), HttpStatusCode.Accepted);
        Assert.Single((await api.GetOkAsync(api.Path("charges")))["charges"]!.AsArray());
        Assert.Empty((await api.GetOkAsync(api.Path("refunds")))["refunds"]!.AsArray());
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Bad_inputs_are_problems_naming_the_field_and_change_nothing(DatabaseProvider provider)
    {
        var api = await servers.SessionAsync(provider);
        await api.PostOkAsync(api.Path("plans"), Plan("basic"));
        await api.PostOkAsync(api.Path("customers"), new { oid = "c1" });
        await api.PostOkAsync(api.Path("charges"), new { oid = "ch1", customer_oid = "c1", amount = 1000, currency = "USD", created = 1_704_067_200, status = "paid" });
        var before = await SnapshotAsync(api);

        // Missing required fields, negative amounts, bad currencies, malformed dates, bad enums, wrong types.
        await ApiAssert.ProblemAsync(await api.PostAsync(api.Path("plans"), new { name = "x", currency = "USD", amount = 1, interval = "month" }), HttpStatusCode.BadRequest, "oid");
        await ApiAssert.ProblemAsync(await api.PostAsync(api.Path("plans"), Plan("neg", amount: -1)), HttpStatusCode.BadRequest, "amount");
        await ApiAssert.ProblemAsync(await api.PostAsync(api.Path("plans"), new { oid = "p", name = "x", currency = "DOLLARS", amount = 1, interval = "month" }), HttpStatusCode.BadRequest, "currency");
        await ApiAssert.ProblemAsync(await api.PostAsync(api.Path("plans"), Plan("p", interval: "fortnight")), HttpStatusCode.BadRequest, "interval");
        await ApiAssert.ProblemAsync(await api.PostRawAsync(api.Path("plans"), "{\"oid\":\"p\",\"name\":\"x\",\"currency\":\"USD\",\"amount\":\"lots\",\"interval\":\"month\"}"), HttpStatusCode.BadRequest, "amount");
        await ApiAssert.ProblemAsync(await api.PostRawAsync(api.Path("plans"), "{\"oid\":\"p\",\"name\":"), HttpStatusCode.BadRequest, "body");
        await ApiAssert.ProblemAsync(await api.PostAsync(api.Path("customers"), new { oid = "c9", created = "last tuesday" }), HttpStatusCode.BadRequest, "created");
        await ApiAssert.ProblemAsync(await api.PostAsync(api.Path("charges"), new { oid = "ch9", customer_oid = "c1", amount = -5, currency = "USD", created = 1_704_067_200, status = "paid" }), HttpStatusCode.BadRequest, "amount");
        await ApiAssert.ProblemAsync(await api.PostAsync(api.Path("charges"), new { oid = "ch9", customer_oid = "c1", amount = 5, currency = "USD", created = 1_704_067_200, status = "maybe" }), HttpStatusCode.BadRequest, "status");
        await ApiAssert.ProblemAsync(await api.PostAsync(api.Path("charges"), new { oid = "ch9", customer_oid = "c1", amount = 5, currency = "USD", created = "someday", status = "paid" }), HttpStatusCode.BadRequest, "created");

        // Unknown references.
        await ApiAssert.ProblemAsync(await api.PostAsync(api.Path("subscriptions"), new { oid = "s9", customer_oid = "c1", plan_oid = "nope", started_at = 1_704_067_200 }), HttpStatusCode.NotFound, "plan_oid");
        await ApiAssert.ProblemAsync(await api.PostAsync(api.Path("subscriptions"), new { oid = "s9", customer_oid = "ghost", plan_oid = "basic", started_at = 1_704_067_200 }), HttpStatusCode.NotFound, "customer_oid");
        await ApiAssert.ProblemAsync(await api.PostAsync(api.Path("charges"), new { oid = "ch9", customer_oid = "ghost", amount = 5, currency = "USD", created = 1_704_067_200, status = "paid" }), HttpStatusCode.NotFound, "customer_oid");
        await ApiAssert.ProblemAsync(await api.PostAsync(api.Path("refunds"), new { oid = "r9", charge_oid = "ghost", amount = 5, currency = "USD", created = 1_704_067_200 }), HttpStatusCode.NotFound, "charge_oid");

        // A refund larger than its charge.
        await ApiAssert.ProblemAsync(await api.PostAsync(api.Path("refunds"), new { oid = "r9", charge_oid = "ch1", amount = 1001, currency = "USD", created = 1_704_067_200 }), HttpStatusCode.BadRequest, "amount");

        // Over the body size limit.
        var huge = "{\"oid\":\"big\",\"name\":\"" + new string('x', 5 * 1024 * 1024) + "\"}";
        await ApiAssert.ProblemAsync(await api.PostRawAsync(api.Path("customers"), huge), HttpStatusCode.RequestEntityTooLarge, "body");

        Assert.Equal(before, await SnapshotAsync(api));
    }

    private static async Task<string> SnapshotAsync(ApiSession api)
    {
        await using var db = api.Server.Database.CreateContext();
        var id = api.SourceId;
        return string.Join(',',
            await db.Plans.CountAsync(p => p.SourceId == id),
            await db.Customers.CountAsync(c => c.SourceId == id),
            await db.Subscriptions.CountAsync(s => s.SourceId == id),
            await db.Charges.CountAsync(c => c.SourceId == id),
            await db.Refunds.CountAsync(r => r.SourceId == id),
            await db.Plans.Where(p => p.SourceId == id).SumAsync(p => p.AmountMinor));
    }
}
