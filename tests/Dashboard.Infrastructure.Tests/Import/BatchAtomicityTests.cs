using Dashboard.Core.Billing;
using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Import;
using Microsoft.EntityFrameworkCore;
using static Dashboard.Infrastructure.Tests.Import.Samples;

namespace Dashboard.Infrastructure.Tests.Import;

public sealed class BatchAtomicityTests
{
    [SkippableTheory]
    [MemberData(nameof(Providers), MemberType = typeof(Samples))]
    public async Task A_batch_with_invalid_objects_writes_nothing_and_reports_every_error_with_its_field(DatabaseProvider provider)
    {
        await using var fixture = await ImportFixture.CreateAsync(provider);
        await fixture.Importer.ImportAsync(fixture.Batch(Plan(), Customer()));
        var before = await fixture.CountsAsync();

        var refused = await Assert.ThrowsAsync<ImportValidationException>(() => fixture.Importer.ImportAsync(fixture.Batch(
            Customer("cus_2"),
            Plan("bad_plan") with { Currency = "usdx", Amount = -1, IntervalCount = 0 },
            Subscription("sub_2", customer: "cus_2") with { Quantity = 0, TrialEnd = Start.AddDays(-1) },
            Charge() with { Oid = "ch_2", SubscriptionOid = null, Amount = null })));

        Assert.Equal(before, await fixture.CountsAsync());
        Assert.Equal(
            [(1, "bad_plan", "currency"), (1, "bad_plan", "amount"), (1, "bad_plan", "interval_count"),
             (2, "sub_2", "quantity"), (2, "sub_2", "trial_end"), (3, "ch_2", "amount")],
            refused.Errors.Select(e => (e.Index, e.Oid, e.Field)));
        Assert.Empty(fixture.Notifier.Changes.Skip(1));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers), MemberType = typeof(Samples))]
    public async Task Missing_references_are_all_reported_by_name_and_nothing_is_written(DatabaseProvider provider)
    {
        await using var fixture = await ImportFixture.CreateAsync(provider);

        var refused = await Assert.ThrowsAsync<ImportValidationException>(() => fixture.Importer.ImportAsync(fixture.Batch(
            Plan(),
            Subscription(customer: "cus_ghost"),
            Charge(customer: "cus_ghost") with { SubscriptionOid = null },
            Refund(charge: "ch_ghost"))));

        Assert.Equal([(1, "customer_oid"), (2, "customer_oid"), (3, "charge_oid")], refused.Errors.Select(e => (e.Index, e.Field)));
        Assert.Contains("'cus_ghost'", refused.Errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("'ch_ghost'", refused.Errors[2].Message, StringComparison.Ordinal);
        Assert.Equal(0, await fixture.CountAsync<Plan>());
    }

    [SkippableTheory]
    [MemberData(nameof(Providers), MemberType = typeof(Samples))]
    public async Task A_failure_in_the_last_write_phase_rolls_back_everything_written_before_it(DatabaseProvider provider)
    {
        var hook = new SaveHook(context => context.ChangeTracker.Entries<Refund>().Any(e => e.State == EntityState.Added)
            ? throw new InvalidOperationException("disk full (injected)")
            : Task.CompletedTask);
        await using var fixture = await ImportFixture.CreateAsync(provider, hook);

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            fixture.Importer.ImportAsync(fixture.Batch(Plan(), Customer(), Subscription(), Charge(), Refund())));

        Assert.Equal("disk full (injected)", failure.Message);
        Assert.True(hook.Calls >= 4, "plans, customers, subscriptions and charges were saved before the refunds failed");
        Assert.Equal("plans=0 customers=0 subscriptions=0 states=0 addons=0 charges=0 refunds=0 attributes=0", await fixture.CountsAsync());
        Assert.Empty(fixture.Notifier.Changes);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers), MemberType = typeof(Samples))]
    public async Task A_unique_violation_at_save_that_persists_gives_a_conflict_and_leaves_nothing(DatabaseProvider provider)
    {
        // Every try, a writer inside the transaction takes the customer's (source, oid) just before the importer inserts it.
        var collisions = 0;
        var hook = new SaveHook(async context =>
        {
            if (context.ChangeTracker.Entries<Customer>().Any(e => e.State == EntityState.Added))
            {
                collisions++;
                await InsertCustomerAsync((DashboardDbContext)context, "cus_1");
            }
        });
        await using var fixture = await ImportFixture.CreateAsync(provider, hook);

        await Assert.ThrowsAsync<ImportConflictException>(() =>
            fixture.Importer.ImportAsync(fixture.Batch(Plan(), Customer(), Subscription(), Charge())));

        Assert.Equal(8, collisions);
        Assert.Equal("plans=0 customers=0 subscriptions=0 states=0 addons=0 charges=0 refunds=0 attributes=0", await fixture.CountsAsync());
    }

    [SkippableTheory]
    [MemberData(nameof(Providers), MemberType = typeof(Samples))]
    public async Task A_customer_inserted_concurrently_is_retried_and_updated_not_duplicated(DatabaseProvider provider)
    {
        ImportFixture? fixture = null;
        var raced = false;
        var hook = new SaveHook(async context =>
        {
            if (raced || !context.ChangeTracker.Entries<Customer>().Any(e => e.State == EntityState.Added))
            {
                return;
            }

            raced = true;
            if (provider == DatabaseProvider.PostgreSql)
            {
                // A real concurrent writer: its own connection, committed before the importer's insert.
                await using var other = fixture!.Database.CreateContext();
                await InsertCustomerAsync(other, "cus_1");
            }
            else
            {
                // SQLite lets one writer hold the file at a time, so a second connection would wait for the importer;
                // the collision is produced inside the importer's transaction instead.
                await InsertCustomerAsync((DashboardDbContext)context, "cus_1");
            }
        });
        fixture = await ImportFixture.CreateAsync(provider, hook);
        await using var _ = fixture;

        var result = await fixture.Importer.ImportAsync(fixture.Batch(Plan(), Customer() with { Name = "From the batch" }, Subscription()));

        var customers = await fixture.ReadAsync(db => db.Customers.ToListAsync());
        Assert.Equal("From the batch", Assert.Single(customers).Name);
        Assert.Equal(1, await fixture.CountAsync<Subscription>());
        Assert.Equal(customers[0].Id, result.Items[1].Id);
        Assert.Equal(provider == DatabaseProvider.PostgreSql ? ImportOutcome.Updated : ImportOutcome.Created, result.Items[1].Outcome);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers), MemberType = typeof(Samples))]
    public async Task Concurrent_imports_of_the_same_change_store_it_once(DatabaseProvider provider)
    {
        await using var fixture = await ImportFixture.CreateAsync(provider);
        await fixture.Importer.ImportAsync(fixture.Batch(Plan(), Customer(), Subscription()));
        var change = new Dashboard.Infrastructure.Import.Operations.SubscriptionChange
        {
            Oid = "sub_1", PlanOid = "pro_monthly", OccurredAt = Start.AddMonths(1), Quantity = 8,
        };

        using var start = new ManualResetEventSlim();
        var imports = Enumerable.Range(0, 3)
            .Select(_ => Task.Run(() =>
            {
                start.Wait();
                return fixture.Importer.ImportAsync(fixture.Batch(change));
            }))
            .ToArray();
        start.Set();
        var results = await Task.WhenAll(imports);

        Assert.Equal(2, await fixture.CountAsync<SubscriptionState>());
        Assert.Single(results, r => r.Items[0].Outcome == ImportOutcome.Updated);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers), MemberType = typeof(Samples))]
    public async Task A_charge_on_another_customers_subscription_is_refused(DatabaseProvider provider)
    {
        await using var fixture = await ImportFixture.CreateAsync(provider);
        await fixture.Importer.ImportAsync(fixture.Batch(Plan(), Customer(), Customer("cus_2"), Subscription()));

        var refused = await Assert.ThrowsAsync<ImportValidationException>(() => fixture.Importer.ImportAsync(fixture.Batch(
            Charge(customer: "cus_2"), Charge("ch_2") with { SubscriptionOid = "sub_ghost" })));

        Assert.Equal([(0, "subscription_oid"), (1, "subscription_oid")], refused.Errors.Select(e => (e.Index, e.Field)));
        Assert.Equal(0, await fixture.CountAsync<Charge>());
    }

    [SkippableTheory]
    [MemberData(nameof(Providers), MemberType = typeof(Samples))]
    public async Task A_batch_for_a_missing_source_is_refused(DatabaseProvider provider)
    {
        await using var fixture = await ImportFixture.CreateAsync(provider);

        var refused = await Assert.ThrowsAsync<ImportValidationException>(() => fixture.Importer.ImportAsync(fixture.Batch(9999, Plan())));

        Assert.Equal("source_id", refused.Errors.Single().Field);
        Assert.Equal(0, await fixture.CountAsync<Plan>());
    }

    private static async Task InsertCustomerAsync(DashboardDbContext context, string oid)
    {
        var sourceId = await context.Sources.Select(s => s.Id).FirstAsync();
        var created = context.IsSqlite ? (object)ImportFixture.Now.UtcTicks : ImportFixture.Now;
        await context.Database.ExecuteSqlRawAsync(
            """INSERT INTO customers ("SourceId", "ExternalId", "Name", "CreatedAt") VALUES ({0}, {1}, 'Concurrent writer', {2})""",
            sourceId, oid, created);
    }
}
