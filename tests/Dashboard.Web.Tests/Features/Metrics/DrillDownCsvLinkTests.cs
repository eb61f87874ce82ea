using Bunit;
using Dashboard.Web.Features.Metrics;
using Dashboard.Web.Features.MrrBreakdown;
using Dashboard.Web.Tests.Components;

namespace Dashboard.Web.Tests.Features.Metrics;

/// <summary>
/// The pages hand their own query string to the drill-down, so its "Download CSV" asks for the same filters and the
/// clicked bucket's window (over <see cref="KnownStore"/>).
/// </summary>
public sealed class DrillDownCsvLinkTests : DashboardTestContext, IClassFixture<KnownStore>
{
    public DrillDownCsvLinkTests(KnownStore store) => Services.AddFallbackServiceProvider(store.Services);

    [Fact]
    public void A_metric_pages_drill_down_downloads_its_filters_and_the_clicked_bucket()
    {
        const string query = "range=3m&interval=month&filter=plan%3Aeq%3Abusiness";
        Open("metrics/mrr?" + query);
        var page = RenderPage<MetricPage>(p => p.Add(m => m.Name, "mrr"));
        page.WaitForElement("section.metric-chart");

        var row = page.FindAll("table[data-testid='metric-table'] tbody tr")[^1];
        var window = $"&from={row.GetAttribute("data-date")}&to={row.GetAttribute("data-end-date")}";
        row.Click();

        page.WaitForElement("[data-testid='drill-down']");
        Assert.Equal("3000", page.Find("[data-testid='drill-down']").GetAttribute("data-total"));
        Assert.Equal("export/metrics/mrr/customers.csv?" + query + window, page.Find("[data-testid='drill-csv']").GetAttribute("href"));
    }

    [Fact]
    public void The_breakdowns_drill_down_downloads_net_new_mrr_for_the_clicked_period()
    {
        Open("mrr-breakdown?range=3m&interval=month");
        var page = RenderPage<MrrBreakdownPage>();
        page.WaitForElement("[data-testid='mrr-breakdown-chart']");

        var column = page.FindAll(".mrr-chart__column")[^1];
        var from = column.GetAttribute("data-date");
        column.Click();

        page.WaitForElement("[data-testid='drill-down']");
        Assert.StartsWith($"export/metrics/net_new_mrr/customers.csv?range=3m&interval=month&from={from}&to=",
            page.Find("[data-testid='drill-csv']").GetAttribute("href"), StringComparison.Ordinal);
    }
}
