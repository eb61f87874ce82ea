using Dashboard.Core.Metrics;
using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Demo;
using Dashboard.Infrastructure.Metrics;
using Dashboard.Testing;
using Dashboard.Web.Features.Metrics;
using Dashboard.Web.Features.Overview;
using Dashboard.Web.Services.Metrics;
using Dashboard.Web.Services.Segments;
using Dashboard.Web.Tests.Auth;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit.Abstractions;

namespace Dashboard.Web.Tests.Features.Overview;

/// <summary>
/// The comparison rule (docs/ui.md, "Headline numbers") on the default demo business (1,500 customers, 24 months): the
/// review found "▼ 99.5 %" of revenue churn for "last 12 months" against a previous year that started with a handful of
/// customers. The Overview's cards and the metric page (comparing) show the same change or the same reason.
/// </summary>
public sealed class DemoComparisonTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

    private TestDatabase database = null!;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var context = database.CreateContext();
        await new DemoSeeder(context).SeedAsync(new DemoDataOptions(), new FixedTimeProvider(Now));
    }

    public async Task DisposeAsync() => await database.DisposeAsync();

    [Fact]
    public async Task Last_12_months_on_demo_data_shows_no_exploding_change_and_the_metric_page_agrees()
    {
        var state = new MetricViewState { Range = RangePreset.Last12Months };
        var (overview, query) = await OverviewAsync(state);
        var cards = OverviewViewModel.From(overview, state).Cards.ToDictionary(c => c.Metric);

        // The previous year started with a few customers: its revenue churn was thousands of percent of a tiny MRR.
        var revenueChurn = overview["revenue_churn_rate"]!.WholeRange!;
        var churnBase = overview.Bases["revenue_churn_rate"];
        Assert.True(revenueChurn.Previous!.Value > 1_000m, $"previous revenue churn {revenueChurn.Previous.Value} %");
        Assert.True(churnBase.Previous < PeriodComparison.Minimum(MetricUnit.Money, "USD") || churnBase.Previous < churnBase.Current / 10,
            $"MRR at the previous year's start {churnBase.Previous}, now {churnBase.Current}");
        var card = cards["revenue_churn_rate"];
        Assert.Null(card.Delta);
        Assert.Contains("the MRR at its start was", card.NoComparison);

        foreach (var shown in cards.Values)
        {
            output.WriteLine($"{shown.Metric}: {shown.Display} {shown.Delta?.Arrow} {shown.Delta?.Text} {shown.NoComparison}");
            var page = MetricPageModel.From(await query.SeriesAsync(shown.Metric, state with { Compare = true }, CancellationToken.None), compare: true);
            Assert.True(page.CurrentChange.Amount == shown.Delta?.Amount, shown.Metric);
            Assert.True(page.CurrentChange.NoComparison == shown.NoComparison, shown.Metric);
            Assert.True(shown.Delta is not null || shown.NoComparison is not null, shown.Metric);
            // No card shows a change a finance person would call exploding: rates move by less than 100 points, the rest
            // by less than a tenfold.
            var bound = shown.Delta?.Unit == ChangeUnit.Points ? 100m : 1_000m;
            Assert.True(shown.Delta is null || Math.Abs(shown.Delta.Amount) < bound, $"{shown.Metric}: {shown.Delta?.Amount} {shown.Delta?.Unit}");
        }

        // Churn rates that are shown change in points.
        Assert.All(cards.Values.Where(c => c.Delta is not null && MetricCatalog.Get(c.Metric).Unit == MetricUnit.Percent),
            c => Assert.Equal(ChangeUnit.Points, c.Delta!.Unit));
    }

    [Fact]
    public async Task Last_30_days_on_demo_data_compares_every_card_with_a_sizeable_previous_month()
    {
        var state = new MetricViewState { Range = RangePreset.Last30Days };
        var (overview, _) = await OverviewAsync(state);
        var cards = OverviewViewModel.From(overview, state).Cards.ToDictionary(c => c.Metric);

        // A mature business a month apart: MRR, customers and churn all have a change; churn in points, MRR in percent.
        Assert.NotNull(cards["mrr"].Delta);
        Assert.Equal(ChangeUnit.Percent, cards["mrr"].Delta!.Unit);
        Assert.NotNull(cards["customer_churn_rate"].Delta);
        Assert.Equal(ChangeUnit.Points, cards["customer_churn_rate"].Delta!.Unit);
        var churn = overview["customer_churn_rate"]!.WholeRange!;
        Assert.Equal(churn.Value - churn.Previous!.Value, cards["customer_churn_rate"].Delta!.Amount);
    }

    private async Task<(OverviewData Overview, MetricQueryService Query)> OverviewAsync(MetricViewState state)
    {
        var configuration = new ConfigurationBuilder().Build();
        var host = new MetricsEngineHost(database.CreateFactory(), new MetricSettingsReader(configuration), NullLogger<MetricsEngineHost>.Instance);
        var query = new MetricQueryService(host, new SegmentService(database.CreateFactory(), TestUsers.Admin), new FixedTimeProvider(Now));
        var overview = new EngineOverviewMetrics(query, configuration, new FixedTimeProvider(Now));
        return (await overview.GetOverviewAsync(state, CancellationToken.None), query);
    }
}
