using System.Globalization;
using Bunit;
using Dashboard.Web.Features.Segments;
using Dashboard.Web.Tests.Components;

namespace Dashboard.Web.Tests.Features.Segments;

/// <summary>
/// The compare form over <see cref="KnownStore"/>'s business (saved segments Basic and Pro): adding, removing and
/// switching land in the URL; too few, too many and malformed groups get a message instead of a chart.
/// </summary>
public sealed class ComparePageTests : DashboardTestContext, IClassFixture<KnownStore>
{
    private readonly KnownStore store;

    public ComparePageTests(KnownStore store)
    {
        this.store = store;
        Services.AddFallbackServiceProvider(store.Services);
    }

    private string Basic => store.BasicSegmentId.ToString(CultureInfo.InvariantCulture);

    private string Pro => store.ProSegmentId.ToString(CultureInfo.InvariantCulture);

    [Fact]
    public void Two_saved_segments_show_a_card_and_a_column_each()
    {
        var page = OpenCompare($"metric=mrr&segment_id={Basic}&segment_id={Pro}");

        page.WaitForElement("[data-testid='compare-table']");
        Assert.Equal("1000", page.Find($"[data-segment='segment:{Basic}'] .kpi-card").GetAttribute("data-value"));
        Assert.Equal("2000", page.Find($"[data-segment='segment:{Pro}'] .kpi-card").GetAttribute("data-value"));
        Assert.Equal(["Period", "Basic", "Pro"], page.FindAll("[data-testid='compare-table'] thead th").Select(th => th.TextContent.Trim()));
        Assert.Equal("2", page.Find("section.compare-chart").GetAttribute("data-series-count"));
    }

    [Fact]
    public void A_filter_group_is_added_to_the_url_and_compared_with_the_segments()
    {
        var page = OpenCompare($"metric=mrr&segment_id={Basic}&segment_id={Pro}");

        page.Find("[data-testid='compare-group']").Input(" plan:eq:business ");
        page.Find("[data-testid='compare-add-group']").Click();

        Assert.Equal($"segments/compare?metric=mrr&segment_id={Basic}&segment_id={Pro}&group=plan%3Aeq%3Abusiness&range=12m", RelativeUrl);
        page.WaitForAssertion(() => Assert.Equal("3", page.Find("section.compare-chart").GetAttribute("data-series-count")));
        Assert.Equal("3000", page.Find("[data-segment='group:plan:eq:business'] .kpi-card").GetAttribute("data-value"));
        Assert.Equal(string.Empty, page.Find("[data-testid='compare-group']").GetAttribute("value"));
    }

    [Fact]
    public void Another_metric_is_chosen_in_the_url_and_every_card_follows()
    {
        var page = OpenCompare($"metric=mrr&segment_id={Basic}&segment_id={Pro}");

        page.Find("[data-testid='compare-metric']").Change("active_customers");

        Assert.StartsWith("segments/compare?metric=active_customers&", RelativeUrl, StringComparison.Ordinal);
        page.WaitForAssertion(() => Assert.Equal("active_customers", page.Find("section.compare-chart").GetAttribute("data-metric")));
        Assert.Equal("1", page.Find($"[data-segment='segment:{Pro}'] .kpi-card").GetAttribute("data-value"));
    }

    [Fact]
    public void A_fifth_group_is_refused_with_a_message_instead_of_a_chart()
    {
        var four = string.Join('&', Enumerable.Range(0, 4).Select(i => $"group=plan%3Aeq%3Ap{i}"));
        var page = OpenCompare($"metric=mrr&{four}");
        page.WaitForElement("section.compare-chart");

        page.Find("[data-testid='compare-group']").Input("plan:eq:p4");
        page.Find("[data-testid='compare-add-group']").Click();

        Assert.Contains("group=plan%3Aeq%3Ap4", RelativeUrl, StringComparison.Ordinal);
        page.WaitForAssertion(() => Assert.Equal(
            "Compare at most 4 segments at once (this view has 5): remove 1.", page.Find("[data-testid='compare-count-message']").TextContent.Trim()));
        Assert.Empty(page.FindAll("section.compare-chart"));
    }

    [Fact]
    public void A_malformed_group_is_refused_with_the_filters_own_message()
    {
        var page = OpenCompare($"metric=mrr&segment_id={Basic}&segment_id={Pro}");

        page.Find("[data-testid='compare-group']").Input("plan-is-pro");
        page.Find("[data-testid='compare-add-group']").Click();

        page.WaitForAssertion(() => Assert.Contains(
            "Filter 'plan-is-pro' must read field:op:value", page.Find("[data-testid='compare-error']").TextContent, StringComparison.Ordinal));
        Assert.Empty(page.FindAll("section.compare-chart"));
    }

    [Fact]
    public void Removing_a_segment_below_two_asks_for_another()
    {
        var page = OpenCompare($"metric=ltv&segment_id={Basic}&segment_id={Pro}");

        page.Find($"[data-segment-id='{Pro}'] button").Click();

        Assert.Equal($"segments/compare?metric=ltv&segment_id={Basic}&range=12m", RelativeUrl);
        page.WaitForAssertion(() => Assert.StartsWith("Pick at least 2 segments", page.Find("[data-testid='compare-count-message']").TextContent.Trim(), StringComparison.Ordinal));
        Assert.Equal([Pro], page.FindAll("[data-testid='compare-add-segment'] option").Select(o => o.GetAttribute("value")).Where(v => v!.Length > 0));
    }

    private IRenderedComponent<ComparePage> OpenCompare(string query)
    {
        Open("segments/compare?" + query);
        return RenderPage<ComparePage>();
    }
}
