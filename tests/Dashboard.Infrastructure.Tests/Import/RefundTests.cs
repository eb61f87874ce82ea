using Dashboard.Core.Billing;
using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Import;
using Microsoft.EntityFrameworkCore;
using static Dashboard.Infrastructure.Tests.Import.Samples;

namespace Dashboard.Infrastructure.Tests.Import;

public sealed class RefundTests
{
    [SkippableTheory]
    [MemberData(nameof(Providers), MemberType = typeof(Samples))]
    public async Task A_refund_larger_than_its_charge_is_refused(DatabaseProvider provider)
    {
        await using var fixture = await ImportFixture.CreateAsync(provider);
        await fixture.Importer.ImportAsync(fixture.Batch(Plan(), Customer(), Subscription(), Charge(amount: 9800)));

        var refused = await Assert.ThrowsAsync<ImportValidationException>(() =>
            fixture.Importer.ImportAsync(fixture.Batch(Refund(amount: 9801))));

        var error = Assert.Single(refused.Errors);
        Assert.Equal(("re_1", "amount"), (error.Oid, error.Field));
        Assert.Equal(0, await fixture.CountAsync<Refund>());
    }

    [SkippableTheory]
    [MemberData(nameof(Providers), MemberType = typeof(Samples))]
    public async Task Refunds_of_one_charge_may_add_up_to_it_but_not_beyond_and_a_reposted_refund_counts_once(DatabaseProvider provider)
    {
        await using var fixture = await ImportFixture.CreateAsync(provider);
        await fixture.Importer.ImportAsync(fixture.Batch(Plan(), Customer(), Subscription(), Charge(amount: 9800), Refund("re_1", amount: 4000)));

        await fixture.Importer.ImportAsync(fixture.Batch(Refund("re_1", amount: 5000), Refund("re_2", amount: 4800)));
        var refused = await Assert.ThrowsAsync<ImportValidationException>(() =>
            fixture.Importer.ImportAsync(fixture.Batch(Refund("re_3", amount: 1))));

        Assert.Contains("9801", refused.Errors.Single().Message, StringComparison.Ordinal);
        var amounts = await fixture.ReadAsync(db => db.Refunds.OrderBy(r => r.ExternalId).Select(r => r.AmountMinor).ToListAsync());
        Assert.Equal([5000L, 4800L], amounts);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers), MemberType = typeof(Samples))]
    public async Task Lowering_a_charge_below_its_refunds_is_refused(DatabaseProvider provider)
    {
        await using var fixture = await ImportFixture.CreateAsync(provider);
        await fixture.Importer.ImportAsync(fixture.Batch(Plan(), Customer(), Subscription(), Charge(amount: 9800), Refund(amount: 5000)));

        var refused = await Assert.ThrowsAsync<ImportValidationException>(() =>
            fixture.Importer.ImportAsync(fixture.Batch(Charge(amount: 4000))));

        Assert.Equal(("ch_1", "amount"), (refused.Errors.Single().Oid, refused.Errors.Single().Field));
        Assert.Equal(9800, await fixture.ReadAsync(db => db.Charges.Select(c => c.AmountMinor).SingleAsync()));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers), MemberType = typeof(Samples))]
    public async Task Refunds_of_failed_charges_or_in_another_currency_are_refused(DatabaseProvider provider)
    {
        await using var fixture = await ImportFixture.CreateAsync(provider);
        await fixture.Importer.ImportAsync(fixture.Batch(Plan(), Customer(), Subscription(),
            Charge("ch_failed") with { Status = ChargeStatus.Failed }, Charge("ch_paid")));

        var refused = await Assert.ThrowsAsync<ImportValidationException>(() => fixture.Importer.ImportAsync(fixture.Batch(
            Refund("re_1", charge: "ch_failed"), Refund("re_2", charge: "ch_paid") with { Currency = "EUR" })));

        Assert.Equal([(0, "charge_oid"), (1, "currency")], refused.Errors.Select(e => (e.Index, e.Field)));
    }
}
