using Dashboard.Core.Billing;
using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Import;
using Dashboard.Infrastructure.Import.Operations;
using Microsoft.EntityFrameworkCore;
using static Dashboard.Infrastructure.Tests.Import.Samples;

namespace Dashboard.Infrastructure.Tests.Import;

public sealed class DeletionTests
{
    private static async Task<ImportFixture> SeededAsync(DatabaseProvider provider)
    {
        var fixture = await ImportFixture.CreateAsync(provider);
        await fixture.AttributeFields.EnsureAsync("Segment", AttributeType.String);
        await fixture.Importer.ImportAsync(fixture.Batch(
            Plan(), Customer(), Customer("cus_2"),
            Subscription() with { AddOns = [new AddOnImport { Oid = "seats", Amount = 100 }] },
            new SubscriptionChange { Oid = "sub_1", PlanOid = "pro_monthly", OccurredAt = Start.AddMonths(1), Quantity = 4 },
            Subscription("sub_2", customer: "cus_2"),
            Charge(), Refund(), Charge("ch_2", customer: "cus_2") with { SubscriptionOid = "sub_2" },
            new CustomerAttributeImport { CustomerOid = "cus_1", Key = "segment", Value = "smb" }));
        return fixture;
    }

    private static Deletion Delete(ImportObjectKind kind, string oid) => new() { Target = kind, Oid = oid };

    [SkippableTheory]
    [MemberData(nameof(Providers), MemberType = typeof(Samples))]
    public async Task Deleting_a_customer_removes_everything_of_that_customer_only(DatabaseProvider provider)
    {
        await using var fixture = await SeededAsync(provider);
        Assert.Equal("plans=1 customers=2 subscriptions=2 states=3 addons=2 charges=2 refunds=1 attributes=1", await fixture.CountsAsync());

        var result = await fixture.Importer.ImportAsync(fixture.Batch(Delete(ImportObjectKind.Customer, "cus_1")));

        Assert.Equal(ImportOutcome.Deleted, result.Items.Single().Outcome);
        Assert.Equal("plans=1 customers=1 subscriptions=1 states=1 addons=0 charges=1 refunds=0 attributes=0", await fixture.CountsAsync());
        Assert.Equal([result.Items.Single().Id!.Value], fixture.Notifier.Changes.Last().CustomerIds);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers), MemberType = typeof(Samples))]
    public async Task Deleting_a_subscription_removes_its_history_and_keeps_its_charges_unlinked(DatabaseProvider provider)
    {
        await using var fixture = await SeededAsync(provider);

        await fixture.Importer.ImportAsync(fixture.Batch(Delete(ImportObjectKind.Subscription, "sub_1")));

        Assert.Equal("plans=1 customers=2 subscriptions=1 states=1 addons=0 charges=2 refunds=1 attributes=1", await fixture.CountsAsync());
        Assert.Null(await fixture.ReadAsync(db => db.Charges.Where(c => c.ExternalId == "ch_1").Select(c => c.SubscriptionId).SingleAsync()));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers), MemberType = typeof(Samples))]
    public async Task Deleting_a_charge_removes_its_refunds_and_deleting_a_refund_only_itself(DatabaseProvider provider)
    {
        await using var fixture = await SeededAsync(provider);

        await fixture.Importer.ImportAsync(fixture.Batch(Delete(ImportObjectKind.Refund, "re_1")));
        Assert.Equal("plans=1 customers=2 subscriptions=2 states=3 addons=2 charges=2 refunds=0 attributes=1", await fixture.CountsAsync());
        await fixture.Importer.ImportAsync(fixture.Batch(Refund()));
        await fixture.Importer.ImportAsync(fixture.Batch(Delete(ImportObjectKind.Charge, "ch_1")));

        Assert.Equal("plans=1 customers=2 subscriptions=2 states=3 addons=2 charges=1 refunds=0 attributes=1", await fixture.CountsAsync());
    }

    [SkippableTheory]
    [MemberData(nameof(Providers), MemberType = typeof(Samples))]
    public async Task A_plan_in_use_cannot_be_deleted_and_an_unused_one_can(DatabaseProvider provider)
    {
        await using var fixture = await SeededAsync(provider);
        await fixture.Importer.ImportAsync(fixture.Batch(Plan("unused")));

        var refused = await Assert.ThrowsAsync<ImportValidationException>(() =>
            fixture.Importer.ImportAsync(fixture.Batch(Delete(ImportObjectKind.Plan, "unused"), Delete(ImportObjectKind.Plan, "pro_monthly"))));
        Assert.Equal((1, "oid"), (refused.Errors.Single().Index, refused.Errors.Single().Field));
        Assert.Contains("'sub_1', 'sub_2'", refused.Errors.Single().Message, StringComparison.Ordinal);
        Assert.Equal(2, await fixture.CountAsync<Plan>());

        await fixture.Importer.ImportAsync(fixture.Batch(Delete(ImportObjectKind.Plan, "unused")));
        Assert.Equal(1, await fixture.CountAsync<Plan>());
    }

    [SkippableTheory]
    [MemberData(nameof(Providers), MemberType = typeof(Samples))]
    public async Task Deleting_what_does_not_exist_reports_not_found_and_deleting_what_the_batch_writes_is_refused(DatabaseProvider provider)
    {
        await using var fixture = await SeededAsync(provider);
        var before = await fixture.CountsAsync();

        var result = await fixture.Importer.ImportAsync(fixture.Batch(Delete(ImportObjectKind.Customer, "cus_never")));
        var refused = await Assert.ThrowsAsync<ImportValidationException>(() =>
            fixture.Importer.ImportAsync(fixture.Batch(Customer("cus_3"), Delete(ImportObjectKind.Customer, "cus_3"))));

        Assert.Equal(ImportOutcome.NotFound, result.Items.Single().Outcome);
        Assert.Equal((1, "oid"), (refused.Errors.Single().Index, refused.Errors.Single().Field));
        Assert.Equal(before, await fixture.CountsAsync());
    }
}
