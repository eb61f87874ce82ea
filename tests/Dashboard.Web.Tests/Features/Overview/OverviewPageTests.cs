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
        var model = new OverviewModel("USD", new DateOnly(2026, 11, 22), false, new MrrSnapshot(0, 0), new MrrSnapshot(0, 0), null, [], []);

        var document = await RenderAsync(model);

        var empty = document.QuerySelector("[data-testid='empty-state']")!;
        Assert.Contains("No data yet: connect a source or import a CSV", empty.TextContent);
        Assert.Contains("import-csv", empty.TextContent);
        Assert.Contains("Dashboard:SeedDemoData", empty.TextContent);
        Assert.Empty(document.QuerySelectorAll(".kpi-card"));
    }

    [Fact]
    public async Task Store_with_data_shows_four_kpi_cards_and_the_chart_section()
    {
        var model = new OverviewModel(
            "USD",
            new DateOnly(2026, 11, 22),
            true,
            new MrrSnapshot(6_000, 3),
            new MrrSnapshot(7_000, 4),
            25m,
            [new MrrPoint(new DateOnly(2026, 10, 1), 7_000), new MrrPoint(new DateOnly(2026, 11, 1), 6_000)],
            []);

        var document = await RenderAsync(model);

        var metrics = document.QuerySelectorAll(".kpi-card").Select(c => (c.GetAttribute("data-metric"), c.GetAttribute("data-value"))).ToList();
        Assert.Equal([("mrr", "6000"), ("active_customers", "3"), ("arpu", "2000"), ("customer_churn_rate", "25")], metrics);
        var chart = document.QuerySelector("section.chart-card[data-metric='mrr']")!;
        Assert.Equal("6000", chart.GetAttribute("data-value"));
        Assert.Equal("2026-10-01=7000;2026-11-01=6000", chart.GetAttribute("data-series"));
        Assert.Null(document.QuerySelector("[data-testid='empty-state']"));
        Assert.Contains("As of 22 Nov 2026 (UTC) · USD", document.QuerySelector(".page-subtitle")!.TextContent);
    }

    [Fact]
    public async Task Data_problems_are_shown_not_hidden()
    {
        var problem = "2 subscription(s) billed in EUR are left out: there is no EUR to USD exchange rate.";
        var model = new OverviewModel("USD", new DateOnly(2026, 11, 22), true, new MrrSnapshot(6_000, 3), new MrrSnapshot(6_000, 3), null,
            [new MrrPoint(new DateOnly(2026, 11, 1), 6_000)], [problem]);

        var document = await RenderAsync(model);

        Assert.Equal(problem, document.QuerySelector(".overview-warning")!.TextContent.Trim());
    }

    [Fact]
    public async Task A_failing_query_shows_an_error_instead_of_numbers()
    {
        var document = await RenderAsync(new FailingMetrics());

        Assert.Contains("The metrics could not be computed.", document.QuerySelector("[data-testid='overview-error']")!.TextContent);
        Assert.Empty(document.QuerySelectorAll(".kpi-card"));
    }

    private static Task<AngleSharp.Dom.IDocument> RenderAsync(OverviewModel model) => RenderAsync(new FixedMetrics(model));

    private static Task<AngleSharp.Dom.IDocument> RenderAsync(IOverviewMetrics metrics) =>
        Markup.RenderAsync<OverviewPage>(new Dictionary<string, object?>(), services =>
        {
            services.AddSingleton(metrics);
            services.AddRadzenComponents();
            services.AddSingleton<IJSRuntime, NoJavaScript>();
            services.AddSingleton<NavigationManager, StaticNavigation>();
        });

    private sealed class FixedMetrics(OverviewModel model) : IOverviewMetrics
    {
        public Task<OverviewModel> GetOverviewAsync(int months, CancellationToken cancellationToken) => Task.FromResult(model);
    }

    private sealed class FailingMetrics : IOverviewMetrics
    {
        public Task<OverviewModel> GetOverviewAsync(int months, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("Reporting:TimeZone 'Mars/Olympus' is not a known IANA time zone.");
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
