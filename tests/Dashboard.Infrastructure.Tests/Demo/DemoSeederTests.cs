using Dashboard.Core.Billing;
using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Demo;
using Dashboard.Testing;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Infrastructure.Tests.Demo;

public sealed class DemoSeederTests
{
    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.PostgreSql, DatabaseProvider.SqlServer];

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task Seeding_writes_exactly_the_generated_rows(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var options = new DemoDataOptions { Customers = 1_500, BatchSize = 400 };
        var generated = DemoData.Create(options);
        var reports = new List<DemoSeedProgress>();

        DemoSeedResult result;
        await using (var context = database.CreateContext())
        {
            result = await new DemoSeeder(context).SeedAsync(options, new FixedTime(DemoData.Today), new SyncProgress<DemoSeedProgress>(reports.Add));
        }

        await using var db = database.CreateContext();
        Assert.Equal(1, await db.Sources.CountAsync());
        Assert.Equal(generated.Catalog.Plans.Count, await db.Plans.CountAsync());
        Assert.Equal(generated.Catalog.AttributeFields.Count, await db.AttributeFields.CountAsync());
        Assert.Equal(generated.Catalog.CancellationReasons.Count, await db.CancellationReasons.CountAsync());
        Assert.Equal(generated.Customers.Count, await db.Customers.CountAsync());
        Assert.Equal(generated.Attributes.Count, await db.CustomerAttributes.CountAsync());
        Assert.Equal(generated.AttributeChanges.Count, await db.CustomerAttributeChanges.CountAsync());
        Assert.Equal(generated.Subscriptions.Count, await db.Subscriptions.CountAsync());
        Assert.Equal(generated.States.Count, await db.SubscriptionStates.CountAsync());
        Assert.Equal(generated.AddOns.Count, await db.SubscriptionAddOns.CountAsync());
        Assert.Equal(generated.Charges.Count, await db.Charges.CountAsync());
        Assert.Equal(generated.Refunds.Count, await db.Refunds.CountAsync());
        Assert.Equal(generated.CancellationEvents.Count, await db.CancellationEvents.CountAsync());

        var expectedRows = 1L + generated.Catalog.Plans.Count + generated.Catalog.AttributeFields.Count + generated.Catalog.CancellationReasons.Count +
            generated.Customers.Count + generated.Attributes.Count + generated.AttributeChanges.Count + generated.Subscriptions.Count + generated.States.Count +
            generated.AddOns.Count + generated.Charges.Count + generated.Refunds.Count + generated.CancellationEvents.Count;
        Assert.Equal(expectedRows, result.Rows);
        Assert.Equal(1_500, result.Customers);
        Assert.Equal(generated.Charges.Count, result.RowsByTable["charges"]);
        Assert.Equal(4, reports.Count);
        Assert.Equal(1_500, reports[^1].Customers);
        Assert.Equal(result.Rows, reports[^1].Rows);

        // Values read back through EF Core equal the generated ones (converters for enums and instants applied).
        var charges = await db.Charges.AsNoTracking().OrderBy(c => c.Id).ToListAsync();
        Assert.Equal(generated.Charges.Select(Text), charges.Select(Text));
        var states = await db.SubscriptionStates.AsNoTracking().Include(s => s.AddOns).OrderBy(s => s.Id).ToListAsync();
        Assert.Equal(generated.States.Select(Text), states.Select(Text));
        var subscriptions = await db.Subscriptions.AsNoTracking().OrderBy(s => s.Id).ToListAsync();
        Assert.Equal(generated.Subscriptions.Select(Text), subscriptions.Select(Text));
        var customers = await db.Customers.AsNoTracking().OrderBy(c => c.Id).ToListAsync();
        Assert.Equal(generated.Customers.Select(Text), customers.Select(Text));
        var plans = await db.Plans.AsNoTracking().OrderBy(p => p.Id).ToListAsync();
        Assert.Equal(generated.Catalog.Plans.Select(Text), plans.Select(Text));

        // Instants stay comparable in queries.
        var cutoff = generated.Generator.HistoryEnd.AddYears(-1);
        Assert.Equal(generated.Charges.Count(c => c.CreatedAt < cutoff), await db.Charges.CountAsync(c => c.CreatedAt < cutoff));
        Assert.Equal(generated.Charges.Where(c => c.Status == ChargeStatus.Paid).Sum(c => c.AmountMinor),
            await db.Charges.Where(c => c.Status == ChargeStatus.Paid).SumAsync(c => c.AmountMinor));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task Ids_continue_after_existing_rows_and_the_store_keeps_generating_ids(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using (var context = database.CreateContext())
        {
            var first = await new DemoSeeder(context).SeedAsync(new DemoDataOptions { Customers = 120 }, new FixedTime(DemoData.Today));
            Assert.Equal(120, first.Customers);
        }

        await using (var context = database.CreateContext())
        {
            var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
                new DemoSeeder(context).SeedAsync(new DemoDataOptions { Customers = 10 }, new FixedTime(DemoData.Today)));
            Assert.Contains("already holds customers", error.Message, StringComparison.Ordinal);
        }

        await using (var context = database.CreateContext())
        {
            var second = await new DemoSeeder(context).SeedAsync(new DemoDataOptions { Customers = 80, SourceId = 2, SourceName = "Demo 2" }, new FixedTime(DemoData.Today));
            Assert.Equal(80, second.Customers);
        }

        await using var db = database.CreateContext();
        Assert.Equal(200, await db.Customers.CountAsync());
        Assert.Equal(Enumerable.Range(1, 200).Select(i => (long)i), await db.Customers.OrderBy(c => c.Id).Select(c => c.Id).ToListAsync());
        Assert.Equal(DemoDataGenerator.AttributeKeys.Count, await db.AttributeFields.CountAsync());
        Assert.Equal(80, await db.CustomerAttributes.CountAsync(a =>
            a.FieldId == db.AttributeFields.Single(f => f.Key == "utm_source").Id && db.Customers.Any(c => c.Id == a.CustomerId && c.SourceId == 2)));

        // Ordinary EF inserts after the bulk load get fresh ids (PostgreSQL's identity sequences were moved on).
        var source = new Source { Name = "Pushed", Provider = SourceProvider.Api, CreatedAt = DemoData.Today };
        db.Sources.Add(source);
        await db.SaveChangesAsync();
        var customer = new Customer { SourceId = source.Id, ExternalId = "cus_new", CreatedAt = DemoData.Today };
        db.Customers.Add(customer);
        await db.SaveChangesAsync();
        Assert.Equal(3, source.Id);
        Assert.Equal(201, customer.Id);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task A_load_with_a_source_hook_never_writes_into_a_source_that_exists_already(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using (var context = database.CreateContext())
        {
            // Another load (the command line, another instance) created the demo source with the id this one picked.
            context.Sources.Add(new Source { Id = 1, Name = "Demo data", Provider = SourceProvider.Demo, CreatedAt = DemoData.Today });
            await context.SaveChangesAsync();
        }

        var hookRan = false;
        await using (var context = database.CreateContext())
        {
            var error = await Assert.ThrowsAsync<InvalidOperationException>(() => new DemoSeeder(context).SeedAsync(
                new DemoDataOptions { Customers = 10 }, new FixedTime(DemoData.Today), withSource: (_, _) =>
                {
                    hookRan = true;
                    return Task.CompletedTask;
                }));
            Assert.Contains("created meanwhile", error.Message, StringComparison.Ordinal);
        }

        Assert.False(hookRan);
        await using var db = database.CreateContext();
        Assert.Equal(1, await db.Sources.CountAsync());
        Assert.False(await db.Customers.AnyAsync());
        Assert.False(await db.Plans.AnyAsync());
    }

    private static string Text(Charge c) =>
        $"{c.Id}|{c.SourceId}|{c.ExternalId}|{c.CustomerId}|{c.SubscriptionId}|{c.AmountMinor}|{c.FeeMinor}|{c.Currency}|{c.CreatedAt.UtcTicks}|{c.Status}|{c.Kind}";

    private static string Text(SubscriptionState s) =>
        $"{s.Id}|{s.SubscriptionId}|{s.EffectiveFrom.UtcTicks}|{s.PlanId}|{s.Quantity}|{s.DiscountMinor}|{s.Status}|" +
        string.Join(",", s.AddOns.OrderBy(a => a.Id).Select(a => $"{a.Id}:{a.ExternalId}:{a.AmountMinor}:{a.Quantity}"));

    private static string Text(Subscription s) =>
        $"{s.Id}|{s.ExternalId}|{s.CustomerId}|{s.StartedAt.UtcTicks}|{s.TrialEnd?.UtcTicks}|{s.CanceledAt?.UtcTicks}|{s.CancelRequestedAt?.UtcTicks}";

    private static string Text(Customer c) =>
        $"{c.Id}|{c.ExternalId}|{c.Name}|{c.Email}|{c.Country}|{c.Currency}|{c.CreatedAt.UtcTicks}";

    private static string Text(Plan p) =>
        $"{p.Id}|{p.ExternalId}|{p.Name}|{p.Currency}|{p.AmountMinor}|{p.Interval}|{p.IntervalCount}|{p.TrialDuration}|{p.TrialDurationUnit}|{p.IsMetered}";

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    /// <summary>Reports synchronously (Progress&lt;T&gt; posts to the thread pool, which would race the assertions).</summary>
    private sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
