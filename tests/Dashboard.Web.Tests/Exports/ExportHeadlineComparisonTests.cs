using Dashboard.Core.Exports;
using Dashboard.Core.Metrics;
using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Demo;
using Dashboard.Infrastructure.Exports;
using Dashboard.Infrastructure.Metrics;
using Dashboard.Testing;
using Dashboard.Web.Features.Metrics;
using Dashboard.Web.Features.Overview;
using Dashboard.Web.Services.Customers;
using Dashboard.Web.Services.Exports;
using Dashboard.Web.Services.Metrics;
using Dashboard.Web.Services.Segments;
using Dashboard.Web.Tests.Auth;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dashboard.Web.Tests.Exports;

/// <summary>
/// Export emails follow the Overview cards' comparison rule (docs/ui.md, "Headline numbers"; <see cref="PeriodComparison"/>)
/// on the demo business (1,500 customers, 24 months): a rate changes in points, money in percent equal to the card's for
/// the same range and filters, and a previous period with a tiny base shows "no comparable period" with its reason in the
/// digest. The expected changes come from the Overview's own service, never typed in.
/// </summary>
public sealed class ExportHeadlineComparisonTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

    private TestDatabase database = null!;
    private MetricQueryService query = null!;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using (var context = database.CreateContext())
        {
            await new DemoSeeder(context).SeedAsync(new DemoDataOptions(), new FixedTimeProvider(Now));
        }

        var host = new MetricsEngineHost(database.CreateFactory(), new MetricSettingsReader(new ConfigurationBuilder().Build()), NullLogger<MetricsEngineHost>.Instance);
        query = new MetricQueryService(host, new SegmentService(database.CreateFactory(), TestUsers.Admin), new FixedTimeProvider(Now));
    }

    public async Task DisposeAsync() => await database.DisposeAsync();

    [Fact]
    public async Task A_digest_over_a_previous_year_with_a_tiny_base_shows_no_comparable_period_with_its_reason()
    {
        const string metric = "revenue_churn_rate";
        var (table, overview) = await BuildAsync(RelativeRange.Last12Months, RangePreset.Last12Months, [], [metric, "mrr"]);

        // The engine (and the API) still has a previous figure and an exploding percent change; the rule hides it.
        Assert.NotNull(overview[metric]!.WholeRange!.Previous!.Percent);
        var card = OverviewViewModel.Change(overview, metric);
        Assert.Null(card.Amount);
        Assert.NotNull(card.NoComparison);

        var headline = table.Headlines.Single(h => h.Label == MetricCatalog.Get(metric).Title);
        Assert.Equal(PeriodChange.NoComparableText, headline.Change);
        Assert.Equal(card.NoComparison, headline.Reason);

        var digest = new ExportFile(1, 2, "Monthly KPIs", DateOnly.FromDateTime(Now.UtcDateTime), "monthly-kpis.csv", [], table, IsDigest: true);
        var text = ExportEmail.Text(digest);
        Assert.Contains($"{headline.Label}: {headline.Value} (no comparable period)\n  {card.NoComparison}\n", text);
        Assert.Contains("the MRR at its start was", text);
        Assert.Contains(System.Net.WebUtility.HtmlEncode(card.NoComparison!), ExportEmail.Html(digest));
    }

    [Fact]
    public async Task A_rate_changes_in_points_as_the_overview_card_shows_it()
    {
        const string metric = "customer_churn_rate";
        var (table, overview) = await BuildAsync(RelativeRange.Last30Days, RangePreset.Last30Days, [], [metric]);

        var card = OverviewViewModel.Change(overview, metric);
        Assert.Equal(ChangeUnit.Points, card.Unit);
        var whole = overview[metric]!.WholeRange!;
        Assert.Equal(whole.Value - whole.Previous!.Value, card.Amount);

        var headline = Assert.Single(table.Headlines);
        Assert.Equal(card.Signed + " vs the period before", headline.Change);
        Assert.EndsWith(" pts vs the period before", headline.Change);
        Assert.Null(headline.Reason);
    }

    [Fact]
    public async Task A_money_change_is_in_percent_and_equals_the_overview_card_for_the_same_range_and_filters()
    {
        string[] filters = ["country:eq:US"];
        var (table, overview) = await BuildAsync(RelativeRange.Last30Days, RangePreset.Last30Days, filters, ["mrr", "net_revenue"]);

        foreach (var metric in new[] { "mrr", "net_revenue" })
        {
            var card = OverviewViewModel.Change(overview, metric);
            Assert.Equal(ChangeUnit.Percent, card.Unit);
            Assert.NotNull(card.Amount);
            // The filter matters: the card's change for everyone differs, so a builder that dropped it would fail here.
            var headline = table.Headlines.Single(h => h.Label == MetricCatalog.Get(metric).Title);
            Assert.Equal(card.Signed + " vs the period before", headline.Change);
            Assert.EndsWith(" % vs the period before", headline.Change);
            Assert.Equal(overview[metric]!.WholeRange!.Previous!.Percent, card.Amount);
        }

        var (_, everyone) = await BuildAsync(RelativeRange.Last30Days, RangePreset.Last30Days, [], ["mrr"]);
        Assert.NotEqual(OverviewViewModel.Change(everyone, "mrr").Signed, OverviewViewModel.Change(overview, "mrr").Signed);
    }

    /// <summary>The export's table and the Overview's data for the same range and filters, checked to cover the same days.</summary>
    private async Task<(ExportTable Table, OverviewData Overview)> BuildAsync(
        RelativeRange range, RangePreset preset, IReadOnlyList<string> filters, IReadOnlyList<string> metrics)
    {
        var definition = new ExportDefinition("KPIs", ExportKind.Digest, metrics, Interval.Month, range, filters, null,
            new ExportSchedule(ScheduleFrequency.Daily, new TimeOnly(6, 0)), [], false);
        var builder = new ExportTableBuilder(query, new CustomerQueryService(query, database.CreateFactory()), database.CreateFactory());
        var table = await builder.BuildAsync(definition, CancellationToken.None);

        var state = new MetricViewState { Range = preset, Filters = filters };
        var overview = await new EngineOverviewMetrics(query, new ConfigurationBuilder().Build(), new FixedTimeProvider(Now))
            .GetOverviewAsync(state, CancellationToken.None);
        Assert.Equal((overview.Start, overview.End), await builder.RangeAsync(definition, CancellationToken.None));
        return (table, overview);
    }
}
