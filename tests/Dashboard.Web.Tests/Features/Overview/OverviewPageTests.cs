using Dashboard.Core.Metrics;
using Dashboard.Web.Features.Metrics;
using Dashboard.Web.Features.Overview;
using Dashboard.Web.Tests.Components;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.JSInterop;
using Radzen;

namespace Dashboard.Web.Tests.Features.Overview;

public sealed class OverviewPageTests
{
    [Fact]
    public async Task Empty_store_shows_how_to_get_data_in_instead_of_zeros()
    {
        var document = await RenderAsync(OverviewTestData.Build(new(), hasData: false));

        var empty = document.QuerySelector("[data-testid='empty-state']")!;
        Assert.Contains("No data yet: connect a source or import a CSV", empty.TextContent);
        Assert.Contains("import-csv", empty.TextContent);
        Assert.Contains("Dashboard:SeedDemoData", empty.TextContent);
        Assert.Empty(document.QuerySelectorAll(".kpi-card"));
    }

    [Fact]
    public async Task Store_with_data_shows_ten_kpi_cards_the_controls_and_the_mrr_chart()
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

        var document = await RenderAsync(data);

        var metrics = document.QuerySelectorAll(".kpi-card").Select(c => c.GetAttribute("data-metric")).ToList();
        Assert.Equal(OverviewMetrics.Cards.Select(c => c.Metric), metrics);
        Assert.Equal("6000", document.QuerySelector(".kpi-card[data-metric='mrr']")!.GetAttribute("data-value"));
        Assert.Equal("25", document.QuerySelector(".kpi-card[data-metric='customer_churn_rate']")!.GetAttribute("data-value"));
        var chart = document.QuerySelector("section.chart-card[data-metric='mrr']")!;
        Assert.Equal("6000", chart.GetAttribute("data-value"));
        Assert.Equal("2026-09-01=7000;2026-10-01=6000", chart.GetAttribute("data-series"));
        Assert.Equal("2026-09-01=1000;2026-10-01=-1000", chart.GetAttribute("data-net-new"));
        Assert.Equal(2, chart.QuerySelectorAll("g.mrr-chart__bucket").Length);
        Assert.Equal("-1000", chart.QuerySelector("rect[data-movement='churned_mrr']")!.GetAttribute("data-value"));
        Assert.NotNull(chart.QuerySelector("polyline.mrr-chart__line"));
        Assert.NotNull(document.QuerySelector("[data-testid='range-presets']"));
        Assert.NotNull(document.QuerySelector("[data-testid='interval-picker']"));
        Assert.NotNull(document.QuerySelector("[data-testid='filter-builder']"));
        Assert.Null(document.QuerySelector("[data-testid='empty-state']"));
        Assert.Contains("Sep 1, 2026 – Oct 31, 2026 · by month · UTC · USD", document.QuerySelector(".page-subtitle")!.TextContent);
    }

    [Fact]
    public async Task Data_problems_are_shown_not_hidden()
    {
        var problem = "2 subscription(s) billed in EUR are left out: there is no EUR to USD exchange rate.";

        var document = await RenderAsync(OverviewTestData.Build(new() { ["mrr"] = OverviewTestData.Values(null, 6_000) }, problems: [problem]));

        Assert.Equal(problem, document.QuerySelector(".overview-warning")!.TextContent.Trim());
    }

    [Fact]
    public async Task A_failing_query_shows_an_error_instead_of_numbers()
    {
        var document = await RenderAsync(new FailingMetrics());

        Assert.Contains("The metrics could not be computed.", document.QuerySelector("[data-testid='overview-error']")!.TextContent);
        Assert.Contains("segment_id", document.QuerySelector("[data-testid='overview-error']")!.TextContent);
        Assert.Empty(document.QuerySelectorAll(".kpi-card"));
    }

    private static Task<AngleSharp.Dom.IDocument> RenderAsync(OverviewData data) => RenderAsync(new FixedMetrics(data));

    private static Task<AngleSharp.Dom.IDocument> RenderAsync(IOverviewMetrics metrics) =>
        Markup.RenderAsync<OverviewPage>(new Dictionary<string, object?>(), services =>
        {
            services.AddSingleton(metrics);
            services.AddRadzenComponents();
            services.AddSingleton<IJSRuntime, NoJavaScript>();
            services.AddSingleton<NavigationManager, StaticNavigation>();
        });

    private sealed class FixedMetrics(OverviewData data) : IOverviewMetrics
    {
        public Task<OverviewData> GetOverviewAsync(MetricViewState state, CancellationToken cancellationToken) => Task.FromResult(data);
    }

    private sealed class FailingMetrics : IOverviewMetrics
    {
        public Task<OverviewData> GetOverviewAsync(MetricViewState state, CancellationToken cancellationToken) =>
            throw new MetricQueryException("segment_id", "There is no segment 7 (segment_id).");
    }

    private sealed class StaticNavigation : NavigationManager
    {
        public StaticNavigation() => Initialize("http://localhost/", "http://localhost/");
    }

    /// <summary>Static rendering runs no JavaScript; Radzen components only need the service to exist.</summary>
    private sealed class NoJavaScript : IJSRuntime
    {
        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, object?[]? args) => ValueTask.FromResult(default(TValue)!);

        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, CancellationToken cancellationToken, object?[]? args) =>
            ValueTask.FromResult(default(TValue)!);
    }
}
