using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Import;
using Microsoft.EntityFrameworkCore;
using static Dashboard.Infrastructure.Tests.Import.Samples;

namespace Dashboard.Infrastructure.Tests.Import;

/// <summary>Several settings saved together: one transaction, one change notification, all or nothing.</summary>
public sealed class SettingsBatchTests
{
    private static readonly DateOnly Day = new(2026, 11, 1);

    [SkippableTheory]
    [MemberData(nameof(Providers), MemberType = typeof(Samples))]
    public async Task Several_settings_are_stored_with_one_notification(DatabaseProvider provider)
    {
        await using var fixture = await ImportFixture.CreateAsync(provider);
        await fixture.Importer.SetSettingAsync("Reporting:TimeZone", "UTC");
        await fixture.Importer.SetSettingAsync("Reporting:PastDueChurnDays", "30");
        var before = fixture.Notifier.Changes.Count;

        var deleted = await fixture.Importer.SetSettingsAsync(new Dictionary<string, string?>
        {
            ["Reporting:Currency"] = "EUR",
            ["Reporting:TimeZone"] = "Europe/Berlin",
            ["Reporting:PastDueChurnDays"] = null,
        });

        Assert.Equal(0, deleted);
        var change = Assert.Single(fixture.Notifier.Changes.Skip(before));
        Assert.Equal(BillingChangeKinds.Settings, change.Kinds);
        Assert.Equal(new Dictionary<string, string> { ["Reporting:Currency"] = "EUR", ["Reporting:TimeZone"] = "Europe/Berlin" },
            await fixture.Importer.GetSettingsAsync());
    }

    [SkippableTheory]
    [MemberData(nameof(Providers), MemberType = typeof(Samples))]
    public async Task A_blank_key_refuses_the_whole_call_and_changes_nothing(DatabaseProvider provider)
    {
        await using var fixture = await ImportFixture.CreateAsync(provider);
        await fixture.Importer.SetSettingAsync("Reporting:Currency", "USD");
        var before = fixture.Notifier.Changes.Count;

        var refused = await Assert.ThrowsAsync<ImportValidationException>(() => fixture.Importer.SetSettingsAsync(
            new Dictionary<string, string?> { ["Reporting:Currency"] = "EUR", [" "] = "x" }));

        Assert.Equal("key", Assert.Single(refused.Errors).Field);
        Assert.Equal("USD", await fixture.Importer.GetSettingAsync("Reporting:Currency"));
        Assert.Equal(before, fixture.Notifier.Changes.Count);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers), MemberType = typeof(Samples))]
    public async Task Fx_rates_are_deleted_with_the_setting_change_when_asked(DatabaseProvider provider)
    {
        await using var fixture = await ImportFixture.CreateAsync(provider);
        await fixture.Importer.UpsertFxRatesAsync([new(Day, "EUR", 1.08m), new(Day, "GBP", 1.27m), new(Day.AddDays(1), "EUR", 1.09m)]);
        var before = fixture.Notifier.Changes.Count;

        var deleted = await fixture.Importer.SetSettingsAsync(new Dictionary<string, string?> { ["Reporting:Currency"] = "EUR" }, deleteFxRates: true);

        Assert.Equal(3, deleted);
        Assert.Equal(0, await fixture.ReadAsync(db => db.FxRates.CountAsync()));
        Assert.Equal("EUR", await fixture.Importer.GetSettingAsync("Reporting:Currency"));
        var change = Assert.Single(fixture.Notifier.Changes.Skip(before));
        Assert.Equal(BillingChangeKinds.Settings | BillingChangeKinds.FxRates, change.Kinds);
    }
}
