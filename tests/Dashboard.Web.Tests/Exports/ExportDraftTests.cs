using Dashboard.Core.Exports;
using Dashboard.Core.Metrics;

namespace Dashboard.Web.Tests.Exports;

public sealed class ExportDraftTests
{
    private static ExportDraft Valid() => new()
    {
        Name = "Google monthly",
        Kind = "metrics",
        Metrics = ["mrr", "new_mrr", "churned_mrr", "customer_churn_rate"],
        Interval = "month",
        Range = "last_12_months",
        Filter = ["utm_source:eq:google"],
        Schedule = new ScheduleDraft("weekly", "08:00", "monday"),
        Deliveries = [new DeliveryDraft("folder"), new DeliveryDraft("email", ["founder@example.com"]), new DeliveryDraft("webhook", null, "https://example.com/hook", "0123456789abcdef")],
    };

    [Fact]
    public void A_valid_draft_becomes_a_definition_with_our_metric_names_and_the_weekly_cron()
    {
        var definition = Valid().Validate(out var errors);

        Assert.Empty(errors);
        Assert.NotNull(definition);
        Assert.Equal(["mrr", "new_mrr", "churned_mrr", "customer_churn_rate"], definition.Metrics);
        Assert.Equal(Interval.Month, definition.Interval);
        Assert.Equal(RelativeRange.Last12Months, definition.Range);
        Assert.Equal("0 8 * * 1", definition.Schedule.ToCron());
        Assert.Equal(3, definition.Deliveries.Count);
        Assert.False(definition.Paused);
    }

    [Theory]
    [InlineData("daily", "07:30", null, null, null, "30 7 * * *")]
    [InlineData("weekly", "23:59", "sunday", null, null, "59 23 * * 0")]
    [InlineData("monthly", "06:05", null, 28, null, "5 6 28 * *")]
    [InlineData("cron", null, null, null, "*/15 9-17 * * 1-5", "*/15 9-17 * * 1-5")]
    public void Each_frequency_builds_its_cron(string frequency, string? at, string? weekday, int? day, string? cron, string expected)
    {
        var definition = (Valid() with { Schedule = new ScheduleDraft(frequency, at, weekday, day, cron) }).Validate(out var errors);

        Assert.Empty(errors);
        Assert.Equal(expected, definition!.Schedule.ToCron());
    }

    [Theory]
    [InlineData("name", null, null, null, null, null, null)]
    [InlineData("kind", "kind:report", null, null, null, null, null)]
    [InlineData("metrics[1]", "metric:nonsense", null, null, null, null, null)]
    [InlineData("interval", "interval:fortnight", null, null, null, null, null)]
    [InlineData("range", "range:last_week", null, null, null, null, null)]
    [InlineData("filter[0]", "filter:utm_source", null, null, null, null, null)]
    [InlineData("schedule.at", null, "daily", "25:00", null, null, null)]
    [InlineData("schedule.weekday", null, "weekly", "08:00", "someday", null, null)]
    [InlineData("schedule.day", null, "monthly", "08:00", null, 31, null)]
    [InlineData("schedule.cron", null, "cron", null, null, null, "61 * * * *")]
    [InlineData("schedule.frequency", null, "hourly", "08:00", null, null, null)]
    public void A_bad_field_is_named_and_no_definition_is_made(string field, string? change, string? frequency, string? at, string? weekday, int? day, string? cron)
    {
        var draft = Valid();
        draft = change?.Split(':') switch
        {
            ["kind", var v] => draft with { Kind = v },
            ["metric", var v] => draft with { Metrics = ["mrr", v] },
            ["interval", var v] => draft with { Interval = v },
            ["range", var v] => draft with { Range = v },
            ["filter", var v] => draft with { Filter = [v] },
            _ => draft,
        };
        if (field == "name")
        {
            draft = draft with { Name = "  " };
        }

        if (frequency is not null)
        {
            draft = draft with { Schedule = new ScheduleDraft(frequency, at, weekday, day, cron) };
        }

        var definition = draft.Validate(out var errors);

        Assert.Null(definition);
        Assert.Contains(field, errors.Keys);
    }

    [Fact]
    public void Deliveries_name_the_delivery_and_its_part_at_fault()
    {
        var draft = Valid() with
        {
            Deliveries = [new DeliveryDraft("fax"), new DeliveryDraft("email", ["not an address"]), new DeliveryDraft("webhook", null, "ftp://example.com", "short"), new DeliveryDraft("email", [])],
        };

        Assert.Null(draft.Validate(out var errors));
        Assert.Equal(["deliveries[0].type", "deliveries[1].to[0]", "deliveries[2].secret", "deliveries[2].url", "deliveries[3].to"], errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_metrics_export_needs_metrics_but_a_customer_list_does_not()
    {
        Assert.Contains("metrics", (Valid() with { Metrics = [] }).Validate(out var errors) is null ? errors.Keys : []);
        Assert.NotNull((Valid() with { Kind = "customers", Metrics = [] }).Validate(out _));
    }

    [Fact]
    public void A_digest_without_metrics_reports_the_main_kpis_and_one_with_metrics_keeps_them()
    {
        var byDefault = (Valid() with { Kind = "digest", Metrics = null }).Validate(out var errors);

        Assert.Empty(errors);
        Assert.Equal(["mrr", "net_new_mrr", "new_mrr", "expansion_mrr", "churned_mrr", "active_customers", "customer_churn_rate", "arpu"], byDefault!.Metrics);
        Assert.All(byDefault.Metrics, name => Assert.True(MetricCatalog.TryGet(name, out _), name));
        Assert.Equal(DigestKpis.Default, (Valid() with { Kind = "digest", Metrics = [] }).Validate(out _)!.Metrics);
        Assert.Equal(["arr"], (Valid() with { Kind = "digest", Metrics = ["arr"] }).Validate(out _)!.Metrics);
    }
}
