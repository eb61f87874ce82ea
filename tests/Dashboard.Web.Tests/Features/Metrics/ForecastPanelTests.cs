using Bunit;
using Dashboard.Web.Features.Metrics;
using Dashboard.Web.Tests.Components;

namespace Dashboard.Web.Tests.Features.Metrics;

/// <summary>
/// The forecast on the MRR and active customers pages over <see cref="KnownStore"/>: of the six complete months May to
/// October, B started paying $20 in May and C $30 in August, and nobody left, so each future month adds $50 / 6 and
/// 2 / 6 customers; the range runs from a month adding nothing to one adding $30 and one customer.
/// </summary>
public sealed class ForecastPanelTests : DashboardTestContext, IClassFixture<KnownStore>
{
    public ForecastPanelTests(KnownStore store) => Services.AddFallbackServiceProvider(store.Services);

    [Theory]
    [InlineData("mrr", "17000", "7000", "43000", "$170.00")]
    [InlineData("active_customers", "8", "4", "16", "8")]
    public void The_metric_page_continues_the_trend_for_twelve_months_with_a_range(string metric, string value, string low, string high, string shown)
    {
        var page = Open(metric, "range=12m");

        var forecast = page.WaitForElement("[data-testid='forecast']");
        Assert.Equal((metric, value, low, high),
            (forecast.GetAttribute("data-metric"), forecast.GetAttribute("data-forecast-value"), forecast.GetAttribute("data-forecast-low"), forecast.GetAttribute("data-forecast-high")));
        Assert.Contains($"Oct 2027: {shown}", forecast.QuerySelector("[data-testid='forecast-summary']")!.TextContent, StringComparison.Ordinal);
        var rows = forecast.QuerySelectorAll("[data-testid='forecast-table'] tbody tr");
        Assert.Equal(12, rows.Length);
        Assert.Equal("2026-11-30", rows[0].GetAttribute("data-date"));
        Assert.Contains("6 complete months", forecast.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void The_forecast_follows_the_pages_filters()
    {
        // Basic: A pays $10 throughout, D's $10 churned only in November; nothing moved from May to October.
        var page = Open("mrr", "range=12m&filter=plan%3Aeq%3Abasic");

        var forecast = page.WaitForElement("[data-testid='forecast']");
        Assert.Equal(["2000", "2000", "2000"], new[] { "data-forecast-value", "data-forecast-low", "data-forecast-high" }.Select(forecast.GetAttribute));
    }

    [Fact]
    public void Other_metrics_have_no_forecast()
    {
        var page = Open("new_mrr", "range=12m");

        page.WaitForElement("section.metric-chart");
        Assert.Empty(page.FindAll("[data-testid='forecast']"));
    }

    private IRenderedComponent<MetricPage> Open(string metric, string query)
    {
        Open($"metrics/{metric}?{query}");
        return RenderPage<MetricPage>(p => p.Add(m => m.Name, metric));
    }
}
