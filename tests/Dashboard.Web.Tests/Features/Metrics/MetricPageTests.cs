using Bunit;
using Dashboard.Web.Features.Metrics;
using Dashboard.Web.Tests.Components;

namespace Dashboard.Web.Tests.Features.Metrics;

/// <summary>A metric page over <see cref="KnownStore"/>'s business: interval, comparison and filters land in the URL and the table follows.</summary>
public sealed class MetricPageTests : DashboardTestContext, IClassFixture<KnownStore>
{
    public MetricPageTests(KnownStore store) => Services.AddFallbackServiceProvider(store.Services);

    [Fact]
    public void Another_interval_requeries_and_keeps_it_in_the_url()
    {
        var page = OpenMetric("active_customers", "range=3m&interval=month");
        var monthly = page.FindAll("table[data-testid='metric-table'] tbody tr").Count;

        page.Find("[data-testid='interval-picker'] [aria-label='week']").Click();

        Assert.Equal("metrics/active_customers?range=3m&interval=week", RelativeUrl);
        page.WaitForAssertion(() => Assert.Equal("week", page.Find("section.metric-chart").GetAttribute("data-interval")));
        var weekly = page.FindAll("table[data-testid='metric-table'] tbody tr").Count;
        Assert.True(weekly > monthly, $"{weekly} weekly rows should outnumber {monthly} monthly ones.");
        Assert.Equal(weekly.ToString(System.Globalization.CultureInfo.InvariantCulture), page.Find("section.metric-chart").GetAttribute("data-points"));
        Assert.Equal("3", page.Find("section.metric-chart").GetAttribute("data-value"));
    }

    [Fact]
    public void A_filter_narrows_the_metric_and_lands_in_the_url_and_the_csv_link()
    {
        var page = OpenMetric("mrr", "range=30d&interval=week");
        Assert.Equal("6000", page.Find("section.metric-chart").GetAttribute("data-value"));

        page.Find("[data-testid='filter-field']").PickValue("plan");
        page.Find("[data-testid='filter-value']").Type("business");
        page.Find("[data-testid='filter-add']").Click();

        Assert.Equal("metrics/mrr?range=30d&interval=week&filter=plan%3Aeq%3Abusiness", RelativeUrl);
        page.WaitForAssertion(() => Assert.Equal("3000", page.Find("section.metric-chart").GetAttribute("data-value")));
        Assert.Equal("3000", page.FindAll("table[data-testid='metric-table'] tbody tr")[^1].GetAttribute("data-value"));
        Assert.Equal("export/metrics/mrr.csv?range=30d&interval=week&filter=plan%3Aeq%3Abusiness", page.Find("[data-testid='csv-link']").GetAttribute("href"));
    }

    [Fact]
    public void The_previous_period_toggle_adds_its_columns()
    {
        var page = OpenMetric("mrr", "range=30d&interval=day");

        Assert.Equal("Compare to previous period", page.Find("label[for='compare-previous']").TextContent);
        page.Find("[data-testid='compare-toggle'] input#compare-previous").Click();

        Assert.Equal("metrics/mrr?range=30d&interval=day&compare=true", RelativeUrl);
        page.WaitForAssertion(() => Assert.Contains("Previous period",
            page.FindAll("table[data-testid='metric-table'] thead th").Select(th => th.TextContent.Trim())));
        // 30 days before today A, B, C and D paid $70.00.
        Assert.Equal("7000", page.FindAll("table[data-testid='metric-table'] tbody tr")[^1].QuerySelector("[data-previous]")!.GetAttribute("data-previous"));
    }

    [Fact]
    public void Comparing_over_a_tiny_previous_base_says_no_comparable_period_and_why()
    {
        // 30 days before today the store's MRR was $70.00, under the $1,000.00 a comparison needs (docs/ui.md, "Headline numbers").
        var page = OpenMetric("mrr", "range=30d&interval=week&compare=true");

        var none = page.Find("[data-testid='metric-no-comparison']");
        Assert.Equal("no comparable period", none.TextContent.Trim());
        Assert.Contains("the figure was $70.00, below the $1,000.00 a comparison needs", none.GetAttribute("title"));
        Assert.DoesNotContain("vs the previous period", page.Find("[data-testid='metric-current-caption']").TextContent);
        var last = page.FindAll("table[data-testid='metric-table'] tbody tr")[^1];
        Assert.Equal("–", last.QuerySelector("[data-change]")!.TextContent.Trim());
        Assert.Contains("a comparison needs", last.QuerySelector("[data-change]")!.GetAttribute("title"));
    }

    private IRenderedComponent<MetricPage> OpenMetric(string metric, string query)
    {
        Open($"metrics/{metric}?{query}");
        var page = RenderPage<MetricPage>(p => p.Add(m => m.Name, metric));
        page.WaitForElement("section.metric-chart");
        return page;
    }
}
