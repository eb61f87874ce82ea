using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Import;
using Dashboard.Infrastructure.Tests.Import;
using Microsoft.EntityFrameworkCore;
using static Dashboard.Infrastructure.Tests.Import.Samples;

namespace Dashboard.Infrastructure.Tests.Reporting;

public sealed class ReportingSettingsStoreTests
{
    private static readonly DateOnly Day = new(2026, 11, 1);

    [SkippableTheory]
    [MemberData(nameof(Providers), MemberType = typeof(Samples))]
    public async Task Settings_are_set_read_replaced_and_removed(DatabaseProvider provider)
    {
        await using var fixture = await ImportFixture.CreateAsync(provider);

        await fixture.Settings.SetAsync("Reporting:Currency", "EUR");
        await fixture.Settings.SetAsync("Reporting:TimeZone", "Europe/Berlin");
        await fixture.Settings.SetAsync("Reporting:Currency", "GBP");
        Assert.Equal("GBP", await fixture.Settings.GetAsync("Reporting:Currency"));

        await fixture.Settings.SetAsync("Reporting:TimeZone", null);
        var all = await fixture.Settings.GetAllAsync();

        Assert.Equal(new Dictionary<string, string> { ["Reporting:Currency"] = "GBP" }, all);
        Assert.Null(await fixture.Settings.GetAsync("Reporting:TimeZone"));
    }

    [Theory]
    [MemberData(nameof(Providers), MemberType = typeof(Samples))]
    public async Task Several_settings_are_stored_in_one_transaction_with_one_notification(DatabaseProvider provider)
    {
        await using var fixture = await ImportFixture.CreateAsync(provider);
        await fixture.Settings.SetAsync("Reporting:TimeZone", "UTC");
        await fixture.Settings.SetAsync("Reporting:PastDueChurnDays", "30");
        var before = fixture.Notifier.Changes.Count;

        var deleted = await fixture.Settings.SetManyAsync(new Dictionary<string, string?>
        {
            ["Reporting:Currency"] = "EUR",
            ["Reporting:TimeZone"] = "Europe/Berlin",
            ["Reporting:PastDueChurnDays"] = null,
        });

        Assert.Equal(0, deleted);
        var change = Assert.Single(fixture.Notifier.Changes.Skip(before));
        Assert.Equal(BillingChangeKinds.Settings, change.Kinds);
        Assert.Equal(new Dictionary<string, string> { ["Reporting:Currency"] = "EUR", ["Reporting:TimeZone"] = "Europe/Berlin" },
            await fixture.Settings.GetAllAsync());
    }

    [SkippableTheory]
    [MemberData(nameof(Providers), MemberType = typeof(Samples))]
    public async Task A_blank_key_refuses_the_whole_call_and_changes_nothing(DatabaseProvider provider)
    {
        await using var fixture = await ImportFixture.CreateAsync(provider);
        await fixture.Settings.SetAsync("Reporting:Currency", "USD");
        var before = fixture.Notifier.Changes.Count;

        var refused = await Assert.ThrowsAsync<ImportValidationException>(() => fixture.Settings.SetManyAsync(
            new Dictionary<string, string?> { ["Reporting:Currency"] = "EUR", [" "] = "x" }));

        Assert.Equal("key", Assert.Single(refused.Errors).Field);
        Assert.Equal("USD", await fixture.Settings.GetAsync("Reporting:Currency"));
        Assert.Equal(before, fixture.Notifier.Changes.Count);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers), MemberType = typeof(Samples))]
    public async Task Fx_rates_are_deleted_with_the_setting_change_when_asked(DatabaseProvider provider)
    {
        await using var fixture = await ImportFixture.CreateAsync(provider);
        await fixture.FxRates.UpsertAsync([new(Day, "EUR", 1.08m), new(Day, "GBP", 1.27m), new(Day.AddDays(1), "EUR", 1.09m)]);
        var before = fixture.Notifier.Changes.Count;

        var deleted = await fixture.Settings.SetManyAsync(new Dictionary<string, string?> { ["Reporting:Currency"] = "EUR" }, deleteFxRates: true);

        Assert.Equal(3, deleted);
        Assert.Equal(0, await fixture.ReadAsync(db => db.FxRates.CountAsync()));
        Assert.Equal("EUR", await fixture.Settings.GetAsync("Reporting:Currency"));
        var change = Assert.Single(fixture.Notifier.Changes.Skip(before));
        Assert.Equal(BillingChangeKinds.Settings | BillingChangeKinds.FxRates, change.Kinds);
    }
}
