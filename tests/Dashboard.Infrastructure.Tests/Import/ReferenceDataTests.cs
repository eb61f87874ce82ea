using Dashboard.Core.Billing;
using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Import;
using Microsoft.EntityFrameworkCore;
using static Dashboard.Infrastructure.Tests.Import.Samples;

namespace Dashboard.Infrastructure.Tests.Import;

public sealed class ReferenceDataTests
{
    private static readonly DateOnly Day = new(2026, 11, 1);

    [SkippableTheory]
    [MemberData(nameof(Providers), MemberType = typeof(Samples))]
    public async Task Fx_rates_are_upserted_by_date_and_currency_and_invalid_rows_refuse_the_call(DatabaseProvider provider)
    {
        await using var fixture = await ImportFixture.CreateAsync(provider);
        await fixture.Importer.UpsertFxRatesAsync([new(Day, "eur", 1.08m), new(Day.AddDays(1), "EUR", 1.09m)]);

        await fixture.Importer.UpsertFxRatesAsync([new(Day, "EUR", 1.0825m)]);
        var refused = await Assert.ThrowsAsync<ImportValidationException>(() => fixture.Importer.UpsertFxRatesAsync(
            [new(Day, "GBP", 1.27m), new(Day, "GBP", 0m), new(null, "XXQ", 1m)]));

        Assert.Equal([(1, "rate"), (2, "date"), (2, "currency")], refused.Errors.Select(e => (e.Index, e.Field)));
        var rates = await fixture.ReadAsync(db => db.FxRates.OrderBy(r => r.Date).ToListAsync());
        Assert.Equal([(Day, "EUR", 1.0825m), (Day.AddDays(1), "EUR", 1.09m)], rates.Select(r => (r.Date, r.Currency, r.Rate)));
        Assert.Contains(fixture.Notifier.Changes, c => c.Kinds == BillingChangeKinds.FxRates);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers), MemberType = typeof(Samples))]
    public async Task Settings_are_set_read_replaced_and_removed(DatabaseProvider provider)
    {
        await using var fixture = await ImportFixture.CreateAsync(provider);

        await fixture.Importer.SetSettingAsync("Reporting:Currency", "EUR");
        await fixture.Importer.SetSettingAsync("Reporting:TimeZone", "Europe/Berlin");
        await fixture.Importer.SetSettingAsync("Reporting:Currency", "GBP");
        Assert.Equal("GBP", await fixture.Importer.GetSettingAsync("Reporting:Currency"));

        await fixture.Importer.SetSettingAsync("Reporting:TimeZone", null);
        var all = await fixture.Importer.GetSettingsAsync();

        Assert.Equal(new Dictionary<string, string> { ["Reporting:Currency"] = "GBP" }, all);
        Assert.Null(await fixture.Importer.GetSettingAsync("Reporting:TimeZone"));
    }

    [SkippableTheory]
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
