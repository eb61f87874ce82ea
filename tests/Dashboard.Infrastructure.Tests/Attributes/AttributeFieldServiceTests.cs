using Dashboard.Core.Billing;
using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Import;
using Dashboard.Infrastructure.Tests.Import;
using static Dashboard.Infrastructure.Tests.Import.Samples;

namespace Dashboard.Infrastructure.Tests.Attributes;

public sealed class AttributeFieldServiceTests
{
    [Theory]
    [MemberData(nameof(Providers), MemberType = typeof(Samples))]
    public async Task Fields_are_keyed_by_the_snake_case_of_their_title_and_ensured_once(DatabaseProvider provider)
    {
        await using var fixture = await ImportFixture.CreateAsync(provider);

        var created = await fixture.AttributeFields.EnsureAsync("UTM Source", AttributeType.String);
        var again = await fixture.AttributeFields.EnsureAsync("UTM Source", AttributeType.String);
        var wrongType = await Assert.ThrowsAsync<ImportValidationException>(() =>
            fixture.AttributeFields.EnsureAsync("UTM Source", AttributeType.Number));

        Assert.Equal("utm_source", created.Key);
        Assert.Equal(created.Id, again.Id);
        Assert.Equal("field_type", wrongType.Errors.Single().Field);
        Assert.Equal(1, await fixture.CountAsync<AttributeField>());
    }

    [Theory]
    [MemberData(nameof(Providers), MemberType = typeof(Samples))]
    public async Task Only_a_new_field_is_told_to_the_notifier_and_a_blank_title_is_refused(DatabaseProvider provider)
    {
        await using var fixture = await ImportFixture.CreateAsync(provider);

        await fixture.AttributeFields.EnsureAsync("Seats", AttributeType.Number);
        await fixture.AttributeFields.EnsureAsync("Seats", AttributeType.Number);
        var blank = await Assert.ThrowsAsync<ImportValidationException>(() => fixture.AttributeFields.EnsureAsync(" ", AttributeType.String));
        await fixture.AttributeFields.EnsureAsync("Plan tier", AttributeType.String, "tier");

        Assert.Equal("title", Assert.Single(blank.Errors).Field);
        Assert.Equal([BillingChangeKinds.Attributes, BillingChangeKinds.Attributes], fixture.Notifier.Changes.Select(c => c.Kinds));
        Assert.Equal(["seats", "tier"], (await fixture.AttributeFields.ListAsync()).Select(f => f.Key));
    }
}
