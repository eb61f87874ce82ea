using Bunit;
using Dashboard.Web.Components.Controls;

namespace Dashboard.Web.Tests.Components;

/// <summary>The notice the metric, metrics list, MRR breakdown and cohort pages show while the store has no customers.</summary>
public sealed class NoDataYetTests : DashboardTestContext
{
    [Fact]
    public void No_data_notice_links_to_the_three_ways_of_getting_data_in()
    {
        var document = Render<NoDataYet>();

        var empty = document.Find("[data-testid='empty-state']")!;
        Assert.Equal("No data yet", empty.QuerySelector("h2")!.TextContent.Trim());
        Assert.Contains("Connect Stripe", empty.TextContent);
        Assert.Equal(["settings/sources", "import", "api-access"], empty.QuerySelectorAll(".empty-steps a").Select(a => a.GetAttribute("href")));
    }
}
