using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Import;
using Dashboard.Infrastructure.Tests.Import;
using Microsoft.EntityFrameworkCore;
using static Dashboard.Infrastructure.Tests.Import.Samples;

namespace Dashboard.Infrastructure.Tests.Reporting;

public sealed class FxRateStoreTests
{
    private static readonly DateOnly Day = new(2026, 11, 1);

    [Theory]
    [MemberData(nameof(Providers), MemberType = typeof(Samples))]
    public async Task Fx_rates_are_upserted_by_date_and_currency_and_invalid_rows_refuse_the_call(DatabaseProvider provider)
    {
        await using var fixture = await ImportFixture.CreateAsync(provider);
        await fixture.FxRates.UpsertAsync([new(Day, "eur", 1.08m), new(Day.AddDays(1), "EUR", 1.09m)]);

        await fixture.FxRates.UpsertAsync([new(Day, "EUR", 1.0825m)]);
        var refused = await Assert.ThrowsAsync<ImportValidationException>(() => fixture.FxRates.UpsertAsync(
            [new(Day, "GBP", 1.27m), new(Day, "GBP", 0m), new(null, "XXQ", 1m)]));

        Assert.Equal([(1, "rate"), (2, "date"), (2, "currency")], refused.Errors.Select(e => (e.Index, e.Field)));
        var rates = await fixture.ReadAsync(db => db.FxRates.OrderBy(r => r.Date).ToListAsync());
        Assert.Equal([(Day, "EUR", 1.0825m), (Day.AddDays(1), "EUR", 1.09m)], rates.Select(r => (r.Date, r.Currency, r.Rate)));
        Assert.Contains(fixture.Notifier.Changes, c => c.Kinds == BillingChangeKinds.FxRates);
    }
}
