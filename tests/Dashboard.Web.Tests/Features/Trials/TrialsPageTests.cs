using Bunit;
using Dashboard.Web.Features.Trials;
using Dashboard.Web.Tests.Components;

namespace Dashboard.Web.Tests.Features.Trials;

/// <summary>The Trials page over <see cref="KnownStore"/>: E started a pro trial 7 days ago that runs for 7 more days.</summary>
public sealed class TrialsPageTests : DashboardTestContext, IClassFixture<KnownStore>
{
    public TrialsPageTests(KnownStore store) => Services.AddFallbackServiceProvider(store.Services);

    [Fact]
    public void The_funnel_counts_each_step_and_lists_the_trials_of_the_chosen_one()
    {
        var page = OpenTrials("range=30d");

        Assert.Equal("1", page.Find("[data-testid='trial-funnel']").GetAttribute("data-started"));
        Assert.Equal(["1", "0", "0", "1"], page.FindAll("[data-step]").Where(e => e.TagName == "LI").Select(e => e.GetAttribute("data-value")));
        Assert.Equal("–", page.Find("[data-testid='trial-conversion-rate'] dd").TextContent.Trim());
        Assert.Equal("trials?range=30d&step=trialing", page.Find("[data-testid='trial-step-trialing']").GetAttribute("href"));
        var row = page.Find("[data-testid='trial-list'] tbody tr");
        Assert.Equal("trialing", row.GetAttribute("data-outcome"));
        Assert.Contains("Customer e", row.TextContent, StringComparison.Ordinal);

        var converted = OpenTrials("range=30d&step=converted");
        Assert.Equal("converted", converted.Find("[data-testid='trial-list']").GetAttribute("data-step"));
        Assert.Contains("No trial in this step.", converted.Find("[data-testid='trial-list']").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void A_filter_narrows_the_funnel_and_keeps_the_step_in_the_url()
    {
        var page = OpenTrials("range=30d&step=trialing");

        page.Find("[data-testid='filter-field']").PickValue("plan");
        page.Find("[data-testid='filter-value']").Type("basic");
        page.Find("[data-testid='filter-add']").Click();

        Assert.Equal("trials?range=30d&filter=plan%3Aeq%3Abasic&step=trialing", RelativeUrl);
        page.WaitForAssertion(() => Assert.Equal("0", page.Find("[data-testid='trial-funnel']").GetAttribute("data-started")));
    }

    [Fact]
    public void Filters_that_keep_no_customer_show_the_shared_no_match_panel_instead_of_zeros()
    {
        // No customer of the store is on an "enterprise" plan.
        Open("trials?range=30d&step=trialing&filter=plan%3Aeq%3Aenterprise");
        var page = RenderPage<TrialsPage>();
        page.WaitForElement("[data-testid='no-match']");

        Assert.Empty(page.FindAll("[data-testid='trial-funnel']"));
        Assert.Empty(page.FindAll("[data-testid='trial-list']"));
        Assert.Contains("No customer matches these filters", page.Find("[data-testid='no-match']").TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid='filter-no-match']"));

        page.Find("[data-testid='no-match-clear']").Click();
        Assert.Equal("trials?range=30d&step=trialing", RelativeUrl);
    }

    [Fact]
    public void A_filter_that_keeps_customers_but_no_trial_shows_zeros_not_the_panel()
    {
        var page = OpenTrials("range=30d&filter=plan%3Aeq%3Abasic");

        Assert.Empty(page.FindAll("[data-testid='no-match']"));
        Assert.Equal("0", page.Find("[data-testid='trial-funnel']").GetAttribute("data-started"));
    }

    private IRenderedComponent<TrialsPage> OpenTrials(string query)
    {
        Open("trials?" + query);
        var page = RenderPage<TrialsPage>();
        page.WaitForElement("[data-testid='trial-funnel']");
        return page;
    }
}
