using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Import;
using static Dashboard.Infrastructure.Tests.Import.Samples;

namespace Dashboard.Infrastructure.Tests.Import;

public sealed class ChangeNotificationTests
{
    [Theory]
    [MemberData(nameof(Providers), MemberType = typeof(Samples))]
    public async Task The_notifier_hears_committed_batches_with_their_customers_and_never_refused_ones(DatabaseProvider provider)
    {
        await using var fixture = await ImportFixture.CreateAsync(provider);
        var result = await fixture.Importer.ImportAsync(fixture.Batch(Plan(), Customer(), Customer("cus_2"), Subscription()));
        var customerIds = result.Items.Where(i => i.Kind == Dashboard.Infrastructure.Import.Operations.ImportObjectKind.Customer).Select(i => i.Id!.Value);

        await Assert.ThrowsAsync<ImportValidationException>(() => fixture.Importer.ImportAsync(fixture.Batch(Plan() with { Amount = -5 })));
        await fixture.Importer.ImportAsync(fixture.Batch(Plan(amount: 5900)));

        Assert.Equal(2, fixture.Notifier.Changes.Count);
        var first = fixture.Notifier.Changes[0];
        Assert.Equal((fixture.SourceId, BillingChangeKinds.Billing), (first.SourceId!.Value, first.Kinds));
        Assert.Equal(customerIds.Order(), first.CustomerIds);
        Assert.Equal([customerIds.First()], fixture.Notifier.Changes[1].CustomerIds);
    }
}
