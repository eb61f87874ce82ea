using Dashboard.Core.Billing;
using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Import;
using Dashboard.Infrastructure.Import.Operations;
using Microsoft.EntityFrameworkCore;
using static Dashboard.Infrastructure.Tests.Import.Samples;

namespace Dashboard.Infrastructure.Tests.Import;

public sealed class AttributeTests
{
    [SkippableTheory]
    [MemberData(nameof(Providers), MemberType = typeof(Samples))]
    public async Task Values_are_normalized_and_a_value_of_the_wrong_type_refuses_the_whole_call(DatabaseProvider provider)
    {
        await using var fixture = await ImportFixture.CreateAsync(provider);
        await fixture.Importer.ImportAsync(fixture.Batch(Customer("cus_1"), Customer("cus_2") with { Email = "ops@beta.test" }));
        await fixture.AttributeFields.EnsureAsync("Seats", AttributeType.Number);
        await fixture.AttributeFields.EnsureAsync("Renewal date", AttributeType.Date);

        var refused = await Assert.ThrowsAsync<ImportValidationException>(() => fixture.Importer.SetAttributesAsync([
            new AttributeAssignment { CustomerOid = "cus_1", Key = "seats", Value = "12.50" },
            new AttributeAssignment { CustomerOid = "cus_1", Key = "renewal_date", Value = "next tuesday" },
        ]));
        Assert.Equal([(1, "value")], refused.Errors.Select(e => (e.Index, e.Field)));
        Assert.Equal(0, await fixture.CountAsync<CustomerAttribute>());

        var results = await fixture.Importer.SetAttributesAsync([
            new AttributeAssignment { CustomerOid = "cus_1", Key = "seats", Value = " 12.50 " },
            new AttributeAssignment { CustomerEmail = "OPS@beta.test", Key = "renewal_date", Value = "2027-01-31T10:00:00Z" },
            new AttributeAssignment { CustomerOid = "cus_nobody", Key = "seats", Value = "1" },
        ]);

        Assert.Equal(
            [AttributeAssignmentOutcome.Applied, AttributeAssignmentOutcome.Applied, AttributeAssignmentOutcome.CustomerNotFound],
            results.Select(r => r.Outcome));
        var values = await fixture.ReadAsync(db => db.CustomerAttributes.OrderBy(a => a.CustomerId).Select(a => a.Value).ToListAsync());
        Assert.Equal(["12.50", "2027-01-31"], values);
        Assert.Equal(results[0].CustomerId, fixture.Notifier.Changes.Last().CustomerIds.First());
    }

    [SkippableTheory]
    [MemberData(nameof(Providers), MemberType = typeof(Samples))]
    public async Task An_oid_shared_by_two_sources_needs_the_source(DatabaseProvider provider)
    {
        await using var fixture = await ImportFixture.CreateAsync(provider);
        var other = await fixture.Sources.CreateAsync("Stripe", SourceProvider.Stripe);
        await fixture.Importer.ImportAsync(fixture.Batch(Customer()));
        await fixture.Importer.ImportAsync(fixture.Batch(other.Id, Customer()));
        await fixture.AttributeFields.EnsureAsync("Plan tier", AttributeType.String);

        var results = await fixture.Importer.SetAttributesAsync([
            new AttributeAssignment { CustomerOid = "cus_1", Key = "plan_tier", Value = "gold" },
            new AttributeAssignment { CustomerOid = "cus_1", SourceId = other.Id, Key = "plan_tier", Value = "gold" },
        ]);

        Assert.Equal([AttributeAssignmentOutcome.CustomerAmbiguous, AttributeAssignmentOutcome.Applied], results.Select(r => r.Outcome));
        Assert.Equal(1, await fixture.CountAsync<CustomerAttribute>());
    }

    [SkippableTheory]
    [MemberData(nameof(Providers), MemberType = typeof(Samples))]
    public async Task Attribute_values_in_a_batch_are_typed_checked_and_upserted(DatabaseProvider provider)
    {
        await using var fixture = await ImportFixture.CreateAsync(provider);
        await fixture.AttributeFields.EnsureAsync("Churn risk", AttributeType.Boolean);

        var refused = await Assert.ThrowsAsync<ImportValidationException>(() => fixture.Importer.ImportAsync(fixture.Batch(
            Customer(), new CustomerAttributeImport { CustomerOid = "cus_1", Key = "churn_risk", Value = "maybe" })));
        Assert.Equal("value", refused.Errors.Single().Field);
        Assert.Equal(0, await fixture.CountAsync<Customer>());

        await fixture.Importer.ImportAsync(fixture.Batch(Customer(), new CustomerAttributeImport { CustomerOid = "cus_1", Key = "churn_risk", Value = "yes" }));
        var second = await fixture.Importer.ImportAsync(fixture.Batch(new CustomerAttributeImport { CustomerOid = "cus_1", Key = "churn_risk", Value = "0" }));

        Assert.Equal(ImportOutcome.Updated, second.Items.Single().Outcome);
        Assert.Equal("false", await fixture.ReadAsync(db => db.CustomerAttributes.Select(a => a.Value).SingleAsync()));
    }
}
