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
    public void A_filter_group_is_built_by_picking_added_to_the_url_and_compared_with_the_segments()
    {
        var page = OpenCompare($"metric=mrr&segment_id={Basic}&segment_id={Pro}");

        AddGroupFilter(page, "plan", "eq", "business");
        Assert.Equal(["Plan is business"], page.FindAll("[data-testid='compare-group'] .filter-chip__text").Select(c => c.TextContent));
        page.Find("[data-testid='compare-add-group']").Click();

        Assert.Equal($"segments/compare?metric=mrr&segment_id={Basic}&segment_id={Pro}&group=plan%3Aeq%3Abusiness&range=12m", RelativeUrl);
        page.WaitForAssertion(() => Assert.Equal("3", page.Find("section.compare-chart").GetAttribute("data-series-count")));
        Assert.Equal("3000", page.Find("[data-segment='group:plan:eq:business'] .kpi-card").GetAttribute("data-value"));
        Assert.Equal("Plan is business", page.Find("[data-segment='group:plan:eq:business'] .kpi-card__title").TextContent.Trim());
        Assert.Contains("Plan is business", page.Find("[data-group='plan:eq:business']").TextContent, StringComparison.Ordinal);
        Assert.Equal("Plan is basic", page.Find($"[data-segment='segment:{Basic}'] [data-testid='kpi-period']").TextContent.Trim());
        Assert.Empty(page.FindAll("[data-testid='compare-group'] .filter-chip"));
    }

    [Fact]
    public void Another_metric_is_chosen_in_the_url_and_every_card_follows()
    {
        var page = OpenCompare($"metric=mrr&segment_id={Basic}&segment_id={Pro}");

        page.Find("[data-testid='compare-metric']").PickValue("active_customers");

        Assert.StartsWith("segments/compare?metric=active_customers&", RelativeUrl, StringComparison.Ordinal);
        page.WaitForAssertion(() => Assert.Equal("active_customers", page.Find("section.compare-chart").GetAttribute("data-metric")));
        Assert.Equal("1", page.Find($"[data-segment='segment:{Pro}'] .kpi-card").GetAttribute("data-value"));
    }

    [Fact]
    public void A_fifth_group_is_refused_with_a_message_and_the_four_stay_drawn()
    {
        var four = string.Join('&', Enumerable.Range(0, 4).Select(i => $"group=plan%3Aeq%3Ap{i}"));
        var page = OpenCompare($"metric=mrr&{four}");
        page.WaitForElement("section.compare-chart");
        var before = RelativeUrl;

        AddGroupFilter(page, "plan", "eq", "p4");
        page.Find("[data-testid='compare-add-group']").Click();

        Assert.Equal(before, RelativeUrl);
        Assert.Equal("Compare at most 4 segments at once: remove one before adding another.", page.Find("[data-testid='compare-add-problem']").TextContent.Trim());
        Assert.Equal("4", page.Find("section.compare-chart").GetAttribute("data-series-count"));
    }

    [Fact]
    public void An_empty_group_is_refused_with_a_message()
    {
        var page = OpenCompare($"metric=mrr&segment_id={Basic}");

        Assert.Equal("No filter in this group yet", page.Find("[data-testid='compare-group'] .filter-builder__none").TextContent);
        page.Find("[data-testid='compare-add-group']").Click();

        Assert.Equal("Add at least one filter to the group first.", page.Find("[data-testid='compare-add-problem']").TextContent.Trim());
        Assert.DoesNotContain("group=", RelativeUrl, StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_group_in_the_url_is_left_out_with_a_message_and_the_others_are_still_drawn()
    {
        var page = OpenCompare($"metric=mrr&segment_id={Basic}&segment_id={Pro}&group=plan-is-pro");

        page.WaitForElement("section.compare-chart");
        Assert.Contains("Filter 'plan-is-pro' must read field:op:value", page.Find("[data-testid='compare-group-problem']").TextContent, StringComparison.Ordinal);
        Assert.Equal("2", page.Find("section.compare-chart").GetAttribute("data-series-count"));
        Assert.Empty(page.FindAll("[data-testid='compare-error']"));
    }

    [Fact]
    public void Five_groups_in_the_url_say_how_many_to_remove_instead_of_a_blank_view()
    {
        var five = string.Join('&', Enumerable.Range(0, 5).Select(i => $"group=plan%3Aeq%3Ap{i}"));
        var page = OpenCompare($"metric=mrr&{five}");

        page.WaitForAssertion(() => Assert.Equal(
            "Compare at most 4 segments at once (this view has 5): remove 1.", page.Find("[data-testid='compare-count-message']").TextContent.Trim()));
        Assert.Equal(5, page.FindAll("[data-group]").Count);
    }

    [Fact]
    public void Removing_a_segment_below_two_asks_for_another()
    {
        var page = OpenCompare($"metric=ltv&segment_id={Basic}&segment_id={Pro}");

        page.Find($"[data-segment-id='{Pro}'] button").Click();

        Assert.Equal($"segments/compare?metric=ltv&segment_id={Basic}&range=12m", RelativeUrl);
        page.WaitForAssertion(() => Assert.StartsWith("Pick at least 2 segments", page.Find("[data-testid='compare-count-message']").TextContent.Trim(), StringComparison.Ordinal));
        Assert.Equal([Pro], page.Find("[data-testid='compare-add-segment']").ItemValues());
    }

    private static void AddGroupFilter(IRenderedComponent<ComparePage> page, string field, string op, string value)
    {
        page.Find("[data-testid='compare-group'] [data-testid='filter-field']").PickValue(field);
        page.Find("[data-testid='compare-group'] [data-testid='filter-op']").PickValue(op);
        page.Find("[data-testid='compare-group'] [data-testid='filter-value']").Type(value);
        page.Find("[data-testid='compare-group'] [data-testid='filter-add']").Click();
    }

    private IRenderedComponent<ComparePage> OpenCompare(string query)
    {
        Open("segments/compare?" + query);
        return RenderPage<ComparePage>();
    }
}
