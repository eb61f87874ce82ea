using System.Globalization;
using Bunit;
using Dashboard.Web.Features.Overview;
using Dashboard.Web.Tests.Components;

namespace Dashboard.Web.Tests.Features.Overview;

/// <summary>
/// The Overview over <see cref="KnownStore"/>'s business: range, interval, filter and segment changes land in the URL
/// and every number follows it.
/// </summary>
public sealed class OverviewInteractionTests : DashboardTestContext, IClassFixture<KnownStore>
{
    private readonly KnownStore store;

    public OverviewInteractionTests(KnownStore store)
    {
        this.store = store;
        Services.AddFallbackServiceProvider(store.Services);
    }

    [Fact]
    public void The_cards_show_the_stores_numbers_and_the_change_against_the_previous_period()
    {
        var page = OpenOverview("?range=30d&interval=day");

        Assert.Equal("6000", ValueOf(page, "mrr"));
        Assert.Equal("72000", ValueOf(page, "arr"));
        Assert.Equal("3", ValueOf(page, "active_customers"));
        Assert.Equal("2000", ValueOf(page, "arpu"));
        Assert.Equal("25", ValueOf(page, "customer_churn_rate"));
        Assert.Equal("$60.00", page.Find(".kpi-card[data-metric='mrr'] .kpi-card__full").TextContent.Trim());
        // 30 days earlier D still paid $10: MRR was $70, too small a base for a change (docs/ui.md, "Headline numbers").
        Assert.Empty(page.FindAll(".kpi-card[data-metric='mrr'] .kpi-card__delta"));
        var none = page.Find(".kpi-card[data-metric='mrr'] [data-testid='kpi-no-comparison']");
        Assert.Equal("no comparable period", none.TextContent.Trim());
        Assert.Contains("the figure was $70.00, below the $1,000.00 a comparison needs", none.GetAttribute("title"));
        Assert.Equal("30", page.Find(".kpi-card[data-metric='mrr'] svg.kpi-card__sparkline").GetAttribute("data-points"));
        Assert.Equal("metrics/arpu?range=30d&interval=day", page.Find(".kpi-card[data-metric='arpu'] a.kpi-card__link").GetAttribute("href"));
        Assert.Equal("true", page.Find("[data-interactive]").GetAttribute("data-interactive"));
    }

    [Fact]
    public void Adding_a_filter_puts_it_in_the_url_and_narrows_every_number_and_removing_it_widens_them_again()
    {
        var page = OpenOverview("?range=30d&interval=day");

        page.Find("[data-testid='filter-field']").PickValue("plan");
        page.Find("[data-testid='filter-op']").PickValue("eq");
        page.Find("[data-testid='filter-value']").Type("business");
        page.Find("[data-testid='filter-add']").Click();

        Assert.Equal("?range=30d&interval=day&filter=plan%3Aeq%3Abusiness", RelativeUrl);
        page.WaitForAssertion(() => Assert.Equal("3000", ValueOf(page, "mrr")));
        Assert.Equal("1", ValueOf(page, "active_customers"));
        Assert.Equal("0", ValueOf(page, "customer_churn_rate"));
        Assert.Equal("3000", page.Find("section.chart-card").GetAttribute("data-value"));
        Assert.Equal(["plan:eq:business"], page.FindAll("[data-testid='filter-builder'] .filter-chip").Select(c => c.GetAttribute("data-filter")));

        page.Find(".filter-chip[data-filter='plan:eq:business'] button").Click();

        Assert.Equal("?range=30d&interval=day", RelativeUrl);
        page.WaitForAssertion(() => Assert.Equal("6000", ValueOf(page, "mrr")));
    }

    [Fact]
    public void Picking_a_saved_segment_puts_its_id_in_the_url_and_applies_its_filters()
    {
        var page = OpenOverview("?range=30d&interval=day");

        page.Find("[data-testid='segment-select']").PickValue(store.BasicSegmentId.ToString(CultureInfo.InvariantCulture));

        Assert.Equal($"?range=30d&interval=day&segment_id={store.BasicSegmentId}", RelativeUrl);
        // Basic: A pays $10; D churned 10 days ago.
        page.WaitForAssertion(() => Assert.Equal("1000", ValueOf(page, "mrr")));
        Assert.Equal("1", ValueOf(page, "active_customers"));
    }

    [Fact]
    public void A_range_preset_and_an_interval_change_the_url_and_the_charts_buckets()
    {
        var page = OpenOverview(string.Empty);
        Assert.True(int.Parse(page.Find("section.chart-card").GetAttribute("data-points")!, CultureInfo.InvariantCulture) >= 12, "12 months by month");

        page.Find("[data-testid='range-presets'] [aria-label='3 months']").Click();

        // No interval chosen: three months are shown by week, and the URL does not name one.
        Assert.Equal("?range=3m", RelativeUrl);
        page.WaitForAssertion(() => Assert.Equal("week", page.Find("section.chart-card").GetAttribute("data-interval")));
        Assert.True(page.FindAll("section.chart-card g.mrr-chart__bucket").Count >= 13);
        Assert.Contains("Aug 23, 2026 – Nov 22, 2026 · by week", page.Find(".page-subtitle").TextContent);

        page.Find("[data-testid='interval-picker'] [aria-label='month']").Click();

        Assert.Equal("?range=3m&interval=month", RelativeUrl);
        // Aug 23 to Nov 22: four monthly buckets, one g per bucket.
        page.WaitForAssertion(() => Assert.Equal("4", page.Find("section.chart-card").GetAttribute("data-points")));
        Assert.Equal(4, page.FindAll("section.chart-card g.mrr-chart__bucket").Count);
    }

    private IRenderedComponent<OverviewPage> OpenOverview(string query)
    {
        Open(query.Length == 0 ? string.Empty : query);
        var page = RenderPage<OverviewPage>();
        page.WaitForElement(".kpi-card[data-metric='mrr']");
        return page;
    }

    private static string? ValueOf(IRenderedComponent<OverviewPage> page, string metric) =>
        page.Find($".kpi-card[data-metric='{metric}']").GetAttribute("data-value");
}
