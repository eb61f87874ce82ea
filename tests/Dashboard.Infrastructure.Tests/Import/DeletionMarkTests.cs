using Dashboard.Core.Billing;
using Dashboard.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using static Dashboard.Infrastructure.Tests.Import.Samples;

namespace Dashboard.Infrastructure.Tests.Import;

/// <summary>A customer the source deleted stays in the store with its history, marked deleted; lost disputes are refund rows of their own kind.</summary>
public sealed class DeletionMarkTests
{
    [SkippableTheory]
    [MemberData(nameof(Providers), MemberType = typeof(Samples))]
    public async Task A_customer_marked_deleted_keeps_its_history_and_its_subscriptions_take_the_mark(DatabaseProvider provider)
    {
        await using var fixture = await ImportFixture.CreateAsync(provider);
        await fixture.Importer.ImportAsync(fixture.Batch(Plan(), Customer(), Subscription(), Charge(), Refund()));
        var deletedAt = Start.AddMonths(3);

        await fixture.Importer.ImportAsync(fixture.Batch(Customer() with { Deleted = deletedAt }));

        Assert.Equal("plans=1 customers=1 subscriptions=1 states=1 addons=0 charges=1 refunds=1 attributes=0", await fixture.CountsAsync());
        Assert.Equal(deletedAt, await fixture.ReadAsync(db => db.Customers.Select(c => c.DeletedAt).SingleAsync()));
        Assert.Equal(deletedAt, await fixture.ReadAsync(db => db.Subscriptions.Select(s => s.DeletedAt).SingleAsync()));
        Assert.Equal("Acme Ltd", await fixture.ReadAsync(db => db.Customers.Select(c => c.Name).SingleAsync()));

        // Imported again without the mark (the source has it again), customer and subscriptions are no longer deleted.
        await fixture.Importer.ImportAsync(fixture.Batch(Customer()));
        Assert.Null(await fixture.ReadAsync(db => db.Customers.Select(c => c.DeletedAt).SingleAsync()));
        Assert.Null(await fixture.ReadAsync(db => db.Subscriptions.Select(s => s.DeletedAt).SingleAsync()));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers), MemberType = typeof(Samples))]
    public async Task A_lost_dispute_is_stored_as_a_dispute_and_counts_with_the_refunds_against_the_charge(DatabaseProvider provider)
    {
        await using var fixture = await ImportFixture.CreateAsync(provider);
        await fixture.Importer.ImportAsync(fixture.Batch(Plan(), Customer(), Subscription(), Charge(amount: 9800), Refund(amount: 800),
            Refund("dp_1", amount: 9000) with { Kind = RefundKind.Dispute }));

        var kinds = await fixture.ReadAsync(db => db.Refunds.OrderBy(r => r.ExternalId).Select(r => new { r.ExternalId, r.Kind }).ToListAsync());
        Assert.Equal([("dp_1", RefundKind.Dispute), ("re_1", RefundKind.Refund)], kinds.Select(k => (k.ExternalId, k.Kind)));
        await Assert.ThrowsAsync<Dashboard.Infrastructure.Import.ImportValidationException>(() =>
            fixture.Importer.ImportAsync(fixture.Batch(Refund("re_2", amount: 1))));
    }
}
