using Dashboard.Core.Billing;
using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Import.Operations;
using Dashboard.Infrastructure.Tests.Data;
using Dashboard.Infrastructure.Tests.Data.Legacy;
using Microsoft.EntityFrameworkCore;
using static Dashboard.Infrastructure.Tests.Import.Samples;

namespace Dashboard.Infrastructure.Tests.Import;

/// <summary>A cancellation reason is its text: concurrent writers store a new reason once, and the migration merges copies.</summary>
public sealed class CancellationReasonTextTests
{
    [SkippableTheory]
    [MemberData(nameof(Providers), MemberType = typeof(Samples))]
    public async Task Concurrent_imports_bringing_the_same_new_reason_store_it_once(DatabaseProvider provider)
    {
        const int writers = 6;
        await using var fixture = await ImportFixture.CreateAsync(provider);
        var setup = new List<ImportOperation> { Plan() };
        for (var i = 0; i < writers; i++)
        {
            setup.Add(Customer($"cus_{i}"));
            setup.Add(Subscription($"sub_{i}", customer: $"cus_{i}"));
        }

        await fixture.Importer.ImportAsync(fixture.Batch([.. setup]));

        using var start = new ManualResetEventSlim();
        var imports = Enumerable.Range(0, writers)
            .Select(i => Task.Run(() =>
            {
                start.Wait();
                return fixture.Importer.ImportAsync(fixture.Batch(Feedback("Missing integrations", comment: $"writer {i}", oid: $"sub_{i}")));
            }))
            .ToArray();
        start.Set();
        await Task.WhenAll(imports);

        var reason = Assert.Single(await fixture.ReadAsync(db => db.CancellationReasons.ToListAsync()));
        var events = await fixture.ReadAsync(db => db.CancellationEvents.ToListAsync());
        Assert.Equal(writers, events.Count);
        Assert.All(events, e => Assert.Equal(reason.Id, e.ReasonId));
    }

    [Theory]
    [MemberData(nameof(LegacyUpgradeTests.Providers), MemberType = typeof(LegacyUpgradeTests))]
    public async Task Migrating_merges_reasons_stored_twice_and_keeps_every_event(DatabaseProvider provider)
    {
        // The hand-written migrations' own data moves, on a database built by them (see LegacyUpgradeTests).
        await using var fixture = await ImportFixture.CreateLegacyAsync(provider);
        await fixture.Importer.ImportAsync(fixture.Batch(Plan(), Customer(), Subscription()));
        await using (var db = fixture.Database.CreateContext())
        {
            await LegacyMigrations.MigrateAsync(fixture.Database, "20261122133000_CancellationFeedbackKey");
            var customerId = await db.Customers.Select(c => c.Id).SingleAsync();
            // What two racing writers could leave before the index: one text stored twice, each copy used by an event.
            var reasons = new List<long>();
            foreach (var (text, sortKey) in new[] { ("Too expensive", 10), ("Too expensive", 20), ("Switched to a competitor", 30) })
            {
                var reason = new CancellationReason { Text = text, SortKey = sortKey };
                db.CancellationReasons.Add(reason);
                await db.SaveChangesAsync();
                reasons.Add(reason.Id);
            }

            foreach (var (reasonId, comment) in new[] { (reasons[0], "first"), (reasons[1], "second"), (reasons[2], "other") })
            {
                db.CancellationEvents.Add(new CancellationEvent { CustomerId = customerId, ReasonId = reasonId, Comment = comment, OccurredAt = Start });
            }

            await db.SaveChangesAsync();
            await LegacyMigrations.MigrateAsync(fixture.Database);
        }

        var stored = await fixture.ReadAsync(db => db.CancellationReasons.OrderBy(r => r.Id).ToListAsync());
        Assert.Equal(["Too expensive", "Switched to a competitor"], stored.Select(r => r.Text));
        var events = await fixture.ReadAsync(db => db.CancellationEvents.OrderBy(e => e.Id).ToListAsync());
        Assert.Equal(["first", "second", "other"], events.Select(e => e.Comment));
        Assert.Equal([stored[0].Id, stored[0].Id, stored[1].Id], events.Select(e => e.ReasonId));

        await using var check = fixture.Database.CreateContext();
        check.CancellationReasons.Add(new CancellationReason { Text = "Too expensive", SortKey = 40 });
        await Assert.ThrowsAsync<DbUpdateException>(() => check.SaveChangesAsync());
    }
}
