using System.Net;
using System.Text.Json.Nodes;
using Dashboard.Core.Billing;
using Dashboard.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Tests.Api.Baremetrics;

/// <summary>
/// Every write Baremetrics describes, in each form its clients send (JSON, form fields) under both base paths: the
/// answer is 200 (Baremetrics' status for creates and updates) and the store holds what was sent. Stored values are read
/// from the database so these tests hold whatever the answers' shapes.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class RequestFormTests(ApiServers servers)
{
    [Theory]
    [MemberData(nameof(BaremetricsForms.All), MemberType = typeof(BaremetricsForms))]
    public async Task A_plan_is_created_and_a_put_of_its_name_alone_renames_it(string basePath, BodyForm form)
    {
        var bm = await ClientAsync(basePath, form);

        await ApiAssert.StatusAsync(await bm.PostAsync(bm.Path("plans"), new JsonObject
        {
            ["oid"] = "gold", ["name"] = "Gold", ["currency"] = "usd", ["amount"] = 4_500, ["interval"] = "month", ["interval_count"] = 1,
            ["trial_duration"] = 14, ["trial_duration_unit"] = "day",
        }), HttpStatusCode.OK);
        await ApiAssert.StatusAsync(await bm.PutAsync(bm.Path("plans/gold"), new JsonObject { ["name"] = "Gold 2" }), HttpStatusCode.OK);

        await using var db = bm.Session.Server.Database.CreateContext();
        var plan = await db.Plans.SingleAsync(p => p.SourceId == bm.Session.SourceId && p.ExternalId == "gold");
        Assert.Equal(("Gold 2", "USD", 4_500L, BillingInterval.Month, 1, 14), (plan.Name, plan.Currency, plan.AmountMinor, plan.Interval, plan.IntervalCount, plan.TrialDuration));
    }

    [Theory]
    [MemberData(nameof(BaremetricsForms.All), MemberType = typeof(BaremetricsForms))]
    public async Task A_customer_is_created_and_a_put_of_its_notes_alone_keeps_name_email_and_created(string basePath, BodyForm form)
    {
        var bm = await ClientAsync(basePath, form);

        await ApiAssert.StatusAsync(await bm.PostAsync(bm.Path("customers"), new JsonObject
        {
            ["oid"] = "cus_1", ["name"] = "Ada", ["email"] = "ada@example.com", ["notes"] = "first", ["created"] = 1_700_000_000,
        }), HttpStatusCode.OK);
        await ApiAssert.StatusAsync(await bm.PutAsync(bm.Path("customers/cus_1"), new JsonObject { ["notes"] = "second" }), HttpStatusCode.OK);

        await using var db = bm.Session.Server.Database.CreateContext();
        var customer = await db.Customers.SingleAsync(c => c.SourceId == bm.Session.SourceId && c.ExternalId == "cus_1");
        Assert.Equal(("Ada", "ada@example.com", "second", 1_700_000_000L), (customer.Name, customer.Email, customer.Notes, customer.CreatedAt.ToUnixTimeSeconds()));
    }

    [Theory]
    [MemberData(nameof(BaremetricsForms.All), MemberType = typeof(BaremetricsForms))]
    public async Task A_subscription_with_add_ons_is_created_changed_without_occurred_at_and_canceled(string basePath, BodyForm form)
    {
        var bm = await ClientAsync(basePath, form);
        await SeedPlansAndCustomerAsync(bm);

        await ApiAssert.StatusAsync(await bm.PostAsync(bm.Path("subscriptions"), new JsonObject
        {
            ["oid"] = "sub_1", ["customer_oid"] = "cus_1", ["plan_oid"] = "basic", ["started_at"] = 1_700_000_000, ["quantity"] = 2,
            ["addons"] = new JsonArray(new JsonObject { ["oid"] = "seats", ["amount"] = 300, ["quantity"] = 4 }),
        }), HttpStatusCode.OK);
        var before = DateTimeOffset.UtcNow;
        await ApiAssert.StatusAsync(await bm.PutAsync(bm.Path("subscriptions/sub_1"), new JsonObject { ["plan_oid"] = "pro" }), HttpStatusCode.OK);
        var after = DateTimeOffset.UtcNow;
        await ApiAssert.StatusAsync(await bm.PutAsync(bm.Path("subscriptions/sub_1/cancel"), new JsonObject { ["canceled_at"] = "2099-01-01" }), HttpStatusCode.OK);

        await using var db = bm.Session.Server.Database.CreateContext();
        var subscription = await db.Subscriptions.Include(s => s.States).ThenInclude(s => s.AddOns)
            .SingleAsync(s => s.SourceId == bm.Session.SourceId && s.ExternalId == "sub_1");
        var pro = await db.Plans.SingleAsync(p => p.SourceId == bm.Session.SourceId && p.ExternalId == "pro");
        var change = subscription.States.OrderBy(s => s.EffectiveFrom).Last();
        Assert.Equal(2, subscription.States.Count);
        Assert.Equal(pro.Id, change.PlanId);
        Assert.InRange(change.EffectiveFrom, before.AddSeconds(-1), after.AddSeconds(1));
        Assert.Equal(2, change.Quantity);
        Assert.Equal(("seats", 300L, 4), (change.AddOns.Single().ExternalId, change.AddOns.Single().AmountMinor, change.AddOns.Single().Quantity));
        Assert.Equal(new DateTimeOffset(2099, 1, 1, 0, 0, 0, TimeSpan.Zero), subscription.CanceledAt);
    }

    [Theory]
    [MemberData(nameof(BaremetricsForms.All), MemberType = typeof(BaremetricsForms))]
    public async Task A_charge_and_a_refund_without_created_or_status_take_Baremetrics_defaults(string basePath, BodyForm form)
    {
        var bm = await ClientAsync(basePath, form);
        await SeedPlansAndCustomerAsync(bm);

        var before = DateTimeOffset.UtcNow;
        await ApiAssert.StatusAsync(await bm.PostAsync(bm.Path("charges"), new JsonObject
        {
            ["oid"] = "ch_1", ["customer_oid"] = "cus_1", ["amount"] = 2_000, ["currency"] = "usd", ["fee"] = 50,
        }), HttpStatusCode.OK);
        await ApiAssert.StatusAsync(await bm.PostAsync(bm.Path("refunds"), new JsonObject
        {
            ["oid"] = "re_1", ["charge_oid"] = "ch_1", ["customer_oid"] = "cus_1", ["amount"] = 500, ["currency"] = "usd",
        }), HttpStatusCode.OK);
        var after = DateTimeOffset.UtcNow;

        await using var db = bm.Session.Server.Database.CreateContext();
        var charge = await db.Charges.SingleAsync(c => c.SourceId == bm.Session.SourceId && c.ExternalId == "ch_1");
        var refund = await db.Refunds.SingleAsync(r => r.SourceId == bm.Session.SourceId && r.ExternalId == "re_1");
        Assert.Equal((ChargeStatus.Paid, 2_000L, 50L), (charge.Status, charge.AmountMinor, charge.FeeMinor));
        Assert.InRange(charge.CreatedAt, before.AddSeconds(-1), after.AddSeconds(1));
        Assert.Equal(500, refund.AmountMinor);
        Assert.InRange(refund.CreatedAt, before.AddSeconds(-1), after.AddSeconds(1));
    }

    [Theory]
    [MemberData(nameof(BaremetricsForms.All), MemberType = typeof(BaremetricsForms))]
    public async Task A_charge_posted_again_without_created_or_status_keeps_its_stored_ones(string basePath, BodyForm form)
    {
        var bm = await ClientAsync(basePath, form);
        await SeedPlansAndCustomerAsync(bm);
        var charge = new JsonObject
        {
            ["oid"] = "ch_1", ["customer_oid"] = "cus_1", ["amount"] = 2_000, ["currency"] = "usd", ["created"] = 1_700_000_000, ["status"] = "failed",
        };
        await ApiAssert.StatusAsync(await bm.PostAsync(bm.Path("charges"), charge), HttpStatusCode.OK);

        charge.Remove("created");
        charge.Remove("status");
        charge["amount"] = 2_500;
        await ApiAssert.StatusAsync(await bm.PostAsync(bm.Path("charges"), charge), HttpStatusCode.OK);

        await using var db = bm.Session.Server.Database.CreateContext();
        var stored = await db.Charges.SingleAsync(c => c.SourceId == bm.Session.SourceId && c.ExternalId == "ch_1");
        Assert.Equal((ChargeStatus.Failed, 2_500L, 1_700_000_000L), (stored.Status, stored.AmountMinor, stored.CreatedAt.ToUnixTimeSeconds()));
    }

    [Theory]
    [MemberData(nameof(BaremetricsForms.All), MemberType = typeof(BaremetricsForms))]
    public async Task Attribute_fields_attributes_and_segments_are_read_from_either_form(string basePath, BodyForm form)
    {
        var bm = await ClientAsync(basePath, form);
        await SeedPlansAndCustomerAsync(bm);
        var key = "utm_" + Guid.NewGuid().ToString("N")[..8];

        await ApiAssert.StatusAsync(await bm.PostAsync(basePath + "/attributes/fields", new JsonObject
        {
            ["title"] = "UTM " + key, ["field_type"] = "string", ["key"] = key,
        }), HttpStatusCode.OK);
        await ApiAssert.StatusAsync(await bm.PostAsync(basePath + "/attributes", new JsonObject
        {
            ["attributes"] = new JsonArray(new JsonObject
            {
                ["customer_oid"] = "cus_1", ["source_id"] = bm.Session.SourceId, ["key"] = key, ["value"] = "newsletter",
            }),
        }), HttpStatusCode.OK);
        var segment = await ApiAssert.StatusAsync(await bm.PostAsync(basePath + "/segments", new JsonObject
        {
            ["name"] = "From the newsletter " + key,
            ["filters"] = new JsonArray(new JsonObject { ["field"] = key, ["op"] = "eq", ["value"] = "newsletter" }),
        }), HttpStatusCode.OK);
        var id = long.Parse(segment["segment"]!["id"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        await ApiAssert.StatusAsync(await bm.PutAsync($"{basePath}/segments/{id}", new JsonObject { ["name"] = "Renamed " + key }), HttpStatusCode.OK);

        await using var db = bm.Session.Server.Database.CreateContext();
        var stored = await (
            from a in db.CustomerAttributes
            join f in db.AttributeFields on a.FieldId equals f.Id
            join c in db.Customers on a.CustomerId equals c.Id
            where f.Key == key && c.SourceId == bm.Session.SourceId
            select a.Value).SingleAsync();
        Assert.Equal("newsletter", stored);
        var savedSegment = await db.Segments.SingleAsync(s => s.Id == id);
        Assert.Equal("Renamed " + key, savedSegment.Name);
        Assert.Contains(key, savedSegment.FiltersJson, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(BaremetricsForms.All), MemberType = typeof(BaremetricsForms))]
    public async Task A_segment_and_an_attribute_field_in_Baremetrics_own_vocabulary_are_understood(string basePath, BodyForm form)
    {
        var bm = await ClientAsync(basePath, form);
        var key = "seats_" + Guid.NewGuid().ToString("N")[..8];
        await ApiAssert.StatusAsync(await bm.PostAsync(basePath + "/attributes/fields", new JsonObject
        {
            ["title"] = "Seats " + key, ["field_type"] = "integer", ["key"] = key,
        }), HttpStatusCode.OK);

        var segment = await ApiAssert.StatusAsync(await bm.PostAsync(basePath + "/segments", new JsonObject
        {
            ["name"] = "Big teams " + key,
            ["query"] = new JsonArray(
                new JsonObject { ["category"] = "attributes", ["field"] = key, ["method"] = "greater_than", ["value"] = "10" },
                new JsonObject { ["category"] = "baremetrics", ["field"] = "email", ["method"] = "not_equals", ["value"] = "x@example.com" }),
        }), HttpStatusCode.OK);
        var problem = await ApiAssert.ProblemAsync(await bm.PutAsync(basePath + "/segments/" + long.Parse(segment["segment"]!["id"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture), new JsonObject
        {
            ["query"] = new JsonArray(new JsonObject { ["category"] = "baremetrics", ["field"] = "email", ["method"] = "sounds_like", ["value"] = "x" }),
        }), HttpStatusCode.BadRequest, "query[0].method");

        Assert.Contains("query[0].method", problem["error"]!.GetValue<string>(), StringComparison.Ordinal);
        await using var db = bm.Session.Server.Database.CreateContext();
        var field = await db.AttributeFields.SingleAsync(f => f.Key == key);
        var stored = await db.Segments.SingleAsync(s => s.Id == long.Parse(segment["segment"]!["id"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(Dashboard.Core.Billing.AttributeType.Number, field.Type);
        Assert.Contains("\"gt\"", stored.FiltersJson, StringComparison.Ordinal);
        Assert.Contains("\"neq\"", stored.FiltersJson, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(BaremetricsForms.All), MemberType = typeof(BaremetricsForms))]
    public async Task Cancellation_reasons_and_events_are_created_with_200(string basePath, BodyForm form)
    {
        var bm = await ClientAsync(basePath, form);
        await SeedPlansAndCustomerAsync(bm);

        var reason = await ApiAssert.StatusAsync(await bm.PostAsync(basePath + "/cancellation_insights/reasons", new JsonObject
        {
            ["text"] = "Too expensive " + Guid.NewGuid().ToString("N"),
        }), HttpStatusCode.OK);
        await ApiAssert.StatusAsync(await bm.PostAsync(basePath + "/cancellation_insights/events", new JsonObject
        {
            ["customer_oid"] = "cus_1", ["source_id"] = bm.Session.SourceId, ["reason_id"] = reason["reason"]!["id"]!.GetValue<string>(),
            ["comment"] = "price", ["occurred_at"] = 1_700_000_000,
        }), HttpStatusCode.OK);
    }

    [Theory]
    [MemberData(nameof(BaremetricsForms.All), MemberType = typeof(BaremetricsForms))]
    public async Task A_wrong_value_is_a_400_naming_the_field_with_an_error_member(string basePath, BodyForm form)
    {
        var bm = await ClientAsync(basePath, form);

        var problem = await ApiAssert.ProblemAsync(await bm.PostAsync(bm.Path("plans"), new JsonObject
        {
            ["oid"] = "bad", ["name"] = "Bad", ["currency"] = "usd", ["amount"] = "lots", ["interval"] = "month", ["interval_count"] = 1,
        }), HttpStatusCode.BadRequest, "amount");

        Assert.Contains("amount", problem["error"]!.GetValue<string>(), StringComparison.Ordinal);
        await using var db = bm.Session.Server.Database.CreateContext();
        Assert.False(await db.Plans.AnyAsync(p => p.SourceId == bm.Session.SourceId));
    }

    private async Task<BaremetricsClient> ClientAsync(string basePath, BodyForm form) =>
        new(await servers.SessionAsync(DatabaseProvider.Sqlite), basePath, form);

    private static async Task SeedPlansAndCustomerAsync(BaremetricsClient bm)
    {
        foreach (var (oid, amount) in new[] { ("basic", 1_000), ("pro", 3_000) })
        {
            await ApiAssert.StatusAsync(await bm.PostAsync(bm.Path("plans"), new JsonObject
            {
                ["oid"] = oid, ["name"] = oid, ["currency"] = "usd", ["amount"] = amount, ["interval"] = "month", ["interval_count"] = 1,
            }), HttpStatusCode.OK);
        }

        await ApiAssert.StatusAsync(await bm.PostAsync(bm.Path("customers"), new JsonObject { ["oid"] = "cus_1", ["email"] = "cus_1@example.com" }), HttpStatusCode.OK);
    }
}
