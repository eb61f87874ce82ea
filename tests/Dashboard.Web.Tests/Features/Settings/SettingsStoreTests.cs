using System.Net;
using Dashboard.Core.Metrics;
using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Metrics;
using Dashboard.Infrastructure.Reporting;
using Dashboard.Testing;
using Dashboard.Web.Api.Keys;
using Dashboard.Web.Features.Settings.ApiKeys;
using Dashboard.Web.Features.Settings.FxRates;
using Dashboard.Web.Features.Settings.Reporting;
using Dashboard.Web.Services.ApiKeys;
using Dashboard.Web.Tests.Api;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Features.Settings;

/// <summary>
/// The settings page's services against the real app on SQLite and PostgreSQL. Each test has a server of its own:
/// they change the reporting settings, which the shared API servers must not see.
/// </summary>
public sealed class SettingsStoreTests
{
    private static readonly DateTimeOffset LateOnTheTenth = new(2024, 1, 10, 23, 30, 0, TimeSpan.Zero);

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Saving_currency_and_time_zone_rebuilds_the_engine_with_them(DatabaseProvider provider)
    {
        await using var server = await ApiServer.StartAsync(provider);
        await SeedEuroCustomerAsync(server);
        var host = server.Services.GetRequiredService<MetricsEngineHost>();
        var engine = await host.GetEngineAsync();
        // UTC, reported in USD: the 10.00 EUR subscription starts on the 10th and is worth 11.00 USD.
        Assert.Equal("USD", engine.ReportingCurrency);
        Assert.Equal([1100m, 1100m], MrrOn10thAnd11th(engine));

        await using var scope = server.Services.CreateAsyncScope();
        var settings = scope.ServiceProvider.GetRequiredService<ReportingSettingsService>();
        var form = ReportingSettingsForm.From((await settings.LoadAsync()).Settings);
        form.Currency = "EUR";
        form.TimeZone = "Asia/Tokyo";
        var rebuildsBefore = host.RebuildCount;

        // The 8 stored EUR rates are quoted against USD: the currency change asks first and stores nothing.
        var asked = await settings.SaveAsync(form);
        Assert.False(asked.Succeeded);
        Assert.Empty(asked.ChangedKeys);
        Assert.Equal(new FxRateDeletion(8, "USD", "EUR"), asked.Confirmation);
        Assert.Contains("deletes the 8 stored FX rates: they are quoted against USD", asked.Confirmation!.Message, StringComparison.Ordinal);
        Assert.Equal("USD", (await host.GetEngineAsync()).ReportingCurrency);
        Assert.Equal(8, await CountRatesAsync(server));

        // A confirmation of a different count (rates imported meanwhile) asks again.
        Assert.Equal(8, (await settings.SaveAsync(form, confirmedFxRateDeletion: 3)).Confirmation?.Count);

        var result = await settings.SaveAsync(form, confirmedFxRateDeletion: 8);

        Assert.True(result.Succeeded);
        Assert.Equal(8, result.FxRatesDeleted);
        Assert.Equal(0, await CountRatesAsync(server));
        Assert.Equal([MetricSettingsReader.CurrencyKey, MetricSettingsReader.TimeZoneKey], result.ChangedKeys);
        // Two settings and the rates deleted in one transaction: one rebuild, not one per key.
        await host.GetEngineAsync();
        Assert.Equal(rebuildsBefore + 1, host.RebuildCount);
        // Same engine instance, rebuilt: 23:30 UTC on the 10th is the 11th in Tokyo, and EUR needs no conversion.
        engine = await host.GetEngineAsync();
        Assert.Equal("EUR", engine.ReportingCurrency);
        Assert.Equal([0m, 1000m], MrrOn10thAnd11th(engine));

        var reloaded = await settings.LoadAsync();
        Assert.Equal(new EffectiveSetting(MetricSettingsReader.CurrencyKey, "EUR", true), reloaded[MetricSettingsReader.CurrencyKey]);
        Assert.Equal(new EffectiveSetting(MetricSettingsReader.TimeZoneKey, "Asia/Tokyo", true), reloaded[MetricSettingsReader.TimeZoneKey]);
        Assert.False(reloaded[MetricSettingsReader.PastDueChurnDaysKey].IsSaved);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Effective_values_come_from_configuration_until_saved_and_bad_input_changes_nothing(DatabaseProvider provider)
    {
        await using var server = await ApiServer.StartAsync(provider, new Dictionary<string, string>
        {
            [MetricSettingsReader.TimeZoneKey] = "Europe/Berlin",
            [MetricSettingsReader.PastDueChurnDaysKey] = "14",
        });
        await using var scope = server.Services.CreateAsyncScope();
        var settings = scope.ServiceProvider.GetRequiredService<ReportingSettingsService>();

        var view = await settings.LoadAsync();
        Assert.Equal(new EffectiveSetting(MetricSettingsReader.TimeZoneKey, "Europe/Berlin", false), view[MetricSettingsReader.TimeZoneKey]);
        Assert.Equal(new EffectiveSetting(MetricSettingsReader.PastDueChurnDaysKey, "14", false), view[MetricSettingsReader.PastDueChurnDaysKey]);
        Assert.Equal(new EffectiveSetting(MetricSettingsReader.CurrencyKey, "USD", false), view[MetricSettingsReader.CurrencyKey]);

        var bad = ReportingSettingsForm.From(view.Settings);
        bad.Currency = "ABC";
        bad.PastDueNeverChurns = true;
        var rejected = await settings.SaveAsync(bad);
        Assert.False(rejected.Succeeded);
        Assert.Contains("'ABC'", rejected.Errors[nameof(ReportingSettingsForm.Currency)], StringComparison.Ordinal);
        Assert.Empty(rejected.ChangedKeys);
        await using (var db = server.Database.CreateContext())
        {
            Assert.Empty(await db.Settings.ToListAsync());
        }

        var unchanged = await settings.SaveAsync(ReportingSettingsForm.From(view.Settings));
        Assert.Empty(unchanged.ChangedKeys);

        var never = ReportingSettingsForm.From(view.Settings);
        never.PastDueNeverChurns = true;
        Assert.Equal([MetricSettingsReader.PastDueChurnDaysKey], (await settings.SaveAsync(never)).ChangedKeys);
        view = await settings.LoadAsync();
        Assert.Null(view.Settings.PastDueChurnDays);
        Assert.Equal(new EffectiveSetting(MetricSettingsReader.PastDueChurnDaysKey, "never", true), view[MetricSettingsReader.PastDueChurnDaysKey]);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_stored_value_that_does_not_parse_is_named_and_a_save_repairs_it(DatabaseProvider provider)
    {
        await using var server = await ApiServer.StartAsync(provider);
        await using var scope = server.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<Dashboard.Infrastructure.Reporting.ReportingSettingsStore>();
        var settings = scope.ServiceProvider.GetRequiredService<ReportingSettingsService>();
        await store.SetAsync(MetricSettingsReader.PastDueChurnDaysKey, "soon");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => settings.LoadAsync());
        Assert.Contains(MetricSettingsReader.PastDueChurnDaysKey, error.Message, StringComparison.Ordinal);

        var result = await settings.SaveAsync(new ReportingSettingsForm { PastDueChurnDays = 45 });
        Assert.Equal([MetricSettingsReader.PastDueChurnDaysKey], result.ChangedKeys);
        Assert.Equal(45, (await settings.LoadAsync()).Settings.PastDueChurnDays);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Fx_upload_stores_a_good_file_and_nothing_of_a_file_with_a_bad_row(DatabaseProvider provider)
    {
        await using var server = await ApiServer.StartAsync(provider);
        await SeedEuroCustomerAsync(server, withRates: false);
        await using var scope = server.Services.CreateAsyncScope();
        var rates = scope.ServiceProvider.GetRequiredService<FxRateService>();
        var host = server.Services.GetRequiredService<MetricsEngineHost>();

        var before = await rates.OverviewAsync("USD");
        Assert.Empty(before.Latest);
        Assert.Equal(["EUR"], before.CurrenciesWithoutRates);
        await Assert.ThrowsAsync<Dashboard.Core.Timelines.MissingFxRateException>(() => host.GetEngineAsync());

        var bad = FxRateCsv.Parse(new StringReader("date,currency,rate\n2024-01-01,EUR,1.1\n2024-01-02,EUR,0\n"));
        var rejected = await rates.CommitAsync(bad);
        Assert.False(rejected.Succeeded);
        Assert.Contains("Nothing was stored", Assert.Single(rejected.Errors), StringComparison.Ordinal);
        Assert.Equal(3, Assert.Single(bad.Rows, r => !r.IsValid).Line);
        await using (var db = server.Database.CreateContext())
        {
            Assert.Equal(0, await db.FxRates.CountAsync());
        }

        var good = FxRateCsv.Parse(new StringReader("date,currency,rate\n2024-01-05,EUR,1.2\n2024-01-08,EUR,1.1\n2024-01-08,GBP,1.3\n"));
        var stored = await rates.CommitAsync(good);
        Assert.True(stored.Succeeded);
        Assert.Equal(3, stored.Stored);

        var after = await rates.OverviewAsync("USD");
        Assert.Empty(after.CurrenciesWithoutRates);
        Assert.Equal([new LatestFxRate("EUR", new DateOnly(2024, 1, 8), 1.1m, 2), new LatestFxRate("GBP", new DateOnly(2024, 1, 8), 1.3m, 1)], after.Latest);
        // The importer told the engine: it now converts with the uploaded rate (10.00 EUR * 1.1).
        Assert.Equal(1100m, MrrOn10thAnd11th(await host.GetEngineAsync())[1]);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_key_created_for_the_page_works_until_revoked(DatabaseProvider provider)
    {
        await using var server = await ApiServer.StartAsync(provider);
        var keys = server.Services.GetRequiredService<ApiKeyService>();
        Assert.NotNull(ApiKeysSection.ValidateName("  "));
        Assert.Null(ApiKeysSection.ValidateName("spreadsheet"));

        var created = await keys.CreateAsync("spreadsheet", readOnly: true);
        Assert.StartsWith(ApiKeyService.Marker, created.Secret, StringComparison.Ordinal);
        var client = server.Client(created.Secret);
        await ApiAssert.StatusAsync(await client.GetAsync("/api/v1/sources"), HttpStatusCode.OK);
        var listed = Assert.Single(await keys.ListAsync(), k => k.Id == created.Key.Id);
        Assert.True(listed.IsReadOnly);
        Assert.NotNull(listed.LastUsedAt);

        Assert.True(await keys.RevokeAsync(created.Key.Id));
        await ApiAssert.ProblemAsync(await client.GetAsync("/api/v1/sources"), HttpStatusCode.Unauthorized, "authorization");
        Assert.True(Assert.Single(await keys.ListAsync(), k => k.Id == created.Key.Id).IsRevoked);
    }

    private static decimal[] MrrOn10thAnd11th(MetricsEngine engine) => engine
        .Query(new MetricQuery("mrr", new DateOnly(2024, 1, 10), new DateOnly(2024, 1, 11), Interval.Day))
        .Points.Select(p => p.Value ?? -1m).ToArray();

    /// <summary>One customer on a 10.00 EUR monthly plan from 23:30 UTC on 2024-01-10, and (optionally) EUR rates of 1.1.</summary>
    private static async Task<int> CountRatesAsync(ApiServer server)
    {
        await using var db = server.Database.CreateContext();
        return await db.FxRates.CountAsync();
    }

    private static async Task SeedEuroCustomerAsync(ApiServer server, bool withRates = true)
    {
        var data = new BillingBuilder();
        var plan = data.Plan("euro-basic", 1_000, currency: "EUR");
        data.Subscribe(data.Customer("eu-1", LateOnTheTenth), plan, LateOnTheTenth);
        if (withRates)
        {
            for (var day = 5; day <= 12; day++)
            {
                data.Rate(new DateOnly(2024, 1, day), "EUR", 1.1m);
            }
        }

        await using var db = server.Database.CreateContext();
        await data.SaveAsync(db);
    }
}
