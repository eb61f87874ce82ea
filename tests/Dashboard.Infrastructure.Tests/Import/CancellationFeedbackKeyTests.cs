using Dashboard.Core.Billing;
using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Import;
using Dashboard.Infrastructure.Import.Operations;
using Dashboard.Infrastructure.Tests.Data;
using Dashboard.Infrastructure.Tests.Data.Legacy;
using Microsoft.EntityFrameworkCore;
using static Dashboard.Infrastructure.Tests.Import.Samples;

namespace Dashboard.Infrastructure.Tests.Import;

/// <summary>
/// The unique (source, subscription) key behind the importer's cancellation feedback: one event per subscription
/// even with concurrent writers, no constraint on events recorded through the API, and a migration that keys
/// existing stores without deleting anything.
/// </summary>
public sealed class CancellationFeedbackKeyTests
{
    private const string Reason = "Too expensive";

    [SkippableTheory]
    [MemberData(nameof(Providers), MemberType = typeof(Samples))]
    public async Task Repeated_feedback_updates_the_one_keyed_event_of_the_subscription(DatabaseProvider provider)
    {
        await using var fixture = await ImportFixture.CreateAsync(provider);
        var created = await fixture.Importer.ImportAsync(fixture.Batch(Plan(), Customer(), Subscription(), Feedback()));
        var updated = await fixture.Importer.ImportAsync(fixture.Batch(Feedback(comment: "Found a cheaper tool")));
        var again = await fixture.Importer.ImportAsync(fixture.Batch(Feedback(comment: "Found a cheaper tool")));

        Assert.Equal((ImportOutcome.Updated, ImportOutcome.Unchanged), (updated.Items[0].Outcome, again.Items[0].Outcome));
        var only = Assert.Single(await fixture.ReadAsync(db => db.CancellationEvents.ToListAsync()));
        Assert.Equal((created.Items[3].Id, (long?)fixture.SourceId, "sub_1", "Found a cheaper tool"),
            (only.Id, only.FeedbackSourceId, only.SubscriptionExternalIds, only.Comment));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers), MemberType = typeof(Samples))]
    public async Task Concurrent_imports_of_the_same_feedback_store_one_event(DatabaseProvider provider)
    {
        const int writers = 6;
        await using var fixture = await ImportFixture.CreateAsync(provider);
        await fixture.Importer.ImportAsync(fixture.Batch(Plan(), Customer(), Subscription()));
        await AddReasonAsync(fixture);

        using var start = new ManualResetEventSlim();
        var imports = Enumerable.Range(0, writers)
            .Select(_ => Task.Run(() =>
            {
                start.Wait();
                return fixture.Importer.ImportAsync(fixture.Batch(Feedback()));
            }))
            .ToArray();
        start.Set();
        var results = await Task.WhenAll(imports);

        var only = Assert.Single(await fixture.ReadAsync(db => db.CancellationEvents.ToListAsync()));
        Assert.Equal(("sub_1", "Over budget"), (only.SubscriptionExternalIds, only.Comment));
        Assert.Single(results, r => r.Items[0].Outcome == ImportOutcome.Created);
        Assert.All(results, r => Assert.Equal(only.Id, r.Items[0].Id));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers), MemberType = typeof(Samples))]
    public async Task An_import_that_loses_the_insert_race_retries_and_updates_the_winners_event(DatabaseProvider provider)
    {
        ImportFixture? fixture = null;
        long? winnerId = null;
        var raced = false;
        var hook = new SaveHook(async context =>
        {
            if (raced || !context.ChangeTracker.Entries<CancellationEvent>().Any(e => e.State == EntityState.Added))
            {
                return;
            }

            raced = true;
            if (provider == DatabaseProvider.PostgreSql)
            {
                // A real concurrent writer on its own connection, committed between the importer's read and its insert.
                await using var other = fixture!.Database.CreateContext();
                winnerId = await InsertKeyedEventAsync(other, fixture.SourceId);
            }
            else
            {
                // SQLite admits one writer at a time, so the competing row is written inside the importer's transaction
                // (the retry then starts from a rolled-back store); what matters is that the violation is recognised.
                await InsertKeyedEventAsync((DashboardDbContext)context, fixture!.SourceId);
            }
        });
        fixture = await ImportFixture.CreateAsync(provider, hook);
        await using var _ = fixture;
        await fixture.Importer.ImportAsync(fixture.Batch(Plan(), Customer(), Subscription()));
        await AddReasonAsync(fixture);

        var result = await fixture.Importer.ImportAsync(fixture.Batch(Feedback()));

        Assert.True(raced);
        var only = Assert.Single(await fixture.ReadAsync(db => db.CancellationEvents.ToListAsync()));
        Assert.Equal(("Over budget", only.Id), (only.Comment, result.Items[0].Id));
        if (provider == DatabaseProvider.PostgreSql)
        {
            Assert.Equal((winnerId, ImportOutcome.Updated), (only.Id, result.Items[0].Outcome));
        }
        else
        {
            Assert.Equal(ImportOutcome.Created, result.Items[0].Outcome);
        }
    }

    [SkippableTheory]
    [MemberData(nameof(Providers), MemberType = typeof(Samples))]
    public async Task Events_without_the_key_may_repeat_and_feedback_keeps_its_own_event_beside_them(DatabaseProvider provider)
    {
        await using var fixture = await ImportFixture.CreateAsync(provider);
        await fixture.Importer.ImportAsync(fixture.Batch(Plan(), Customer(), Subscription()));
        var reasonId = await AddReasonAsync(fixture);
        var customerId = await fixture.ReadAsync(db => db.Customers.Select(c => c.Id).SingleAsync());
        await fixture.ReadAsync(async db =>
        {
            foreach (var subscriptions in new[] { null, null, "sub_1", "sub_1" })
            {
                db.CancellationEvents.Add(new CancellationEvent
                {
                    CustomerId = customerId, ReasonId = reasonId, OccurredAt = Start, SubscriptionExternalIds = subscriptions,
                });
            }

            return await db.SaveChangesAsync();
        });

        await fixture.Importer.ImportAsync(fixture.Batch(Feedback()));
        await fixture.Importer.ImportAsync(fixture.Batch(Feedback(comment: "Changed their mind about the price")));

        var events = await fixture.ReadAsync(db => db.CancellationEvents.OrderBy(e => e.Id).ToListAsync());
        Assert.Equal(5, events.Count);
        Assert.All(events.Take(4), e => Assert.Equal((null, (string?)null), (e.FeedbackSourceId, e.Comment)));
        Assert.Equal(((long?)fixture.SourceId, "Changed their mind about the price"), (events[4].FeedbackSourceId, events[4].Comment));
    }

    [Theory]
    [MemberData(nameof(LegacyUpgradeTests.Providers), MemberType = typeof(LegacyUpgradeTests))]
    public async Task Migrating_a_store_with_duplicate_events_keys_the_oldest_and_deletes_nothing(DatabaseProvider provider)
    {
        // The hand-written migrations' own data moves, on a database built by them (see LegacyUpgradeTests).
        await using var fixture = await ImportFixture.CreateLegacyAsync(provider);
        await fixture.Importer.ImportAsync(fixture.Batch(Plan(), Customer(), Subscription(), Subscription("sub_2")));
        var reasonId = await AddReasonAsync(fixture);
        await using (var db = fixture.Database.CreateContext())
        {
            await LegacyMigrations.MigrateAsync(fixture.Database, "20261122120000_StripePaymentLinks");
            var customerId = await db.Customers.Select(c => c.Id).SingleAsync();
            // Written with the old schema, as the racing importer or the API could have: two events for sub_1, one for
            // sub_2, one for both and one for none.
            foreach (var (subscriptions, comment) in new (string?, string)[] { ("sub_1", "first"), ("sub_1", "second"), ("sub_2", "only"), ("sub_1|sub_2", "both"), (null, "none") })
            {
                await InsertOldEventAsync(db, customerId, reasonId, subscriptions, comment);
            }

            await LegacyMigrations.MigrateAsync(fixture.Database);
        }

        var events = await fixture.ReadAsync(db => db.CancellationEvents.OrderBy(e => e.Id).ToListAsync());
        Assert.Equal(["first", "second", "only", "both", "none"], events.Select(e => e.Comment));
        Assert.Equal([fixture.SourceId, null, fixture.SourceId, null, null], events.Select(e => e.FeedbackSourceId));

        var update = await fixture.Importer.ImportAsync(fixture.Batch(Feedback(comment: "after the migration")));
        Assert.Equal((ImportOutcome.Updated, events[0].Id), (update.Items[0].Outcome, update.Items[0].Id));
        Assert.Equal(5, await fixture.CountAsync<CancellationEvent>());
    }

    private static Task<long> AddReasonAsync(ImportFixture fixture) => fixture.ReadAsync(async db =>
    {
        var reason = new CancellationReason { Text = Reason, SortKey = 10 };
        db.CancellationReasons.Add(reason);
        await db.SaveChangesAsync();
        return reason.Id;
    });

    private static async Task<long> InsertKeyedEventAsync(DashboardDbContext db, long sourceId)
    {
        var customerId = await db.Customers.Select(c => c.Id).SingleAsync();
        var reasonId = await db.CancellationReasons.Select(r => r.Id).SingleAsync();
        var occurred = db.IsSqlite ? (object)Start.UtcTicks : Start;
        var ids = await db.Database.SqlQueryRaw<long>(
            """
            INSERT INTO cancellation_events ("CustomerId", "ReasonId", "Comment", "OccurredAt", "SubscriptionExternalIds", "FeedbackSourceId")
            VALUES ({0}, {1}, 'From the other writer', {2}, 'sub_1', {3}) RETURNING "Id" AS "Value"
            """, customerId, reasonId, occurred, sourceId).ToListAsync();
        return ids.Single();
    }

    private static Task InsertOldEventAsync(DashboardDbContext db, long customerId, long reasonId, string? subscriptions, string comment)
    {
        var occurred = db.IsSqlite ? (object)Start.UtcTicks : Start;
        // A null parameter has no type EF can map, so "no subscription" is written as a literal NULL.
        return subscriptions is null
            ? db.Database.ExecuteSqlRawAsync(
                """INSERT INTO cancellation_events ("CustomerId", "ReasonId", "Comment", "OccurredAt") VALUES ({0}, {1}, {2}, {3})""",
                customerId, reasonId, comment, occurred)
            : db.Database.ExecuteSqlRawAsync(
                """INSERT INTO cancellation_events ("CustomerId", "ReasonId", "Comment", "OccurredAt", "SubscriptionExternalIds") VALUES ({0}, {1}, {2}, {3}, {4})""",
                customerId, reasonId, comment, occurred, subscriptions);
    }
}
