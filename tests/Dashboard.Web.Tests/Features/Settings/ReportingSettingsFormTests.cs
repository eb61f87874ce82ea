using Dashboard.Core.Timelines;
using Dashboard.Infrastructure.Metrics;
using Dashboard.Web.Features.Settings.Reporting;

namespace Dashboard.Web.Tests.Features.Settings;

public sealed class ReportingSettingsFormTests
{
    [Fact]
    public void Defaults_are_valid_and_store_as_the_engine_reads_them()
    {
        var form = ReportingSettingsForm.From(new MetricSettings());

        Assert.Empty(form.Validate());
        var stored = form.ToStoredValues();
        Assert.Equal("USD", stored[MetricSettingsReader.CurrencyKey]);
        Assert.Equal("UTC", stored[MetricSettingsReader.TimeZoneKey]);
        Assert.Equal("30", stored[MetricSettingsReader.PastDueChurnDaysKey]);
        Assert.Equal("AtEnd", stored[MetricSettingsReader.ChurnRecognitionKey]);
        Assert.Equal("false", stored[MetricSettingsReader.IncludeMeteredKey]);
        Assert.Equal(new MetricSettings(), MetricSettingsReader.Parse(key => stored[key]));
    }

    [Fact]
    public void Edited_values_round_trip_through_the_engines_reader()
    {
        var form = new ReportingSettingsForm
        {
            Currency = " eur ",
            TimeZone = "europe/berlin",
            PastDueNeverChurns = true,
            PastDueChurnDays = null,
            ChurnRecognition = ChurnRecognition.WhenScheduled,
            IncludeMeteredInMrr = true,
        };

        Assert.Empty(form.Validate());
        var stored = form.ToStoredValues();
        Assert.Equal("EUR", stored[MetricSettingsReader.CurrencyKey]);
        Assert.Equal("Europe/Berlin", stored[MetricSettingsReader.TimeZoneKey]);
        Assert.Equal("never", stored[MetricSettingsReader.PastDueChurnDaysKey]);
        var parsed = MetricSettingsReader.Parse(key => stored[key]);
        Assert.Equal(new MetricSettings
        {
            ReportingCurrency = "EUR",
            TimeZone = "Europe/Berlin",
            PastDueChurnDays = null,
            ChurnRecognition = ChurnRecognition.WhenScheduled,
            IncludeMeteredInMrr = true,
        }, parsed);
    }

    [Theory]
    [InlineData("XYZ", "'XYZ' is not an ISO 4217")]
    [InlineData("US", "'US' is not an ISO 4217")]
    [InlineData("", "Reporting currency is required")]
    [InlineData(null, "Reporting currency is required")]
    public void Bad_currency_is_named(string? currency, string expected)
    {
        var errors = new ReportingSettingsForm { Currency = currency }.Validate();

        var error = Assert.Single(errors);
        Assert.Equal(nameof(ReportingSettingsForm.Currency), error.Key);
        Assert.Contains(expected, error.Value, StringComparison.Ordinal);
        Assert.StartsWith("Reporting currency", error.Value, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Mars/Olympus_Mons")]
    [InlineData("GMT+5")]
    [InlineData("   ")]
    public void Bad_time_zone_is_named(string zone)
    {
        var errors = new ReportingSettingsForm { TimeZone = zone }.Validate();

        var error = Assert.Single(errors);
        Assert.Equal(nameof(ReportingSettingsForm.TimeZone), error.Key);
        Assert.StartsWith("Reporting time zone", error.Value, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(ReportingSettingsForm.MaxPastDueDays + 1)]
    [InlineData(null)]
    public void Bad_past_due_days_are_named_unless_never(int? days)
    {
        var errors = new ReportingSettingsForm { PastDueChurnDays = days }.Validate();
        Assert.Equal(nameof(ReportingSettingsForm.PastDueChurnDays), Assert.Single(errors).Key);
        Assert.Contains("Past-due days", errors.Values.Single(), StringComparison.Ordinal);

        Assert.Empty(new ReportingSettingsForm { PastDueChurnDays = days, PastDueNeverChurns = true }.Validate());
    }

    [Fact]
    public void Several_bad_fields_are_each_reported()
    {
        var errors = new ReportingSettingsForm { Currency = "dollars", TimeZone = "Nowhere", PastDueChurnDays = -3, ChurnRecognition = (ChurnRecognition)7 }.Validate();

        Assert.Equal(
            [nameof(ReportingSettingsForm.ChurnRecognition), nameof(ReportingSettingsForm.Currency), nameof(ReportingSettingsForm.PastDueChurnDays), nameof(ReportingSettingsForm.TimeZone)],
            errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Pickers_offer_iana_zones_and_iso_currencies()
    {
        Assert.Contains("UTC", TimeZones.All);
        Assert.Contains("Europe/Berlin", TimeZones.All);
        Assert.Contains("America/New_York", TimeZones.All);
        Assert.All(TimeZones.All, zone => Assert.True(TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _), zone));
        Assert.Contains(CurrencyCodes.All, c => c.Code == "EUR" && c.Name.Contains("Euro", StringComparison.Ordinal));
        Assert.Contains(CurrencyCodes.All, c => c.Code == "JPY");
        Assert.All(CurrencyCodes.All, c => Assert.True(Dashboard.Core.Money.Currency.IsValid(c.Code), c.Code));
    }
}
