using Dashboard.Core.Billing;
using Dashboard.Core.Metrics;
using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Metrics;
using Dashboard.Infrastructure.Sources;
using Dashboard.Testing;
using Dashboard.Web.Auth;
using Dashboard.Web.Services.Audit;
using Dashboard.Web.Services.Sources;
using Dashboard.Web.Tests.Auth;
using Dashboard.Web.Tests.Services.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dashboard.Web.Tests.Services.Sources;

/// <summary>
/// Removing a source with its data on each provider: the demo source goes with its customers, subscriptions, charges,
/// refunds, attributes and plans, another source's data stays untouched, and the metrics drop by the demo's share.
/// Only owners may.
/// </summary>
public sealed class SourceRemovalTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 15, 0, 0, TimeSpan.Zero);

    public static TheoryData<DatabaseProvider> Providers => new() { DatabaseProvider.Sqlite, DatabaseProvider.PostgreSql };

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Removing_the_demo_source_keeps_the_other_sources_data_and_the_metrics_lose_the_demo_share(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var (demoId, ownId) = await SeedAsync(database);
        await using var services = Services(database, DashboardRoles.Owner);
        var host = services.GetRequiredService<MetricsEngineHost>();
        var removal = services.GetRequiredService<SourceRemoval>();

        var demo = await removal.DemoSourceAsync(CancellationToken.None);
        Assert.Equal((demoId, "Demo business", 2L), (demo!.Id, demo.Name, demo.Customers));
        Assert.Equal(8_000m, MrrToday(await host.GetEngineAsync()));

        var removed = await removal.RemoveDemoAsync(CancellationToken.None);

        Assert.Equal((demoId, 2, 2, 2), (removed!.SourceId, removed.Customers, removed.Subscriptions, removed.Charges));
        Assert.Null(await removal.DemoSourceAsync(CancellationToken.None));
        var engine = await host.GetEngineAsync();
        Assert.Equal(5_000m, MrrToday(engine));
        Assert.Equal(1, engine.CountCustomers([]));
        await using var db = database.CreateContext();
        Assert.Equal([ownId], await db.Sources.Select(s => s.Id).ToListAsync());
        Assert.Equal(["own_1"], await db.Customers.Select(c => c.ExternalId).ToListAsync());
        Assert.Equal(["own"], await db.Plans.Select(p => p.ExternalId).ToListAsync());
        Assert.Equal(1, await db.Subscriptions.CountAsync(s => s.SourceId == ownId));
        Assert.Equal(["ch_own_1"], await db.Charges.Select(c => c.ExternalId).ToListAsync());
        Assert.Equal(["re_own_1"], await db.Refunds.Select(r => r.ExternalId).ToListAsync());
        Assert.Equal(["linkedin"], await db.CustomerAttributes.Select(a => a.Value).ToListAsync());
        Assert.Equal(["linkedin"], await db.CustomerAttributeChanges.Select(a => a.NewValue).ToListAsync());
        Assert.Equal(["note on own_1"], await db.CustomerNotes.Select(n => n.Text).ToListAsync());
        Assert.Equal(1, await db.AttributeFields.CountAsync());
        Assert.Equal(0, await db.SubscriptionStates.CountAsync(s => !db.Subscriptions.Any(x => x.Id == s.SubscriptionId)));
        var entry = Assert.Single(await services.GetRequiredService<IAuditLog>().AllAsync());
        Assert.Equal(AuditActions.SourceRemoved, entry.Action);
        Assert.Contains("'Demo business' (demo) with 2 customers", entry.Target, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DashboardRoles.Admin)]
    [InlineData(DashboardRoles.Viewer)]
    public async Task Only_an_owner_may_remove_a_source_and_a_refusal_changes_nothing(string role)
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var (demoId, _) = await SeedAsync(database);
        await using var services = Services(database, role);
        var removal = services.GetRequiredService<SourceRemoval>();

        Assert.False(await removal.CanRemoveAsync());
        await Assert.ThrowsAsync<AccessDeniedException>(() => removal.RemoveAsync(demoId, CancellationToken.None));
        await Assert.ThrowsAsync<AccessDeniedException>(() => removal.RemoveDemoAsync(CancellationToken.None));

        await using var db = database.CreateContext();
        Assert.Equal(3, await db.Customers.CountAsync());
        Assert.Equal(2, await db.Sources.CountAsync());
        Assert.Empty(await services.GetRequiredService<IAuditLog>().AllAsync());
    }

    [Fact]
    public async Task An_unknown_source_removes_nothing_and_an_empty_demo_source_shows_no_banner()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using (var db = database.CreateContext())
        {
            db.Sources.Add(new Source { Name = "Empty demo", Provider = SourceProvider.Demo, CreatedAt = Now });
            await db.SaveChangesAsync();
        }

        await using var services = Services(database, DashboardRoles.Owner);
        var removal = services.GetRequiredService<SourceRemoval>();

        Assert.Null(await removal.DemoSourceAsync(CancellationToken.None));
        Assert.Null(await removal.RemoveAsync(9_999, CancellationToken.None));
    }

    private static decimal MrrToday(MetricsEngine engine)
    {
        var today = DateOnly.FromDateTime(Now.UtcDateTime);
        return engine.Query(new MetricQuery("mrr", today, today, Interval.Day)).Points[^1].Value!.Value;
    }

    /// <summary>Demo: $10 and $20 a month, each with a charge, the first refunded and with an attribute. Own: $50 a month, the same.</summary>
    private static async Task<(long Demo, long Own)> SeedAsync(TestDatabase database)
    {
        var demo = new BillingBuilder();
        var small = demo.Plan("demo_small", 1_000);
        demo.Subscribe(demo.Customer("demo_1"), small, Now.AddDays(-90));
        demo.Subscribe(demo.Customer("demo_2"), demo.Plan("demo_large", 2_000), Now.AddDays(-60));
        var own = new BillingBuilder();
        own.Subscribe(own.Customer("own_1"), own.Plan("own", 5_000), Now.AddDays(-30));
        await using var db = database.CreateContext();
        await demo.SaveAsync(db);
        await own.SaveAsync(db);
        var sources = await db.Sources.OrderBy(s => s.Id).ToListAsync();
        sources[0].Provider = SourceProvider.Demo;
        sources[0].Name = "Demo business";
        var field = new AttributeField { Key = "utm_source", Title = "UTM source", Type = AttributeType.String };
        db.AttributeFields.Add(field);
        await db.SaveChangesAsync();
        foreach (var customer in await db.Customers.OrderBy(c => c.Id).ToListAsync())
        {
            var subscription = await db.Subscriptions.SingleAsync(s => s.CustomerId == customer.Id);
            var charge = new Charge
            {
                SourceId = customer.SourceId, ExternalId = "ch_" + customer.ExternalId, CustomerId = customer.Id, SubscriptionId = subscription.Id,
                AmountMinor = 1_000, Currency = "USD", CreatedAt = Now.AddDays(-5), Status = ChargeStatus.Paid, Kind = ChargeKind.Recurring,
            };
            db.Charges.Add(charge);
            db.CustomerNotes.Add(new CustomerNote { CustomerId = customer.Id, Date = DateOnly.FromDateTime(Now.UtcDateTime), Text = "note on " + customer.ExternalId, Author = "owner@example.com", CreatedAt = Now });
            await db.SaveChangesAsync();
            if (customer.ExternalId is "demo_1" or "own_1")
            {
                db.Refunds.Add(new Refund { SourceId = customer.SourceId, ExternalId = "re_" + customer.ExternalId, ChargeId = charge.Id, AmountMinor = 100, Currency = "USD", CreatedAt = Now.AddDays(-4) });
                db.AttributeStamp = new AttributeChangeStamp(Now.AddDays(-3), AttributeChangeOrigin.Api);
                db.CustomerAttributes.Add(new CustomerAttribute { CustomerId = customer.Id, FieldId = field.Id, Value = customer.ExternalId == "own_1" ? "linkedin" : "google" });
            }
        }

        await db.SaveChangesAsync();
        return (sources[0].Id, sources[1].Id);
    }

    private static ServiceProvider Services(TestDatabase database, string role) =>
        new ServiceCollection()
            .AddLogging()
            .AddSingleton<TimeProvider>(new FixedTimeProvider(Now))
            .AddSingleton(database.CreateFactory())
            .AddSingleton(new MetricsEngineHost(database.CreateFactory(), new MetricSettingsReader(new ConfigurationBuilder().Build()), NullLogger<MetricsEngineHost>.Instance))
            .AddAuditLog()
            .AddScoped<ICurrentUser>(_ => new KnownUser(TestUsers.InRole(role)))
            .AddScoped<SourceDataRemover>()
            .AddScoped<SourceRemoval>()
            .BuildServiceProvider();
}
