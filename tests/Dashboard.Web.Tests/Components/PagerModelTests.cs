using Dashboard.Web.Components.Controls;

namespace Dashboard.Web.Tests.Components;

public sealed class PagerModelTests
{
    private static string Href(int page) => "list?page=" + page;

    [Fact]
    public void An_address_past_the_last_page_goes_back_to_the_last_page_and_numbers_the_pages_near_it()
    {
        // 60 rows are 3 pages; page 9 was asked for (a bookmarked address after rows went away).
        var pager = new PagerModel(9, 25, 60, Href);

        Assert.Equal("list?page=3", pager.PreviousHref);
        Assert.Null(pager.NextHref);
        Assert.Null(pager.LastHref);
        Assert.Equal([1, 2, 3], pager.Links.Select(l => l.Number));
        Assert.DoesNotContain(pager.Links, l => l.Current);
    }

    [Fact]
    public void A_page_within_the_list_links_to_its_neighbours()
    {
        var pager = new PagerModel(2, 25, 60, Href);

        Assert.Equal(("list?page=1", "list?page=3"), (pager.PreviousHref, pager.NextHref));
        Assert.Equal("26–50 of 60", pager.RangeText);
    }
}
