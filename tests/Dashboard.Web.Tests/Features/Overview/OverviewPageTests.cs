using Bunit;
using Dashboard.Core.Metrics;
using Dashboard.Web.Features.Metrics;
using Dashboard.Web.Features.Overview;
using Dashboard.Web.Services.Filters;
using Dashboard.Web.Tests.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Features.Overview;

/// <summary>The Overview page from hand-made engine answers: empty store, cards, chart, problems and errors.</summary>
public sealed class OverviewPageTests : DashboardTestContext
{
    [Fact]
    public void Empty_store_shows_how_to_get_data_in_instead_of_zeros()
    {
        var document = Render(OverviewTestData.Build(new(), hasData: false));

        var empty = document.Find("[data-testid='empty-state']")!;
        Assert.Contains("No data yet: connect a source or import a CSV", empty.TextContent);
        Assert.Contains("import-csv", empty.TextContent);
        Assert.Contains("Dashboard:SeedDemoData", empty.TextContent);
        Assert.Empty(document.FindAll(".kpi-card"));
    }

    [Fact]
    public void Store_with_data_shows_ten_kpi_cards_the_controls_and_the_mrr_chart()
    {
        var data = OverviewTestData.Build(new()
        {
            ["mrr"] = OverviewTestData.Values(7_000, 7_000, 6_000),
            ["active_customers"] = OverviewTestData.Values(4, 4, 3),
            ["customer_churn_rate"] = OverviewTestData.Values(null, 0, 25),
            ["new_mrr"] = OverviewTestData.Values(null, 1_000, 0),
            ["churned_mrr"] = OverviewTestData.Values(null, 0, -1_000),
            ["net_new_mrr"] = OverviewTestData.Values(null, 1_000, -1_000),
        });

        var document = Render(data);

        var metrics = document.FindAll(".kpi-card").Select(c => c.GetAttribute("data-metric")).ToList();
        Assert.Equal(OverviewMetrics.Cards.Select(c => c.Metric), metrics);
        Assert.Equal("6000", document.Find(".kpi-card[data-metric='mrr']").GetAttribute("data-value"));
        Assert.Equal("25", document.Find(".kpi-card[data-metric='customer_churn_rate']").GetAttribute("data-value"));
        var chart = document.Find("section.chart-card[data-metric='mrr']")!;
        Assert.Equal("6000", chart.GetAttribute("data-value"));
        Assert.Equal("2026-09-01=7000;2026-10-01=6000", chart.GetAttribute("data-series"));
        Assert.Equal("2026-09-01=1000;2026-10-01=-1000", chart.GetAttribute("data-net-new"));
        Assert.Equal(2, chart.QuerySelectorAll("g.mrr-chart__bucket").Length);
        Assert.Equal("-1000", chart.QuerySelector("rect[data-movement='churned_mrr']")!.GetAttribute("data-value"));
        Assert.NotNull(chart.QuerySelector("polyline.mrr-chart__line"));
        Assert.Single(document.FindAll("[data-testid='range-presets']"));
        Assert.Single(document.FindAll("[data-testid='interval-picker']"));
        Assert.Single(document.FindAll("[data-testid='filter-builder']"));
        Assert.Empty(document.FindAll("[data-testid='empty-state']"));
        Assert.Contains("Sep 1, 2026 – Oct 31, 2026 · by month · UTC · USD", document.Find(".page-subtitle").TextContent);
    }

    [Fact]
    public void Data_problems_are_shown_not_hidden()
    {
        var problem = "2 subscription(s) billed in EUR are left out: there is no EUR to USD exchange rate.";

        var document = Render(OverviewTestData.Build(new() { ["mrr"] = OverviewTestData.Values(null, 6_000) }, problems: [problem]));

        Assert.Equal(problem, document.Find(".overview-warning").TextContent.Trim());
    }

    [Fact]
    public void A_failing_query_shows_an_error_instead_of_numbers()
    {
        var document = Render(new FailingMetrics());

        Assert.Contains("The metrics could not be computed.", document.Find("[data-testid='overview-error']").TextContent);
        Assert.Contains("segment_id", document.Find("[data-testid='overview-error']").TextContent);
        Assert.Empty(document.FindAll(".kpi-card"));
    }

    private IRenderedComponent<OverviewPage> Render(OverviewData data) => Render(new FixedMetrics(data));

    private IRenderedComponent<OverviewPage> Render(IOverviewMetrics metrics)
    {
        Services.AddSingleton(metrics);
        Services.AddSingleton<IFilterChoices>(new FixedFilterChoices());
        return RenderPage<OverviewPage>();
    }

    private sealed class FixedMetrics(OverviewData data) : IOverviewMetrics
    {
        public Task<OverviewData> GetOverviewAsync(MetricViewState state, CancellationToken cancellationToken) => Task.FromResult(data);
    }

    private sealed class FailingMetrics : IOverviewMetrics
    {
        public Task<OverviewData> GetOverviewAsync(MetricViewState state, CancellationToken cancellationToken) =>
            throw new MetricQueryException("segment_id", "There is no segment 7 (segment_id).");
    }
}
