using Dashboard.Core.Billing;
using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Import;
using Dashboard.Infrastructure.Import.Operations;
using Microsoft.EntityFrameworkCore;
using static Dashboard.Infrastructure.Tests.Import.Samples;

namespace Dashboard.Infrastructure.Tests.Import;

/// <summary>
/// <see cref="BillingImporter.ImportOneAsync"/> puts concurrent single writes into shared transactions; each caller
/// must still see exactly the outcome and the errors of its own write.
/// </summary>
public sealed class GroupCommitTests
{
    [SkippableTheory]
    [MemberData(nameof(Providers), MemberType = typeof(Samples))]
    public async Task Concurrent_single_writes_are_all_stored_in_fewer_transactions_than_writes(DatabaseProvider provider)
    {
        await using var fixture = await ImportFixture.CreateAsync(provider);
        const int writes = 200;

        var results = await Task.WhenAll(Enumerable.Range(0, writes).Select(i =>
            fixture.Importer.ImportOneAsync(fixture.SourceId, Customer($"cus_{i}") with { Name = $"Customer {i}" })));

        Assert.All(results, r => Assert.Equal((0, ImportObjectKind.Customer, ImportOutcome.Created), (r.Index, r.Kind, r.Outcome)));
        Assert.Equal(Enumerable.Range(0, writes).Select(i => $"cus_{i}").Order(), results.Select(r => r.Oid).Order());
        var stored = await fixture.ReadAsync(db => db.Customers.ToDictionaryAsync(c => c.ExternalId, c => c.Id));
        Assert.Equal(writes, stored.Count);
        Assert.All(results, r => Assert.Equal(stored[r.Oid], r.Id));
        Assert.InRange(fixture.Notifier.Changes.Count, 1, writes - 1);
        Assert.Equal(writes, fixture.Notifier.Changes.Sum(c => c.CustomerIds.Count));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers), MemberType = typeof(Samples))]
    public async Task A_refused_write_gets_its_own_errors_and_the_writes_grouped_with_it_are_stored(DatabaseProvider provider)
    {
        await using var fixture = await ImportFixture.CreateAsync(provider);
        await fixture.Importer.ImportAsync(fixture.Batch(Customer("cus_1")));

        var writes = Enumerable.Range(0, 50)
            .Select(i => i == 25
                ? Charge($"ch_{i}", customer: "cus_ghost") with { SubscriptionOid = null }
                : Charge($"ch_{i}") with { SubscriptionOid = null })
            .Select(charge => fixture.Importer.ImportOneAsync(fixture.SourceId, charge))
            .ToList();
        var refused = await Assert.ThrowsAsync<ImportValidationException>(() => writes[25]);

        var error = Assert.Single(refused.Errors);
        Assert.Equal((0, "ch_25", "customer_oid"), (error.Index, error.Oid, error.Field));
        Assert.Contains("'cus_ghost'", error.Message, StringComparison.Ordinal);
        foreach (var write in writes.Where((_, i) => i != 25))
        {
            Assert.Equal(ImportOutcome.Created, (await write).Outcome);
        }

        Assert.Equal(49, await fixture.CountAsync<Charge>());
    }

    [SkippableTheory]
    [MemberData(nameof(Providers), MemberType = typeof(Samples))]
    public async Task Writes_of_the_same_object_are_applied_in_the_order_they_arrived(DatabaseProvider provider)
    {
        await using var fixture = await ImportFixture.CreateAsync(provider);

        var writes = Enumerable.Range(0, 20)
            .Select(i => fixture.Importer.ImportOneAsync(fixture.SourceId, Customer(i % 2 == 0 ? "cus_a" : "cus_b") with { Name = $"Name {i}" }))
            .ToList();
        var outcomes = await Task.WhenAll(writes);

        Assert.Equal(ImportOutcome.Created, outcomes[0].Outcome);
        Assert.Equal(ImportOutcome.Created, outcomes[1].Outcome);
        Assert.All(outcomes.Skip(2), o => Assert.Equal(ImportOutcome.Updated, o.Outcome));
        var names = await fixture.ReadAsync(db => db.Customers.OrderBy(c => c.ExternalId).Select(c => c.Name).ToListAsync());
        Assert.Equal(["Name 18", "Name 19"], names);
    }

    [Fact]
    public async Task An_invalid_write_is_refused_before_it_joins_a_group()
    {
        await using var fixture = await ImportFixture.CreateAsync(DatabaseProvider.Sqlite);

        var refused = await Assert.ThrowsAsync<ImportValidationException>(() =>
            fixture.Importer.ImportOneAsync(fixture.SourceId, Plan() with { Currency = "usdx" }));

        Assert.Equal("currency", Assert.Single(refused.Errors).Field);
        Assert.Equal(0, await fixture.CountAsync<Plan>());
        Assert.Empty(fixture.Notifier.Changes);
    }

    [Fact]
    public async Task A_deletion_runs_alone_and_reports_what_it_removed()
    {
        await using var fixture = await ImportFixture.CreateAsync(DatabaseProvider.Sqlite);
        await fixture.Importer.ImportAsync(fixture.Batch(Customer("cus_1")));

        var deleted = await fixture.Importer.ImportOneAsync(fixture.SourceId, new Deletion { Target = ImportObjectKind.Customer, Oid = "cus_1" });
        var missing = await fixture.Importer.ImportOneAsync(fixture.SourceId, new Deletion { Target = ImportObjectKind.Customer, Oid = "cus_1" });

        Assert.Equal(ImportOutcome.Deleted, deleted.Outcome);
        Assert.Equal(ImportOutcome.NotFound, missing.Outcome);
        Assert.Equal(0, await fixture.CountAsync<Customer>());
    }
}
