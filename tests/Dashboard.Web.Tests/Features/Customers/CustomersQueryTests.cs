using Dashboard.Core.Billing;
using Dashboard.Core.Customers;
using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Metrics;
using Dashboard.Testing;
using Dashboard.Web.Features.Customers;
using Dashboard.Web.Features.Metrics;
using Dashboard.Web.Services.Customers;
using Dashboard.Web.Services.Metrics;
using Dashboard.Web.Services.Segments;
using Dashboard.Web.Auth;
using Dashboard.Web.Services.Audit;
using Dashboard.Web.Tests.Auth;
using Dashboard.Web.Tests.Services.Audit;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Configuration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dashboard.Web.Tests.Features.Customers;

/// <summary>
/// The Customers pages' data loading against real SQLite and PostgreSQL stores: a from 300 days ago on basic, upgraded
/// to pro with an add-on 20 days ago, 2 charges (one refunded in part, one failed) and an attribute; b on business;
/// c churned 10 days ago.
/// </summary>
public sealed class CustomersQueryTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 15, 0, 0, TimeSpan.Zero);

    private static async Task<(TestDatabase Database, CustomersQuery Query, long A)> SetUpAsync(DatabaseProvider provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        var data = new BillingBuilder();
        var basic = data.Plan("basic", 1_000);
        var pro = data.Plan("pro", 2_000);
        var business = data.Plan("business", 3_000);
        var a = data.Customer("a", Now.AddDays(-301));
        var subscription = data.Subscribe(a, basic, Now.AddDays(-300));
        data.Change(subscription, pro, Now.AddDays(-20), quantity: 2);
        data.Subscribe(data.Customer("b"), business, Now.AddDays(-100));
        data.Subscribe(data.Customer("c"), basic, Now.AddDays(-250), canceledAt: Now.AddDays(-10));
        await using (var context = database.CreateContext())
        {
            await data.SaveAsync(context);
            var state = context.SubscriptionStates.Single(s => s.SubscriptionId == subscription.Id && s.EffectiveFrom == Now.AddDays(-20));
            context.SubscriptionAddOns.Add(new SubscriptionAddOn { SubscriptionStateId = state.Id, ExternalId = "extra", AmountMinor = 500, Quantity = 1 });
            var paid = new Charge { SourceId = a.SourceId, CustomerId = a.Id, ExternalId = "ch_1", AmountMinor = 1_000, FeeMinor = 59, Currency = "USD", CreatedAt = Now.AddDays(-40), Status = ChargeStatus.Paid };
            var failed = new Charge { SourceId = a.SourceId, CustomerId = a.Id, ExternalId = "ch_2", AmountMinor = 4_500, Currency = "USD", CreatedAt = Now.AddDays(-5), Status = ChargeStatus.Failed };
            context.Charges.AddRange(paid, failed);
            await context.SaveChangesAsync();
            context.Refunds.Add(new Refund { SourceId = a.SourceId, ChargeId = paid.Id, ExternalId = "re_1", AmountMinor = 300, Currency = "USD", CreatedAt = Now.AddDays(-30) });
            var field = new AttributeField { Key = "seats", Title = "Seats", Type = AttributeType.Number };
            context.AttributeFields.Add(field);
            await context.SaveChangesAsync();
            context.AttributeStamp = new AttributeChangeStamp(Now.AddDays(-2), AttributeChangeOrigin.Api);
            context.CustomerAttributes.Add(new CustomerAttribute { CustomerId = a.Id, FieldId = field.Id, Value = "12" });
            await context.SaveChangesAsync();
        }

        var configuration = new ConfigurationBuilder().Build();
        var host = new MetricsEngineHost(database.CreateFactory(), new MetricSettingsReader(configuration), NullLogger<MetricsEngineHost>.Instance);
        var time = new FixedTimeProvider(Now);
        var metrics = new MetricQueryService(host, new SegmentService(database.CreateFactory(), TestUsers.Admin), time);
        return (database, new CustomersQuery(new CustomerQueryService(metrics, database.CreateFactory()), Notes(database, time)), a.Id);
    }

    private static CustomerNoteService Notes(TestDatabase database, TimeProvider time)
    {
        var audit = AuditTestServices.Build(database, time);
        var admin = TestUsers.InRole(DashboardRoles.Admin);
        var caller = new AuditCaller(new HttpContextAccessor { HttpContext = new DefaultHttpContext { User = admin } }, audit, audit.GetRequiredService<IAuditLog>());
        return new CustomerNoteService(database.CreateFactory(), TestUsers.Guard(admin), caller, time);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Customer_page_loads_the_stored_history_and_the_engines_numbers(DatabaseProvider provider)
    {
        var (database, query, a) = await SetUpAsync(provider);
        await using var _ = database;

        var page = (await query.CustomerAsync(a, CancellationToken.None))!;

        Assert.Equal("Customer a", page.Name);
        Assert.Equal(4_500, page.Mrr); // pro x 2 + $5 add-on
        Assert.Equal(["new", "expansion"], page.Movements.Select(m => m.Kind));
        Assert.Equal(page.Mrr, page.MovementsSum);
        Assert.Equal(700, page.NetRevenue); // $10 paid - $3 refunded; the failed charge is no revenue
        Assert.Equal(CustomerStatus.Active, page.Status);
        Assert.Equal("Test data (Api)", page.Source);
        var states = page.Subscriptions.Single().States;
        Assert.Equal(["basic", "pro"], states.Select(s => s.Plan));
        Assert.Equal(["$10.00 / month", "$45.00 / month"], states.Select(s => s.Amount));
        Assert.Equal(["–", "extra 1 × $5.00"], states.Select(s => s.AddOns));
        Assert.Equal(["ch_2", "ch_1"], page.Charges.Select(c => c.ExternalId)); // newest first
        Assert.Equal([0L, 300], page.Charges.Select(c => c.RefundedMinor));
        Assert.Equal("Failed", page.Charges[0].Status);
        Assert.Equal(new AttributeRowView("Seats", "seats", "number", "12"), page.Attributes.Single());
        Assert.Equal(page.Mrr, page.Chart[^1].Minor);
        Assert.Equal(1_000, page.Chart[0].Minor);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task The_timeline_lists_every_movement_change_charge_refund_reason_and_note_newest_first(DatabaseProvider provider)
    {
        var (database, query, a) = await SetUpAsync(provider);
        await using var _ = database;
        await using (var context = database.CreateContext())
        {
            var reason = new CancellationReason { Text = "Too expensive" };
            context.CancellationReasons.Add(reason);
            await context.SaveChangesAsync();
            context.CancellationEvents.Add(new CancellationEvent { CustomerId = a, ReasonId = reason.Id, Comment = "asked for a discount", OccurredAt = Now.AddDays(-5) });
            await context.SaveChangesAsync();
            context.AttributeStamp = new AttributeChangeStamp(Now.AddDays(-1), AttributeChangeOrigin.CsvImport);
            (await context.CustomerAttributes.SingleAsync(v => v.CustomerId == a)).Value = "15";
            await context.SaveChangesAsync();
        }

        var note = await Notes(database, new FixedTimeProvider(Now)).AddAsync(a, DateOnly.FromDateTime(Now.AddDays(-20).UtcDateTime), "Upgraded after a call", CancellationToken.None);
        Assert.True(note.Succeeded);

        var timeline = (await query.CustomerAsync(a, CancellationToken.None))!.Timeline;

        Assert.Equal(
            [
                ("Seats changed from 12 to 15", -1), ("Seats set to 12", -2),
                ("Cancellation reason: Too expensive", -5), ("Charge failed", -5),
                ("Note", -20), ("Expansion", -20), ("Plan changed", -20),
                ("Refund", -30), ("Charge paid", -40),
                ("New MRR", -300), ("Subscription started", -300),
            ],
            timeline.Select(e => (e.Title, e.Date.DayNumber - DateOnly.FromDateTime(Now.UtcDateTime).DayNumber)));
        Assert.Equal([0L, 3_500, -300, 1_000, 1_000], timeline.Where(e => e.Amount is not null).Select(e => e.Amount!.Value));
        Assert.Equal("sub_1: basic, $10.00 → pro × 2, $45.00", timeline.Single(e => e.Title == "Plan changed").Detail);
        Assert.Equal(("Upgraded after a call", "admin@example.com"), (timeline[4].Detail, timeline[4].Author));
        Assert.Equal("asked for a discount", timeline[2].Detail);
        Assert.Equal(("by a CSV import", "attribute_change"), (timeline[0].Detail, timeline[0].KindKey));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Unknown_customers_are_null_and_the_list_searches_filters_and_sorts(DatabaseProvider provider)
    {
        var (database, query, _) = await SetUpAsync(provider);
        await using var __ = database;

        Assert.Null(await query.CustomerAsync(987_654, CancellationToken.None));

        var all = await query.ListAsync(new CustomerListState(), CancellationToken.None);
        Assert.False(all.StoreIsEmpty);
        Assert.Equal(["Customer a", "Customer b", "Customer c"], all.Rows.Select(r => r.Name));
        Assert.Equal([4_500L, 3_000, 0], all.Rows.Select(r => r.Mrr));
        Assert.Equal("Test data", all.Rows[0].Source);
        Assert.Equal(7_500, all.TotalMrr);

        var search = await query.ListAsync(new CustomerListState { Search = "C@EXAMPLE" }, CancellationToken.None);
        Assert.Equal(["Customer c"], search.Rows.Select(r => r.Name));

        var basic = await query.ListAsync(new CustomerListState { Filters = ["plan:eq:basic"], Sort = CustomerSortField.Name, Descending = false }, CancellationToken.None);
        Assert.Equal(["Customer a", "Customer c"], basic.Rows.Select(r => r.Name));
        Assert.Equal([0L, 0], basic.Rows.Select(r => r.Mrr));

        Assert.Equal(["seats"], await query.AttributeKeysAsync(CancellationToken.None));
        var withSeats = await query.ListAsync(new CustomerListState { Attribute = "seats", Sort = CustomerSortField.Attribute, Descending = false }, CancellationToken.None);
        Assert.Equal(["12", null, null], withSeats.Rows.Select(r => r.Attribute));
    }

    [Fact]
    public async Task An_empty_store_asks_for_an_import()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var configuration = new ConfigurationBuilder().Build();
        var host = new MetricsEngineHost(database.CreateFactory(), new MetricSettingsReader(configuration), NullLogger<MetricsEngineHost>.Instance);
        var time = new FixedTimeProvider(Now);
        var query = new CustomersQuery(new CustomerQueryService(new MetricQueryService(host, new SegmentService(database.CreateFactory(), TestUsers.Admin), time), database.CreateFactory()),
            Notes(database, time));

        var model = await query.ListAsync(new CustomerListState(), CancellationToken.None);

        Assert.True(model.StoreIsEmpty);
        Assert.Empty(model.Rows);
    }
}
