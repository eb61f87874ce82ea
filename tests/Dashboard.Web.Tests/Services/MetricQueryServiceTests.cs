using Dashboard.Core.Billing;
using Dashboard.Core.Metrics;
using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Metrics;
using Dashboard.Testing;
using Dashboard.Web.Features.Cohorts;
using Dashboard.Web.Features.Metrics;
using Dashboard.Web.Features.MrrBreakdown;
using Dashboard.Web.Services.Metrics;
using Dashboard.Web.Services.Segments;
using Dashboard.Web.Tests.Auth;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dashboard.Web.Tests.Services;

/// <summary>
/// The metric pages' numbers over a real (SQLite) store, checked by hand: A $10 since 300 days, B $20 since 200,
/// C $30 since 100, D $10 from 250 days until 10 days ago, E on a trial; B upgrades from $20 to $50 five days ago.
/// </summary>
public sealed class MetricQueryServiceTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 15, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 11, 22);

    private TestDatabase database = null!;
    private MetricQueryService query = null!;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var data = new BillingBuilder();
        var basic = data.Plan("basic", 1_000);
        var pro = data.Plan("pro", 2_000);
        var business = data.Plan("business", 3_000);
        var premium = data.Plan("premium", 5_000);
        data.Subscribe(data.Customer("a"), basic, Now.AddDays(-300));
        var b = data.Subscribe(data.Customer("b"), pro, Now.AddDays(-200));
        data.Change(b, premium, Now.AddDays(-5));
        data.Subscribe(data.Customer("c"), business, Now.AddDays(-100));
        data.Subscribe(data.Customer("d"), basic, Now.AddDays(-250), canceledAt: Now.AddDays(-10));
        data.Subscribe(data.Customer("e"), pro, Now.AddDays(-7), trialEnd: Now.AddDays(7));
        await using (var context = database.CreateContext())
        {
            await data.SaveAsync(context);
            context.Segments.Add(new Segment { Name = "Basic plan", FiltersJson = SavedFilters.Serialize([new SavedFilter("plan", "eq", "basic")]) });
            await context.SaveChangesAsync();
        }

        var configuration = new ConfigurationBuilder().Build();
        var host = new MetricsEngineHost(database.CreateFactory(), new MetricSettingsReader(configuration), NullLogger<MetricsEngineHost>.Instance);
        query = new MetricQueryService(host, new SegmentService(database.CreateFactory(), TestUsers.Admin), new FixedTimeProvider(Now));
    }

    public async Task DisposeAsync() => await database.DisposeAsync();

    [Fact]
    public async Task Mrr_by_day_over_the_last_30_days_ends_at_todays_mrr()
    {
        var data = await query.SeriesAsync("mrr", new MetricViewState { Range = RangePreset.Last30Days, Interval = Interval.Day }, CancellationToken.None);
        var view = MetricPageModel.From(data, compare: false);

        Assert.Equal(30, view.Rows.Count);
        Assert.Equal(Today.AddDays(-29), view.Start);
        Assert.Equal(1_000 + 5_000 + 3_000, view.Current);
        Assert.Equal("9000", view.CurrentRaw);
        Assert.Equal("$90.00", view.CurrentDisplay);
        Assert.Equal(6_000, view.Rows.Single(r => r.Date == Today.AddDays(-6)).Value); // A, B (pro), C; D churned
        Assert.Equal(60d, view.Rows.Single(r => r.Date == Today.AddDays(-6)).ChartValue);
    }

    [Fact]
    public async Task Filters_and_saved_segments_narrow_the_series()
    {
        var plan = await query.SeriesAsync("mrr", new MetricViewState { Filters = ["plan:eq:business"] }, CancellationToken.None);
        var segments = await query.SegmentsAsync(CancellationToken.None);
        var saved = await query.SeriesAsync("mrr", new MetricViewState { SegmentId = segments.Single().Id }, CancellationToken.None);

        Assert.Equal(3_000, plan.Series.Points[^1].Value);
        Assert.Equal(["plan:eq:basic"], segments.Single().Filters);
        Assert.Equal(1_000, saved.Series.Points[^1].Value); // A; D (basic) churned
        await Assert.ThrowsAsync<MetricQueryException>(() => query.SeriesAsync("mrr", new MetricViewState { Filters = ["plan:like:x"] }, CancellationToken.None));
        await Assert.ThrowsAsync<MetricQueryException>(() => query.SeriesAsync("mrr", new MetricViewState { SegmentId = 999 }, CancellationToken.None));
    }

    [Fact]
    public async Task Csv_holds_each_bucket_with_raw_values_and_the_previous_period()
    {
        var state = new MetricViewState { Range = RangePreset.Custom, Start = new DateOnly(2026, 9, 15), End = Today, Compare = true };
        var data = await query.SeriesAsync("mrr", state, CancellationToken.None);

        var csv = MetricSeriesCsv.Write(data, compare: true);

        // 69 days: each bucket is shifted 69 days back. Sep 30 -> Jul 23: A, B, D (C starts Aug 14); Oct 31 -> Aug 23: A, B, C, D;
        // Nov 22 -> Sep 14: A, B, C, D; now D has churned and B pays $50.
        Assert.Equal(
            "metric,date,end_date,value,previous_value,unit,currency,period\n"
            + "mrr,2026-09-15,2026-09-30,7000,4000,money,USD,\"Sep 15–30, 2026\"\n"
            + "mrr,2026-10-01,2026-10-31,7000,7000,money,USD,\"Oct 2026\"\n"
            + "mrr,2026-11-01,2026-11-22,9000,7000,money,USD,\"Nov 1–22, so far\"\n",
            csv);
    }

    [Fact]
    public async Task Csv_of_a_daily_rate_gives_the_trailing_window_of_each_value()
    {
        var state = new MetricViewState { Range = RangePreset.Last30Days, Interval = Interval.Day };
        var data = await query.SeriesAsync("customer_churn_rate", state, CancellationToken.None);

        var lines = MetricSeriesCsv.Write(data, compare: false).TrimEnd('\n').Split('\n');

        Assert.Equal("metric,date,end_date,value,unit,currency,window_start,period", lines[0]);
        Assert.Equal(31, lines.Length);
        // The 30 days to today start on Oct 24: A, B, C and D paid at their start and D churned 10 days ago.
        Assert.Equal("customer_churn_rate,2026-11-22,2026-11-22,25,percent,USD,2026-10-24,\"30 days to Nov 22, so far\"", lines[^1]);
        Assert.Equal("customer_churn_rate,2026-11-21,2026-11-21,25,percent,USD,2026-10-23,\"30 days to Nov 21, 2026\"", lines[^2]);
        // By month a rate's window is its bucket.
        var monthly = await query.SeriesAsync("customer_churn_rate", new MetricViewState { Range = RangePreset.Last30Days, Interval = Interval.Month }, CancellationToken.None);
        Assert.Equal("customer_churn_rate,2026-11-01,2026-11-22,25,percent,USD,2026-11-01,\"Nov 1–22, so far\"",
            MetricSeriesCsv.Write(monthly, compare: false).TrimEnd('\n').Split('\n')[^1]);
    }

    [Fact]
    public async Task Drill_down_contributions_sum_to_the_clicked_value()
    {
        var month = await query.SeriesAsync("net_new_mrr", new MetricViewState(), CancellationToken.None);
        var november = month.Series.Points[^1];
        var result = await query.DrillDownAsync("net_new_mrr", november.Date, november.EndDate, [], CancellationToken.None);
        var drill = DrillDownView.From(result, MetricCatalog.Get("net_new_mrr"), "November");

        Assert.Equal(3_000 - 1_000, november.Value); // B +$30, D -$10
        Assert.Equal(november.Value, drill.Total);
        Assert.Equal(drill.Total, drill.Rows.Sum(r => r.Contribution));
        Assert.True(drill.TotalIsValue);
        Assert.Equal("$20.00", drill.TotalDisplay);
        Assert.Equal(["Customer b", "Customer d"], drill.Rows.Select(r => r.Customer).Order());
        Assert.Contains("expansion $30.00 on Nov 17", drill.Rows.Single(r => r.Customer == "Customer b").Movements);
    }

    [Fact]
    public async Task Mrr_breakdown_rows_add_up_to_the_change_of_mrr()
    {
        var state = new MetricViewState { Range = RangePreset.Last3Months };
        var series = new Dictionary<string, MetricSeries>();
        foreach (var metric in MrrBreakdownModel.Metrics)
        {
            series[metric] = (await query.SeriesAsync(metric, state, CancellationToken.None)).Series;
        }

        var model = MrrBreakdownModel.From(series, "USD", Today.AddMonths(-3).AddDays(1), Today, Interval.Month);

        var november = model.Rows[^1];
        Assert.Equal(new MovementCell("expansion", 1, 3_000, "$30.00"), november.Movements.Single(m => m.Kind == "expansion"));
        Assert.Equal(new MovementCell("churn", 1, -1_000, "-$10.00"), november.Movements.Single(m => m.Kind == "churn"));
        Assert.Equal(2_000, november.NetNew);
        Assert.Equal(9_000, november.MrrAtEnd);
        for (var i = 1; i < model.Rows.Count; i++)
        {
            Assert.Equal(model.Rows[i].MrrAtEnd - model.Rows[i - 1].MrrAtEnd, model.Rows[i].Movements.Sum(m => m.Amount));
        }
    }

    [Fact]
    public async Task Metric_list_groups_every_catalog_metric_by_kind()
    {
        var engine = await query.EngineAsync(CancellationToken.None);
        var groups = MetricGroup.From(engine.Summary(Today), new Dictionary<string, decimal?> { ["new_customers"] = 4 }, "USD");

        Assert.Equal([MetricKind.Stock, MetricKind.Flow, MetricKind.Window], groups.Select(g => g.Kind));
        Assert.Equal(MetricCatalog.All.Count, groups.Sum(g => g.Items.Count));
        Assert.Equal("9000", groups[0].Items.Single(i => i.Name == "mrr").Raw);
        // ARR ($1,080) reaches 1,000, so every money tile of the list is in whole units (docs/ui.md, "Number format").
        Assert.Equal("$90", groups[0].Items.Single(i => i.Name == "mrr").Display);
        Assert.Equal("$1,080", groups[0].Items.Single(i => i.Name == "arr").Display);
        Assert.Equal("4", groups[1].Items.Single(i => i.Name == "new_customers").Raw);
    }

    [Fact]
    public async Task Cohort_heatmap_shows_customer_and_mrr_retention()
    {
        var engine = await query.EngineAsync(CancellationToken.None);
        // D started 250 days ago (2026-03-17) and churned 10 days ago; A started 300 days ago (2026-01-26).
        var table = engine.Cohorts(new DateOnly(2026, 1, 1), Today);

        var customers = CohortsModel.From(table, byMrr: false);
        var mrr = CohortsModel.From(table, byMrr: true);

        var march = customers.Rows.Single(r => r.Month == new DateOnly(2026, 3, 1));
        Assert.Equal(1, march.Customers);
        Assert.Equal("100", march.Cells[0].Raw);
        Assert.Equal("0", march.Cells[^1].Raw);
        Assert.Equal("0 %", march.Cells[^1].Display);
        Assert.Equal(0d, march.Cells[^1].Alpha);
        var may = mrr.Rows.Single(r => r.Month == new DateOnly(2026, 5, 1)); // B: $20, now $50
        Assert.Equal("$20.00", may.StartingMrr);
        Assert.Equal("250", may.Cells[^1].Raw);
        Assert.Equal(1d, may.Cells[^1].Alpha);
        Assert.Contains("$50.00 of $20.00", may.Cells[^1].Detail);
        Assert.Equal(11, customers.Periods); // January's cohort: M0 (January) .. M10 (November)
    }
}
