using Dashboard.Core.Billing;
using Dashboard.Core.Metrics;
using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Metrics;
using Dashboard.Testing;
using Dashboard.Web.Components.Controls;
using Dashboard.Web.Features.Metrics;
using Dashboard.Web.Features.Overview;
using Dashboard.Web.Services.Metrics;
using Dashboard.Web.Services.Segments;
using Dashboard.Web.Tests.Auth;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dashboard.Web.Tests.Features.Overview;

/// <summary>The Overview's numbers, from the metrics engine over a real (SQLite) store, checked against metrics.md by hand.</summary>
public sealed class EngineOverviewMetricsTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 15, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 11, 22);

    private TestDatabase database = null!;
    private MetricQueryService viewQuery = null!;

    public async Task InitializeAsync() => database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);

    public async Task DisposeAsync() => await database.DisposeAsync();

    [Fact]
    public async Task Empty_store_has_no_data()
    {
        var data = await QueryAsync(new BillingBuilder(), new MetricViewState { Range = RangePreset.Last3Months });

        Assert.False(data.HasData);
        Assert.Equal(Today, data.End);
        Assert.Equal(4, data["mrr"]!.Points.Count); // Aug 23..31, Sep, Oct, Nov 1..22
    }

    [Fact]
    public async Task Kpis_of_three_paying_customers_one_churned_and_one_trial_by_day()
    {
        var data = await QueryAsync(SmallSet(), new MetricViewState { Range = RangePreset.Last30Days, Interval = Interval.Day });
        var cards = OverviewViewModel.From(data, new MetricViewState { Range = RangePreset.Last30Days, Interval = Interval.Day }).Cards
            .ToDictionary(c => c.Metric);

        Assert.True(data.HasData);
        Assert.Equal(OverviewMetrics.Cards.Select(c => c.Metric), cards.Keys);
        Assert.Equal("6000", cards["mrr"].RawValue);
        Assert.Equal("72000", cards["arr"].RawValue);
        Assert.Equal("3", cards["active_customers"].RawValue);
        Assert.Equal("2000", cards["arpu"].RawValue);
        // 30 days earlier D still paid: $70 and 4 customers, bases too small for a change (docs/ui.md, "Headline numbers").
        Assert.Null(cards["mrr"].Delta);
        Assert.Equal("In the previous period (Sep 24 – Oct 23, 2026) the figure was $70.00, below the $1,000.00 a comparison needs.", cards["mrr"].NoComparison);
        Assert.Null(cards["active_customers"].Delta);
        Assert.Contains("the figure was 4, below the 10 a comparison needs", cards["active_customers"].NoComparison);
        Assert.Equal(-14.2857m, data["mrr"]!.WholeRange!.Previous!.Percent); // the engine's (and the API's) change stays
        Assert.Equal(30, cards["mrr"].Sparkline!.Points.Count);
        Assert.Equal(30, data["mrr"]!.Points.Count);
        Assert.Empty(data.Problems);
    }

    [Fact]
    public async Task Every_card_and_the_chart_equal_the_engines_query_for_the_same_view()
    {
        await SaveAsync(SmallSet());
        var state = new MetricViewState { Range = RangePreset.Last6Months, Interval = Interval.Week, Filters = ["plan:neq:pro"] };

        var data = await OverviewAsync(state);
        var view = OverviewViewModel.From(data, state);

        foreach (var card in view.Cards)
        {
            var same = await viewQuery.SeriesAsync(card.Metric, state, CancellationToken.None);
            Assert.Equal(MetricValues.Raw(same.Series.WholeRange!.Value), card.RawValue);
            Assert.Equal(same.Series.Points.Count(p => p.Value is not null), card.Sparkline!.Points.Count);
        }

        var mrr = await viewQuery.SeriesAsync("mrr", state, CancellationToken.None);
        Assert.Equal(mrr.Series.Points.Select(p => (long)p.Value!.Value), view.Chart.Buckets.Select(b => b.MrrMinor));
        Assert.Equal("4000", view.Chart.Value); // A $10 and C $30; B is on pro, D churned
    }

    [Fact]
    public async Task For_every_preset_and_interval_the_card_the_metric_page_and_the_range_summary_agree()
    {
        await SaveAsync(SmallSet());
        foreach (var preset in MetricViewState.Presets.Select(p => p.Preset))
        {
            foreach (var interval in MetricViewState.IntervalOptions)
            {
                var state = new MetricViewState
                {
                    Range = preset,
                    Interval = interval,
                    Start = preset == RangePreset.Custom ? new DateOnly(2026, 3, 15) : null,
                    End = preset == RangePreset.Custom ? new DateOnly(2026, 10, 20) : null,
                };
                var data = await OverviewAsync(state);
                var cards = OverviewViewModel.From(data, state).Cards;
                var engine = await viewQuery.EngineAsync(CancellationToken.None);
                var summary = engine.RangeSummary(data.Start, data.End, compareToDays: MetricViewState.Days(data.Start, data.End))
                    .ToDictionary(i => i.Metric);
                foreach (var card in cards)
                {
                    var page = MetricPageModel.From(await viewQuery.SeriesAsync(card.Metric, state with { Compare = true }, CancellationToken.None), compare: true);
                    var because = $"{card.Metric}, {state}";
                    Assert.True(MetricValues.Raw(summary[card.Metric].Value) == card.RawValue, because);
                    Assert.True(page.CurrentRaw == card.RawValue, because);
                    // The API keeps the engine's previous period; the card and the metric page show the same change by one rule.
                    Assert.True(summary[card.Metric].Previous == page.CurrentPrevious, because);
                    Assert.True(page.CurrentChange.Amount == card.Delta?.Amount, because);
                    Assert.True(page.CurrentChange.NoComparison == card.NoComparison, because);
                    Assert.True(card.Delta is not null || card.NoComparison is not null, because);
                    Assert.True(page.CurrentCaption == card.Caption, because);
                }
            }
        }
    }

    [Fact]
    public async Task Rates_and_flows_on_a_card_cover_the_whole_range_not_its_last_bucket()
    {
        await SaveAsync(SmallSet());
        var state = new MetricViewState { Range = RangePreset.Last6Months, Interval = Interval.Month };

        var data = await OverviewAsync(state);
        var cards = OverviewViewModel.From(data, state).Cards.ToDictionary(c => c.Metric);

        // The range is May 23..Nov 22. A, B and D paid at its start (C started 100 days ago); D churned 10 days ago:
        // 1 of 3 over the range, while the last bucket (Nov 1..22, four paying at its start) says 1 of 4.
        Assert.Equal("33.3333", cards["customer_churn_rate"].RawValue);
        Assert.Equal(25m, data["customer_churn_rate"]!.Points[^1].Value);
        Assert.Equal("Over May 23, 2026 – today", cards["customer_churn_rate"].Caption);
        Assert.Equal("Today", cards["mrr"].Caption);
        Assert.Equal(data["mrr"]!.Points[^1].Value, data["mrr"]!.WholeRange!.Value);
        Assert.Equal(data["net_revenue"]!.Points.Sum(p => p.Value), data["net_revenue"]!.WholeRange!.Value);
        var lastMonth = data["customer_churn_rate"]!.Points[^1];
        Assert.Equal((new DateOnly(2026, 11, 1), Today), (lastMonth.Date, lastMonth.EndDate));
        Assert.Equal("Nov 1–22, so far", view(data).Chart.Buckets[^1].Label);
        Assert.Equal("May 23–31, 2026", view(data).Chart.Buckets[0].Label);
        Assert.Equal("Jun 2026", view(data).Chart.Buckets[1].Label);

        OverviewViewModel view(OverviewData d) => OverviewViewModel.From(d, state);
    }

    [Fact]
    public async Task A_segment_filter_narrows_every_card()
    {
        await SaveAsync(SmallSet());

        var all = await OverviewAsync(new MetricViewState());
        var business = await OverviewAsync(new MetricViewState { Filters = ["plan:eq:business"] });

        Assert.Equal(6_000, all["mrr"]!.Points[^1].Value);
        Assert.Equal(3_000, business["mrr"]!.Points[^1].Value);
        Assert.Equal(1, business["active_customers"]!.Points[^1].Value);
        Assert.Single(business.Filters);
        await Assert.ThrowsAsync<MetricQueryException>(() => OverviewAsync(new MetricViewState { SegmentId = 404 }));
    }

    [Fact]
    public async Task Movements_stack_to_the_net_new_mrr_of_every_bucket()
    {
        var data = new BillingBuilder();
        var basic = data.Plan("basic", 1_000);
        var pro = data.Plan("pro", 5_000);
        var upgraded = data.Subscribe(data.Customer("up"), basic, Now.AddDays(-200));
        data.Change(upgraded, pro, Now.AddDays(-100));
        var downgraded = data.Subscribe(data.Customer("down"), pro, Now.AddDays(-250));
        data.Change(downgraded, basic, Now.AddDays(-70));
        data.Subscribe(data.Customer("gone"), pro, Now.AddDays(-300), canceledAt: Now.AddDays(-40));
        var back = data.Customer("back");
        data.Subscribe(back, basic, Now.AddDays(-330), canceledAt: Now.AddDays(-200));
        data.Subscribe(back, basic, Now.AddDays(-60));
        data.Subscribe(data.Customer("new"), basic, Now.AddDays(-20));

        var chart = MrrChartModel.From(await QueryAsync(data, new MetricViewState()));

        Assert.Equal(13, chart.Buckets.Count); // Nov 23..30 2025, then a bucket per month
        Assert.All(chart.Buckets, b => Assert.Equal(b.NetNewMinor, b.MovementsSum));
        var moves = chart.Buckets.SelectMany(b => b.Movements).Where(m => m.Minor != 0).Select(m => m.Metric).ToHashSet();
        Assert.Equal(OverviewMetrics.Movements.Select(m => m.Metric).ToHashSet(), moves);
        Assert.All(chart.Buckets.SelectMany(b => b.Movements).Where(m => m.Minor > 0), m => Assert.True(m.Top + m.Height <= chart.ZeroY + 0.001));
        Assert.All(chart.Buckets.SelectMany(b => b.Movements).Where(m => m.Minor < 0), m => Assert.True(m.Top >= chart.ZeroY - 0.001));
        // MRR moves by each bucket's net new MRR.
        for (var i = 1; i < chart.Buckets.Count; i++)
        {
            Assert.Equal(chart.Buckets[i - 1].MrrMinor + chart.Buckets[i].NetNewMinor, chart.Buckets[i].MrrMinor);
        }
    }

    [Fact]
    public async Task A_missing_exchange_rate_is_reported_not_taken_as_one()
    {
        var data = new BillingBuilder();
        data.Subscribe(data.Customer("b"), data.Plan("pound", 1_000, currency: "GBP"), Now.AddDays(-20));

        var overview = await QueryAsync(data, new MetricViewState());

        var problem = Assert.Single(overview.Problems);
        Assert.Contains("GBP", problem);
        Assert.Equal(string.Empty, OverviewViewModel.From(overview, new MetricViewState()).Cards[0].RawValue);
    }

    private static BillingBuilder SmallSet()
    {
        var data = new BillingBuilder();
        var basic = data.Plan("basic", 1_000);
        var pro = data.Plan("pro", 2_000);
        var business = data.Plan("business", 3_000);
        data.Subscribe(data.Customer("a"), basic, Now.AddDays(-300));
        data.Subscribe(data.Customer("b"), pro, Now.AddDays(-200));
        data.Subscribe(data.Customer("c"), business, Now.AddDays(-100));
        data.Subscribe(data.Customer("d"), basic, Now.AddDays(-250), canceledAt: Now.AddDays(-10));
        data.Subscribe(data.Customer("e"), pro, Now.AddDays(-7), trialEnd: Now.AddDays(7));
        return data;
    }

    private async Task<OverviewData> QueryAsync(BillingBuilder data, MetricViewState state)
    {
        await SaveAsync(data);
        return await OverviewAsync(state);
    }

    private async Task SaveAsync(BillingBuilder data)
    {
        await using var context = database.CreateContext();
        await data.SaveAsync(context);
    }

    private async Task<OverviewData> OverviewAsync(MetricViewState state)
    {
        var configuration = new ConfigurationBuilder().Build();
        var host = new MetricsEngineHost(database.CreateFactory(), new MetricSettingsReader(configuration), NullLogger<MetricsEngineHost>.Instance);
        viewQuery = new MetricQueryService(host, new SegmentService(database.CreateFactory(), TestUsers.Admin), new FixedTimeProvider(Now));
        var overview = new EngineOverviewMetrics(viewQuery, configuration, new FixedTimeProvider(Now));
        return await overview.GetOverviewAsync(state, CancellationToken.None);
    }
}
