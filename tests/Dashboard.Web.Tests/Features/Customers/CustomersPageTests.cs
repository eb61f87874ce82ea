using System.Globalization;
using Bunit;
using Dashboard.Web.Features.Customers;
using Dashboard.Web.Tests.Components;

namespace Dashboard.Web.Tests.Features.Customers;

/// <summary>
/// The customer list over <see cref="KnownStore"/>'s business ("Customer c" $30, b $20, a $10; d churned; e on a
/// trial): search, sort, filters, segments and pages live in the URL, and the list follows it.
/// </summary>
public sealed class CustomersPageTests : DashboardTestContext, IClassFixture<KnownStore>
{
    private readonly KnownStore store;

    public CustomersPageTests(KnownStore store)
    {
        this.store = store;
        Services.AddFallbackServiceProvider(store.Services);
    }

    [Fact]
    public void The_list_shows_every_customer_with_the_engines_mrr_and_status_largest_first()
    {
        var page = OpenList("customers");

        Assert.Equal(["Customer c", "Customer b", "Customer a", "Customer d", "Customer e"], Names(page));
        Assert.Equal(["3000", "2000", "1000", "0", "0"], Rows(page, "data-mrr"));
        Assert.Equal(["active", "active", "active", "churned", "trialing"], Rows(page, "data-status"));
        Assert.Equal("6000", page.Find("[data-testid='customer-list']").GetAttribute("data-value"));
        Assert.Equal("5", page.Find("[data-testid='customer-list']").GetAttribute("data-total"));
        Assert.Equal("descending", page.Find("thead a[data-sort='mrr']").ParentElement!.GetAttribute("aria-sort"));
        Assert.Equal("customers?sort=mrr&dir=asc", page.Find("thead a[data-sort='mrr']").GetAttribute("href"));
        Assert.Equal("customers?sort=name&dir=asc", page.Find("thead a[data-sort='name']").GetAttribute("href"));
    }

    [Fact]
    public void The_sort_headers_url_lists_the_smallest_first_and_offers_the_way_back()
    {
        var page = OpenList("customers?sort=mrr&dir=asc");

        Assert.Equal(["0", "0", "1000", "2000", "3000"], Rows(page, "data-mrr"));
        Assert.Equal("ascending", page.Find("thead a[data-sort='mrr']").ParentElement!.GetAttribute("aria-sort"));
        Assert.Equal("customers?sort=mrr&dir=desc", page.Find("thead a[data-sort='mrr']").GetAttribute("href"));
    }

    [Fact]
    public void A_search_lands_in_the_url_and_narrows_the_list_and_clear_links_back()
    {
        var page = OpenList("customers");

        page.Find("[data-testid='customer-search']").Input(" b@example ");
        page.Find("[data-testid='customer-search-form']").Submit();

        Assert.Equal("customers?q=b%40example&sort=mrr&dir=desc", RelativeUrl);
        page.WaitForAssertion(() => Assert.Equal(["Customer b"], Names(page)));
        Assert.Equal("1", page.Find("[data-testid='customer-list']").GetAttribute("data-total"));
        Assert.Equal("customers?sort=mrr&dir=desc", page.Find("[data-testid='customer-search-clear']").GetAttribute("href"));
    }

    [Fact]
    public void A_filter_lands_in_the_url_and_narrows_the_list()
    {
        var page = OpenList("customers?page=2", waitForTable: false);

        page.Find("[data-testid='filter-field']").PickValue("plan");
        page.Find("[data-testid='filter-op']").PickValue("in");
        page.Find("[data-testid='filter-value']").Type("business|pro");
        page.Find("[data-testid='filter-add']").Click();

        // Back to the first page with the filter.
        Assert.Equal("customers?sort=mrr&dir=desc&filter=plan%3Ain%3Abusiness%7Cpro", RelativeUrl);
        page.WaitForAssertion(() => Assert.Equal(["Customer c", "Customer b", "Customer e"], Names(page)));
        Assert.Equal("5000", page.Find("[data-testid='customer-list']").GetAttribute("data-value"));
        Assert.Equal(["plan:in:business|pro"], page.FindAll(".filter-chip").Select(c => c.GetAttribute("data-filter")));
    }

    [Fact]
    public void A_saved_segment_lands_in_the_url_and_lists_its_customers()
    {
        var page = OpenList("customers");

        page.Find("[data-testid='segment-select']").PickValue(store.BasicSegmentId.ToString(CultureInfo.InvariantCulture));

        Assert.Equal($"customers?sort=mrr&dir=desc&segment_id={store.BasicSegmentId}", RelativeUrl);
        // Basic: a pays $10; d was on basic until it churned.
        page.WaitForAssertion(() => Assert.Equal(["Customer a", "Customer d"], Names(page)));
    }

    [Fact]
    public void A_page_past_the_last_customer_says_so_and_links_back()
    {
        var page = OpenList("customers?page=2", waitForTable: false);

        page.WaitForAssertion(() => Assert.Equal("This page is past the last customer.", page.Find("[data-testid='customer-none']").TextContent.Trim()));
        Assert.Equal("customers?sort=mrr&dir=desc", page.Find("[data-testid='page-previous']").GetAttribute("href"));
        Assert.Empty(page.FindAll("[data-testid='page-next']"));
    }

    private IRenderedComponent<CustomersPage> OpenList(string url, bool waitForTable = true)
    {
        Open(url);
        var page = RenderPage<CustomersPage>();
        page.WaitForElement(waitForTable ? "[data-testid='customer-table']" : "[data-testid='customer-list']");
        return page;
    }

    private static List<string> Names(IRenderedComponent<CustomersPage> page) =>
        page.FindAll("[data-testid='customer-table'] tbody .customer-table__name").Select(n => n.TextContent.Trim()).ToList();

    private static List<string?> Rows(IRenderedComponent<CustomersPage> page, string attribute) =>
        page.FindAll("[data-testid='customer-table'] tbody tr").Select(r => r.GetAttribute(attribute)).ToList();
}
