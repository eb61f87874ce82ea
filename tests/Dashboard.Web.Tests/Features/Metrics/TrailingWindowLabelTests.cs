using Bunit;
using Dashboard.Core.Metrics;
using Dashboard.Web.Features.Metrics;
using Dashboard.Web.Features.Overview;
using Dashboard.Web.Features.Segments;
using Dashboard.Web.Services.Metrics;
using Dashboard.Web.Tests.Components;

namespace Dashboard.Web.Tests.Features.Metrics;

/// <summary>
/// docs/ui.md, "Headline numbers": a rate's daily point covers the trailing 30 days, so its table row, chart tooltip,
/// drill-down title and compare row say "30 days to Nov 22, so far" while the axis keeps the short day; over
/// <see cref="KnownStore"/> (today Nov 22, 2026; D churned 10 days ago).
/// </summary>
public sealed class TrailingWindowLabelTests : DashboardTestContext, IClassFixture<KnownStore>
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(KnownStore.Now.UtcDateTime);

    public TrailingWindowLabelTests(KnownStore store) => Services.AddFallbackServiceProvider(store.Services);

    [Fact]
    public void The_chart_tooltip_of_a_daily_rate_names_its_window()
    {
        var metric = MetricCatalog.Get("customer_churn_rate");
        var series = new MetricSeries(metric.Name, metric.Unit, "USD", Interval.Day,
        [
            new MetricPoint(new(2026, 11, 21), new(2026, 11, 21), 25m, new PreviousValue(0m, null)) { WindowStart = new(2026, 10, 23) },
            new MetricPoint(Today, Today, 25m, new PreviousValue(20m, 25m)) { WindowStart = new(2026, 10, 24) },
        ]);
        var data = new MetricViewData(metric, "USD", new(2026, 11, 21), Today, Interval.Day, [], series) { Today = Today };

        var model = MetricPageModel.From(data, compare: false);
        var compared = MetricPageModel.From(data, compare: true);

        Assert.Equal(["30 days to Nov 21, 2026", "30 days to Nov 22, so far"], model.Rows.Select(r => r.Label));
        var percent = MetricValues.Full(25m, MetricUnit.Percent, "USD");
        Assert.Equal($"30 days to Nov 22, so far: {percent}", model.Rows[^1].Tooltip);
        Assert.Equal($"30 days to Nov 22, so far: {percent} (previous period {MetricValues.Full(20m, MetricUnit.Percent, "USD")})", compared.Rows[^1].Tooltip);
        Assert.Equal(["Nov 21", "Nov 22"], model.Rows.Select(r => r.AxisLabel));
        Assert.Equal("Nov 22", model.AxisLabel("30 days to Nov 22, so far"));
        Assert.Equal(new DateOnly(2026, 10, 24), model.Rows[^1].WindowStart);
    }

    [Fact]
    public void A_stock_by_day_keeps_the_day_as_its_name()
    {
        var metric = MetricCatalog.Get("mrr");
        var series = new MetricSeries(metric.Name, metric.Unit, "USD", Interval.Day, [new MetricPoint(Today, Today, 6_000m)]);

        var model = MetricPageModel.From(new MetricViewData(metric, "USD", Today, Today, Interval.Day, [], series) { Today = Today }, compare: false);

        Assert.Equal("Nov 22, so far", model.Rows.Single().Label);
        Assert.Null(model.Rows.Single().WindowStart);
    }

    [Fact]
    public void The_daily_churn_table_names_each_window_and_drills_into_it()
    {
        Open("metrics/customer_churn_rate?range=30d&interval=day");
        var page = RenderPage<MetricPage>(p => p.Add(m => m.Name, "customer_churn_rate"));
        page.WaitForElement("section.metric-chart");

        var rows = page.FindAll("table[data-testid='metric-table'] tbody tr");
        Assert.Equal(30, rows.Count);
        var last = rows[^1];
        Assert.Equal("30 days to Nov 22, so far", last.QuerySelector("th")!.TextContent.Trim());
        Assert.Equal("2026-10-24", last.GetAttribute("data-window-start"));
        Assert.Equal("2026-11-22", last.GetAttribute("data-date"));
        Assert.Equal("30 days to Oct 24, 2026", rows[0].QuerySelector("th")!.TextContent.Trim());
        Assert.Equal("2026-09-25", rows[0].GetAttribute("data-window-start"));
        // A, B, C and D paid when the window started; D churned in it.
        Assert.Equal("25", last.GetAttribute("data-value"));

        last.Click();

        var drill = page.WaitForElement("[data-testid='drill-down']");
        Assert.Equal("Customer churn rate, 30 days to Nov 22, so far", drill.QuerySelector("h2")!.TextContent.Trim());
        Assert.Equal("25", drill.GetAttribute("data-value"));
        Assert.Contains("from=2026-10-24&to=2026-11-22", page.Find("[data-testid='drill-csv']").GetAttribute("href"), StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_rows_and_card_sparklines_of_a_daily_rate_say_their_window()
    {
        var metric = MetricCatalog.Get("customer_churn_rate");
        var points = new[]
        {
            new MetricPoint(new(2026, 11, 21), new(2026, 11, 21), 20m) { WindowStart = new(2026, 10, 23) },
            new MetricPoint(Today, Today, 25m) { WindowStart = new(2026, 10, 24) },
        };
        var series = new MetricSeries(metric.Name, metric.Unit, "USD", Interval.Day, points);

        var compare = CompareModel.From(metric, "USD", new(2026, 11, 21), Today, Interval.Day,
            [new CompareSeries("segment:1", "Basic", [], series), new CompareSeries("segment:2", "Pro", [], series)], today: Today);

        Assert.Equal(["30 days to Nov 21, 2026", "30 days to Nov 22, so far"], compare.Rows.Select(r => r.Label));
        Assert.Equal("30 days to Nov 22, so far", compare.Chart[0][^1].Label);
        Assert.Equal("Nov 22", compare.AxisLabel("30 days to Nov 22, so far"));
        Assert.Equal("Daily values over the trailing 30 days, Nov 21, 2026 to Nov 22, so far", SparklineLabel.For(points, Interval.Day, Today));
        Assert.Equal("Daily values, Nov 21, 2026 to Nov 22, so far",
            SparklineLabel.For(points.Select(p => p with { WindowStart = null }).ToList(), Interval.Day, Today));
    }
}
