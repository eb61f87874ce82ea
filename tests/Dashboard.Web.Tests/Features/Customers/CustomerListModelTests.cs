using Dashboard.Core.Customers;
using Dashboard.Web.Features.Customers;

namespace Dashboard.Web.Tests.Features.Customers;

public sealed class CustomerListModelTests
{
    private static readonly DateOnly Date = new(2026, 11, 22);

    internal static CustomerListPage Page(int total, int offset, params CustomerSummary[] rows) =>
        new("USD", Date, total, rows.Sum(r => r.Mrr), offset, rows);

    internal static CustomerSummary Row(long id, string? name, long mrr, CustomerStatus status = CustomerStatus.Active, string[]? plans = null,
        long revenue = 0, DateOnly? since = null, string? attribute = null) =>
        new(id, "ext_" + id, name, name is null ? null : name.ToLowerInvariant() + "@example.com", 1, "DE", plans ?? ["Pro"], mrr, revenue,
            since ?? new DateOnly(2025, 3, 7), status, attribute);

    [Fact]
    public void Rows_are_formatted_and_link_to_the_customer_page()
    {
        var model = CustomerListModel.From(
            Page(2, 0, Row(5, "Acme", 123_450, revenue: 1_234_567), Row(9, null, 0, CustomerStatus.Churned, plans: [], since: null)),
            new CustomerListState(), new Dictionary<long, string> { [1] = "Stripe EU" });

        var acme = model.Rows[0];
        Assert.Equal("customers/5", acme.Href);
        Assert.Equal("$1,234.50", acme.MrrDisplay);
        Assert.Equal("$12,345.67", acme.NetRevenueDisplay);
        Assert.Equal("Mar 7, 2025", acme.Since);
        Assert.Equal("Stripe EU", acme.Source);
        Assert.Equal("Active", acme.StatusLabel);
        var unnamed = model.Rows[1];
        Assert.Equal("ext_9", unnamed.Name);
        Assert.Equal("–", unnamed.Plans);
        Assert.Equal("Churned", unnamed.StatusLabel);
        Assert.Equal("2 customers · MRR $1,235 · as of Nov 22, 2026", model.Summary);
        Assert.Equal("1–2 of 2", model.Pager.RangeText);
        Assert.Null(model.Pager.PreviousHref);
        Assert.Null(model.Pager.NextHref);
    }

    [Fact]
    public void Pager_links_keep_the_rest_of_the_state()
    {
        var state = new CustomerListState { Page = 2, Search = "a", Filters = ["country:eq:DE"] };
        var rows = Enumerable.Range(1, CustomerListState.PageSize).Select(i => Row(i, "C" + i, 1_000)).ToArray();

        var model = CustomerListModel.From(Page(60, 25, rows), state, new Dictionary<long, string>());

        Assert.Equal("26–50 of 60", model.Pager.RangeText);
        Assert.Equal("customers?q=a&sort=mrr&dir=desc&filter=country%3Aeq%3ADE", model.Pager.PreviousHref);
        Assert.Equal("customers?q=a&sort=mrr&dir=desc&page=3&filter=country%3Aeq%3ADE", model.Pager.NextHref);
        Assert.Equal("Source 1", model.Rows[0].Source);
    }

    [Fact]
    public void Headers_mark_the_sorted_column_and_link_to_the_flipped_or_default_order()
    {
        var state = new CustomerListState { Sort = CustomerSortField.Name, Descending = false, Attribute = "seats" };

        var model = CustomerListModel.From(Page(1, 0, Row(1, "A", 1, attribute: "12")), state, new Dictionary<long, string>());

        Assert.Equal(["Customer", "Plan", "MRR", "Net revenue", "Since", "Status", "seats"], model.Headers.Select(h => h.Label));
        var name = model.Headers[0];
        Assert.Equal("ascending", name.AriaSort);
        Assert.Equal("customers?sort=name&dir=desc&attribute=seats", name.Href);
        Assert.Equal("customers?sort=mrr&dir=desc&attribute=seats", model.Headers[2].Href);
        Assert.Null(model.Headers[2].AriaSort);
        Assert.Equal("12", model.Rows[0].Attribute);
    }
}
