using Bunit;
using Dashboard.Web.Features.Cohorts;
using Dashboard.Web.Features.Customers;
using Dashboard.Web.Features.Metrics;
using Dashboard.Web.Features.MrrBreakdown;
using Dashboard.Web.Features.Overview;
using Dashboard.Web.Features.Segments;
using Dashboard.Web.Tests.Components;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Tests.Features.Metrics;

/// <summary>
/// Filters that keep no customer of <see cref="KnownStore"/> (no one is on an "enterprise" plan): every page says so
/// instead of drawing zeros, and its "Clear filters" button returns to every customer; filters that keep someone do not.
/// </summary>
public sealed class NoCustomerMatchesTests : DashboardTestContext, IClassFixture<KnownStore>
{
    private const string Nobody = "filter=plan%3Aeq%3Aenterprise";

    public NoCustomerMatchesTests(KnownStore store) => Services.AddFallbackServiceProvider(store.Services);

    [Fact]
    public void The_metric_page_says_no_customer_matches_and_clears_its_filters()
    {
        var page = Show<MetricPage>($"metrics/mrr?range=3m&interval=month&{Nobody}", p => p.Add(m => m.Name, "mrr"));

        Assert.Empty(page.FindAll("section.metric-chart"));
        Assert.Empty(page.FindAll("table[data-testid='metric-table']"));
        page.Find("[data-testid='no-match-clear']").Click();
        Assert.Equal("metrics/mrr?range=3m&interval=month", RelativeUrl);
    }

    [Fact]
    public void The_overview_says_no_customer_matches_instead_of_cards_and_chart()
    {
        var page = Show<OverviewPage>($"?range=3m&{Nobody}");

        Assert.Empty(page.FindAll(".kpi-card"));
        Assert.Empty(page.FindAll("section.chart-card"));
        page.Find("[data-testid='no-match-clear']").Click();
        Assert.DoesNotContain("filter=", RelativeUrl, StringComparison.Ordinal);
    }

    [Fact]
    public void The_breakdown_cohorts_and_customer_list_say_so_too()
    {
        var breakdown = Show<MrrBreakdownPage>($"mrr-breakdown?range=3m&{Nobody}");
        Assert.Empty(breakdown.FindAll("[data-testid='mrr-breakdown']"));
        Assert.Empty(breakdown.FindAll("[data-testid='mrr-breakdown-chart']"));

        var cohorts = Show<CohortsPage>($"cohorts?range=all&{Nobody}");
        Assert.Empty(cohorts.FindAll("table[data-testid='cohorts']"));

        var customers = Show<CustomersPage>($"customers?{Nobody}");
        customers.Find("[data-testid='no-match-clear']").Click();
        Assert.StartsWith("customers", RelativeUrl, StringComparison.Ordinal);
        Assert.DoesNotContain("filter=", RelativeUrl, StringComparison.Ordinal);
    }

    [Fact]
    public void Filters_that_keep_customers_show_the_numbers()
    {
        var metric = Show<MetricPage>("metrics/mrr?range=3m&interval=month&filter=plan%3Aeq%3Apro", p => p.Add(m => m.Name, "mrr"), "section.metric-chart");
        Assert.Empty(metric.FindAll("[data-testid='no-match']"));

        var breakdown = Show<MrrBreakdownPage>("mrr-breakdown?range=3m&filter=plan%3Aeq%3Apro", wait: "[data-testid='mrr-breakdown']");
        Assert.Empty(breakdown.FindAll("[data-testid='no-match']"));
    }

    [Fact]
    public void A_compared_group_that_matches_nobody_is_named_and_can_be_removed()
    {
        var page = Show<ComparePage>("segments/compare?metric=mrr&group=plan%3Aeq%3Apro&group=plan%3Aeq%3Aenterprise&range=3m", wait: "[data-testid='compare-table']");

        var message = page.Find("[data-testid='no-match']");
        Assert.Equal("group:plan:eq:enterprise", message.GetAttribute("data-segment"));
        Assert.Single(page.FindAll("[data-testid='no-match']"));
        message.QuerySelector("[data-testid='no-match-clear']")!.Click();
        Assert.Equal("segments/compare?metric=mrr&group=plan%3Aeq%3Apro&range=3m", RelativeUrl);
    }

    private IRenderedComponent<TPage> Show<TPage>(string url, Action<ComponentParameterCollectionBuilder<TPage>>? parameters = null, string wait = "[data-testid='no-match']")
        where TPage : IComponent
    {
        Open(url);
        var page = RenderPage(parameters);
        page.WaitForElement(wait);
        return page;
    }
}
