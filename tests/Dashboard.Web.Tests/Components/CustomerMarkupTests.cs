using Bunit;
using Dashboard.Core.Customers;
using Dashboard.Web.Features.Customers;
using Dashboard.Web.Tests.Features.Customers;

namespace Dashboard.Web.Tests.Components;

/// <summary>The customer list rendered to HTML: the empty state and the table's numbers.</summary>
public sealed class CustomerMarkupTests : DashboardTestContext
{
    private IRenderedComponent<CustomerListView> Render(CustomerListModel model) => Render<CustomerListView>(p => p.Add(c => c.Model, model));

    [Fact]
    public void An_empty_store_tells_the_user_how_to_bring_customers_in()
    {
        var document = Render(CustomerListModel.Empty(new CustomerListState(), "USD", new DateOnly(2026, 11, 22)));

        var empty = document.Find("[data-testid='empty-state']")!;
        Assert.Contains("No customers yet", empty.TextContent);
        Assert.Equal("import", document.Find("[data-testid='empty-import']").GetAttribute("href"));
        Assert.Equal("api-access", document.Find("[data-testid='empty-api']").GetAttribute("href"));
        Assert.Equal("settings", document.Find("[data-testid='empty-settings']").GetAttribute("href"));
        Assert.Empty(document.FindAll("table"));
    }

    [Fact]
    public void Rows_show_readable_money_raw_values_status_and_links()
    {
        var model = CustomerListModel.From(
            CustomerListModelTests.Page(2, 0,
                CustomerListModelTests.Row(5, "Acme", 1_234_550, revenue: 98_765_432, plans: ["Pro", "Extra seats"]),
                CustomerListModelTests.Row(6, "Bolt", 0, CustomerStatus.PastDue)),
            new CustomerListState { Attribute = "seats" }, new Dictionary<long, string> { [1] = "Stripe" });

        var document = Render(model);

        var list = document.Find("[data-testid='customer-list']")!;
        Assert.Equal("2", list.GetAttribute("data-total"));
        Assert.Equal("mrr", list.GetAttribute("data-metric"));
        Assert.Equal("1234550", list.GetAttribute("data-value"));
        Assert.Contains("MRR $12,346 ", document.Find("[data-testid='customer-summary']").TextContent);
        var rows = document.FindAll("[data-testid='customer-table'] tbody tr");
        Assert.Equal(["5", "6"], rows.Select(r => r.GetAttribute("data-customer")));
        var cells = rows[0].Children.Select(c => c.TextContent.Trim()).ToList();
        Assert.Equal("Acme", rows[0].QuerySelector(".customer-table__name")!.TextContent);
        Assert.Equal("acme@example.com", rows[0].QuerySelector("th small")!.TextContent);
        Assert.Equal(["Pro, Extra seats", "$12,345.50", "$987,654.32", "Mar 7, 2025", "Active", "–", "Stripe", "DE"], cells.Skip(1));
        Assert.Equal("1234550", rows[0].Children[2].GetAttribute("data-value"));
        Assert.Equal("customers/5", rows[0].QuerySelector("a")!.GetAttribute("href"));
        Assert.Equal("past_due", rows[1].GetAttribute("data-status"));
        Assert.Equal("Past due", rows[1].QuerySelector(".status-badge")!.TextContent);
        var headers = document.FindAll("thead th");
        Assert.Equal("descending", headers[2].GetAttribute("aria-sort"));
        Assert.Equal("customers?sort=mrr&dir=asc&attribute=seats", headers[2].QuerySelector("a")!.GetAttribute("href"));
        Assert.Equal("1–2 of 2", document.Find("[data-testid='customer-pager'] [data-testid='pager-range']").TextContent);
        Assert.Empty(document.FindAll("[data-testid='page-next'], [data-testid='page-previous']"));
    }

    [Fact]
    public void A_middle_page_links_to_the_pages_before_and_after_with_the_same_sort_and_filters()
    {
        var rows = Enumerable.Range(1, CustomerListState.PageSize).Select(i => CustomerListModelTests.Row(i, $"C{i}", 1_000)).ToArray();
        var state = new CustomerListState { Page = 2, Sort = CustomerSortField.Name, Descending = false, Filters = ["country:eq:DE"] };
        var model = CustomerListModel.From(CustomerListModelTests.Page(60, CustomerListState.PageSize, rows), state, new Dictionary<long, string>());

        var document = Render(model);

        Assert.Equal("26–50 of 60", document.Find("[data-testid='customer-pager'] [data-testid='pager-range']").TextContent);
        Assert.Equal("customers?sort=name&dir=asc&filter=country%3Aeq%3ADE", document.Find("[data-testid='page-previous']").GetAttribute("href"));
        Assert.Equal("customers?sort=name&dir=asc&page=3&filter=country%3Aeq%3ADE", document.Find("[data-testid='page-next']").GetAttribute("href"));
        Assert.Equal(CustomerListState.PageSize, document.FindAll("[data-testid='customer-table'] tbody tr").Count);
    }

    [Fact]
    public void The_pager_numbers_every_page_near_this_one_with_first_and_last_and_the_total()
    {
        var rows = Enumerable.Range(1, CustomerListState.PageSize).Select(i => CustomerListModelTests.Row(i, $"C{i}", 1_000)).ToArray();
        var state = new CustomerListState { Page = 10, Filters = ["country:eq:DE"] };
        var model = CustomerListModel.From(CustomerListModelTests.Page(1_000, 225, rows), state, new Dictionary<long, string>());

        var document = Render(model);

        var pager = document.Find("[data-testid='customer-pager']");
        Assert.Equal(("10", "40"), (pager.GetAttribute("data-page"), pager.GetAttribute("data-page-count")));
        Assert.Equal("226–250 of 1,000", document.Find("[data-testid='customer-pager'] [data-testid='pager-range']").TextContent);
        Assert.Equal(" · page 10 of 40", document.Find("[data-testid='customer-pager'] [data-testid='pager-page-of']").TextContent);
        var numbers = pager.QuerySelectorAll("li.pager__number").Select(li => li.TextContent.Replace("Page", string.Empty, StringComparison.Ordinal).Trim()).ToList();
        Assert.Equal(["1", "…", "8", "9", "10", "11", "12", "…", "40"], numbers);
        var current = document.Find("[aria-current='page']");
        Assert.Equal("10", current.GetAttribute("data-page"));
        Assert.Null(current.GetAttribute("href"));
        Assert.Equal("customers?sort=mrr&dir=desc&filter=country%3Aeq%3ADE", document.Find("[data-testid='page-first']").GetAttribute("href"));
        Assert.Equal("customers?sort=mrr&dir=desc&page=40&filter=country%3Aeq%3ADE", document.Find("[data-testid='page-last']").GetAttribute("href"));
        Assert.Equal("customers?sort=mrr&dir=desc&page=12&filter=country%3Aeq%3ADE", document.Find("a[data-page='12']").GetAttribute("href"));
    }

    [Fact]
    public void On_the_first_page_first_and_previous_are_shown_disabled_and_do_not_link()
    {
        var rows = Enumerable.Range(1, CustomerListState.PageSize).Select(i => CustomerListModelTests.Row(i, $"C{i}", 1_000)).ToArray();
        var model = CustomerListModel.From(CustomerListModelTests.Page(60, 0, rows), new CustomerListState(), new Dictionary<long, string>());

        var document = Render(model);

        Assert.Empty(document.FindAll("[data-testid='page-first'], [data-testid='page-previous']"));
        Assert.Equal(2, document.FindAll(".pager__link.is-disabled[aria-disabled='true']").Count);
        Assert.Equal(["1", "2", "3"], document.FindAll("[data-testid='page-number']").Select(e => e.GetAttribute("data-page")));
        Assert.Equal("customers?sort=mrr&dir=desc&page=3", document.Find("[data-testid='page-last']").GetAttribute("href"));
    }

    [Fact]
    public void The_csv_link_carries_the_lists_search_filters_and_order_but_not_its_page()
    {
        var rows = Enumerable.Range(1, CustomerListState.PageSize).Select(i => CustomerListModelTests.Row(i, $"C{i}", 1_000)).ToArray();
        var state = new CustomerListState { Page = 2, Search = "acme", Sort = CustomerSortField.Name, Descending = false, Attribute = "seats", Filters = ["country:eq:DE"], SegmentId = 4 };
        var model = CustomerListModel.From(CustomerListModelTests.Page(60, 25, rows), state, new Dictionary<long, string>());

        var document = Render(model);

        Assert.Equal("export/customers.csv?q=acme&sort=name&dir=asc&attribute=seats&filter=country%3Aeq%3ADE&segment_id=4",
            document.Find("[data-testid='customer-csv']").GetAttribute("href"));
    }

    [Fact]
    public void A_search_without_matches_says_so()
    {
        var model = CustomerListModel.From(CustomerListModelTests.Page(0, 0), new CustomerListState { Search = "zz" }, new Dictionary<long, string>());

        var document = Render(model);

        Assert.Contains("No customer matches", document.Find("[data-testid='customer-none']").TextContent);
        Assert.Empty(document.FindAll("[data-testid='empty-state']"));
    }

    [Fact]
    public void Drill_down_rows_link_to_the_customer_page()
    {
        var metric = Dashboard.Core.Metrics.MetricCatalog.Get("mrr");
        var result = new Dashboard.Core.Metrics.DrillDownResult("mrr", metric.Unit, "USD", new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 22), 3_000, 3_000,
            [new Dashboard.Core.Metrics.CustomerContribution(42, "cus_42", "Acme", "ops@acme.example", 3_000, [])]);

        var document = Render<Dashboard.Web.Features.Metrics.DrillDownList>(p => p
            .Add(d => d.View, Dashboard.Web.Features.Metrics.DrillDownView.From(result, metric, "November"))
            .Add(d => d.Metric, "mrr"));

        var link = document.Find("tr[data-customer='42'] a")!;
        Assert.Equal("customers/42", link.GetAttribute("href"));
        Assert.Equal("Acme", link.TextContent);
    }
}
