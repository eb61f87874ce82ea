using Dashboard.Core.Billing;
using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Demo;
using Dashboard.Infrastructure.Tests.Import;
using Microsoft.EntityFrameworkCore;
using static Dashboard.Infrastructure.Tests.Import.Samples;

namespace Dashboard.Infrastructure.Tests.Demo;

/// <summary>
/// Loading the demo data inside a running server: the importer (syncs, webhooks, the API) writes between two of the
/// seeder's batches. Both keep all their rows, and ordinary inserts afterwards get fresh ids.
/// </summary>
public sealed class DemoSeederConcurrencyTests
{
    [SkippableTheory]
    [MemberData(nameof(Samples.Providers), MemberType = typeof(Samples))]
    public async Task An_import_between_two_batches_of_a_demo_load_keeps_its_rows_and_the_load_keeps_its_own(DatabaseProvider provider)
    {
        await using var fixture = await ImportFixture.CreateAsync(provider);
        var demoSourceId = fixture.SourceId + 1;
        var imports = 0;
        // Reported after each batch commits, on the seeder's own flow: the import runs exactly between batches 1 and 2.
        var progress = new InlineProgress(p =>
        {
            if (imports++ == 0)
            {
                Task.Run(() => fixture.Importer.ImportAsync(fixture.Batch(Plan(), Customer("cus_1"), Subscription(), Charge())))
                    .GetAwaiter().GetResult();
            }
        });

        await using (var context = fixture.Database.CreateContext())
        {
            var result = await new DemoSeeder(context).SeedAsync(
                new DemoDataOptions { SourceId = demoSourceId, Customers = 30, BatchSize = 10 }, new FixedTime(DemoData.Today), progress);
            Assert.Equal(30, result.Customers);
        }

        Assert.Equal(3, imports);
        await fixture.Importer.ImportAsync(fixture.Batch(Customer("cus_2"), Charge("ch_2", "cus_2") with { SubscriptionOid = null }));

        await using var db = fixture.Database.CreateContext();
        Assert.Equal(["cus_1", "cus_2"], await db.Customers.Where(c => c.SourceId == fixture.SourceId).OrderBy(c => c.ExternalId).Select(c => c.ExternalId).ToListAsync());
        Assert.Equal(30, await db.Customers.CountAsync(c => c.SourceId == demoSourceId));
        var own = await db.Charges.Where(c => c.SourceId == fixture.SourceId).OrderBy(c => c.ExternalId).ToListAsync();
        Assert.Equal(["ch_1", "ch_2"], own.Select(c => c.ExternalId));
        Assert.All(own, c => Assert.True(db.Customers.Any(x => x.Id == c.CustomerId && x.SourceId == fixture.SourceId)));

        // The demo's rows point at the demo's own rows only (renumbered ids were rewired consistently).
        Assert.False(await db.Subscriptions.AnyAsync(s => s.SourceId == demoSourceId && !db.Customers.Any(c => c.Id == s.CustomerId && c.SourceId == demoSourceId)));
        Assert.False(await db.Charges.AnyAsync(ch => ch.SourceId == demoSourceId && !db.Customers.Any(c => c.Id == ch.CustomerId && c.SourceId == demoSourceId)));
        Assert.False(await db.SubscriptionStates.AnyAsync(s => db.Subscriptions.Any(x => x.Id == s.SubscriptionId && x.SourceId == demoSourceId)
            && !db.Plans.Any(p => p.Id == s.PlanId && p.SourceId == demoSourceId)));
        Assert.False(await db.CustomerAttributes.AnyAsync(a => db.Customers.Any(c => c.Id == a.CustomerId && c.SourceId == fixture.SourceId)));
        Assert.True(await db.CustomerAttributes.AnyAsync());
        Assert.True(await db.Subscriptions.AnyAsync(s => s.SourceId == demoSourceId));
    }

    private sealed class InlineProgress(Action<DemoSeedProgress> report) : IProgress<DemoSeedProgress>
    {
        public void Report(DemoSeedProgress value) => report(value);
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
