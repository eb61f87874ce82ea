using Dashboard.Core.Billing;
using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Import;
using Microsoft.EntityFrameworkCore;
using static Dashboard.Infrastructure.Tests.Import.Samples;

namespace Dashboard.Infrastructure.Tests.Import;

public sealed class UpsertTests
{
    [SkippableTheory]
    [MemberData(nameof(Providers), MemberType = typeof(Samples))]
    public async Task Importing_the_same_objects_twice_leaves_one_of_each_with_the_second_values(DatabaseProvider provider)
    {
        await using var fixture = await ImportFixture.CreateAsync(provider);
        var first = await fixture.Importer.ImportAsync(
            fixture.Batch(Plan(), Customer(), Subscription(), Charge(), Refund()));
        Assert.All(first.Items, item => Assert.Equal(ImportOutcome.Created, item.Outcome));
        var countsAfterFirst = await fixture.CountsAsync();

        var second = await fixture.Importer.ImportAsync(fixture.Batch(
            Plan(amount: 5900) with { Name = "Pro (2027)" },
            Customer() with { Name = "Acme Limited" },
            Subscription() with { Quantity = 3 },
            Charge(amount: 11800),
            Refund(amount: 2500)));

        Assert.Equal(countsAfterFirst, await fixture.CountsAsync());
        Assert.Equal("plans=1 customers=1 subscriptions=1 states=1 addons=0 charges=1 refunds=1 attributes=0", countsAfterFirst);
        Assert.All(second.Items, item => Assert.Equal(ImportOutcome.Updated, item.Outcome));
        Assert.Equal(first.Items.Select(i => i.Id), second.Items.Select(i => i.Id));

        await fixture.ReadAsync(async db =>
        {
            var plan = await db.Plans.SingleAsync();
            Assert.Equal(("Pro (2027)", 5900L, "USD"), (plan.Name, plan.AmountMinor, plan.Currency));
            Assert.Equal("Acme Limited", (await db.Customers.SingleAsync()).Name);
            Assert.Equal(3, (await db.SubscriptionStates.SingleAsync()).Quantity);
            Assert.Equal(11800, (await db.Charges.SingleAsync()).AmountMinor);
            Assert.Equal(2500, (await db.Refunds.SingleAsync()).AmountMinor);
            return 0;
        });
    }

    [SkippableTheory]
    [MemberData(nameof(Providers), MemberType = typeof(Samples))]
    public async Task Reimporting_identical_objects_reports_unchanged_and_does_not_notify(DatabaseProvider provider)
    {
        await using var fixture = await ImportFixture.CreateAsync(provider);
        await fixture.Importer.ImportAsync(fixture.Batch(Plan(), Customer(), Subscription(), Charge(), Refund()));
        Assert.Single(fixture.Notifier.Changes);

        var again = await fixture.Importer.ImportAsync(fixture.Batch(Plan(), Customer(), Subscription(), Charge(), Refund()));

        Assert.All(again.Items, item => Assert.Equal(ImportOutcome.Unchanged, item.Outcome));
        Assert.Single(fixture.Notifier.Changes);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers), MemberType = typeof(Samples))]
    public async Task The_same_external_id_in_two_sources_is_two_objects(DatabaseProvider provider)
    {
        await using var fixture = await ImportFixture.CreateAsync(provider);
        var stripe = await fixture.Sources.CreateAsync("Stripe", SourceProvider.Stripe);

        await fixture.Importer.ImportAsync(fixture.Batch(Plan(), Customer() with { Name = "From API" }));
        await fixture.Importer.ImportAsync(fixture.Batch(stripe.Id, Plan(), Customer() with { Name = "From Stripe" }));

        var customers = await fixture.ReadAsync(db => db.Customers.OrderBy(c => c.SourceId).ToListAsync());
        Assert.Equal(["From API", "From Stripe"], customers.Select(c => c.Name));
        Assert.Equal([fixture.SourceId, stripe.Id], customers.Select(c => c.SourceId));
        Assert.All(customers, c => Assert.Equal("cus_1", c.ExternalId));
        Assert.Equal(2, await fixture.CountAsync<Plan>());
    }

    [SkippableTheory]
    [MemberData(nameof(Providers), MemberType = typeof(Samples))]
    public async Task Values_are_normalized_and_defaults_applied(DatabaseProvider provider)
    {
        await using var fixture = await ImportFixture.CreateAsync(provider);
        var offsetStart = new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.FromHours(2)).AddTicks(7);

        await fixture.Importer.ImportAsync(fixture.Batch(
            Plan(),
            Customer() with { Created = null, Currency = "eur" },
            Subscription() with { StartedAt = offsetStart, Quantity = null },
            Charge() with { Kind = null },
            Charge("ch_setup") with { SubscriptionOid = null, Kind = null }));

        await fixture.ReadAsync(async db =>
        {
            var customer = await db.Customers.SingleAsync();
            Assert.Equal((ImportFixture.Now, "EUR", "GB"), (customer.CreatedAt, customer.Currency, customer.Country));
            var subscription = await db.Subscriptions.Include(s => s.States).SingleAsync();
            Assert.Equal(new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero), subscription.StartedAt);
            Assert.Equal(TimeSpan.Zero, subscription.StartedAt.Offset);
            Assert.Equal(1, subscription.States.Single().Quantity);
            var kinds = await db.Charges.OrderBy(c => c.ExternalId).Select(c => c.Kind).ToListAsync();
            Assert.Equal([ChargeKind.Recurring, ChargeKind.OneTime], kinds);
            return 0;
        });
    }
}
