using Dashboard.Core.Customers;
using Dashboard.Web.Features.Customers;
using Dashboard.Web.Services.Customers;
using Dashboard.Web.Tests.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Features.Customers;

/// <summary>The customer list's CSV: the list's customers on every page, in its order, raw values, safe text cells.</summary>
public sealed class CustomerListCsvTests(KnownStore store) : IClassFixture<KnownStore>
{
    [Fact]
    public void Rows_carry_raw_money_dates_status_and_the_chosen_attribute()
    {
        var page = CustomerListModelTests.Page(2, 0,
            CustomerListModelTests.Row(5, "Acme, Inc.", 1_234_550, revenue: 98_765_432, plans: ["Pro", "Extra seats"], attribute: "12"),
            CustomerListModelTests.Row(6, "=HYPERLINK(\"x\")", 0, CustomerStatus.PastDue, plans: [], since: null));

        var csv = CustomerListCsv.Write(page, "seats", new Dictionary<long, string> { [1] = "Stripe" });

        Assert.Equal(
            "id,external_id,name,email,plans,mrr,net_revenue,currency,since,status,source,country,attribute:seats\n"
            + "5,ext_5,\"Acme, Inc.\",\"acme, inc.@example.com\",Pro; Extra seats,1234550,98765432,USD,2025-03-07,active,Stripe,DE,12\n"
            + "6,ext_6,\"'=HYPERLINK(\"\"x\"\")\",\"'=hyperlink(\"\"x\"\")@example.com\",,0,0,USD,2025-03-07,past_due,Stripe,DE,\n",
            csv);
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("-1", "'-1")]
    [InlineData("@cmd", "'@cmd")]
    [InlineData("+1", "'+1")]
    [InlineData("a\nb", "\"a\nb\"")]
    [InlineData(null, "")]
    public void Text_cells_are_quoted_and_formulas_made_inert(string? value, string expected) =>
        Assert.Equal(expected, CustomerListCsv.Text(value));

    [Fact]
    public async Task Every_customer_of_the_list_in_its_order_from_the_same_service_as_the_page()
    {
        var customers = store.Services.GetRequiredService<CustomerQueryService>();
        var state = new CustomerListState { Sort = CustomerSortField.Name, Descending = false };

        var all = await customers.AllAsync(CustomersQuery.Request(state), CancellationToken.None);
        var listed = await customers.ListAsync(CustomersQuery.Request(state), CancellationToken.None);

        Assert.Equal(["Customer a", "Customer b", "Customer c", "Customer d", "Customer e"], all.Page!.Rows.Select(r => r.Name));
        Assert.Equal(listed.Page!.Rows.Select(r => r.Id), all.Page.Rows.Select(r => r.Id));
        Assert.Equal(listed.Page.Total, all.Page.Total);
        var csv = CustomerListCsv.Write(all.Page, null, all.SourceNames).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(6, csv.Length);
        Assert.StartsWith(all.Page.Rows[0].Id + ",", csv[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Filters_and_search_narrow_the_export_as_they_narrow_the_list()
    {
        var customers = store.Services.GetRequiredService<CustomerQueryService>();
        var filtered = new CustomerListState { Filters = ["plan:in:business|pro"] };

        var all = await customers.AllAsync(CustomersQuery.Request(filtered), CancellationToken.None);
        var searched = await customers.AllAsync(CustomersQuery.Request(new CustomerListState { Search = "b@example" }), CancellationToken.None);

        Assert.Equal(["Customer c", "Customer b", "Customer e"], all.Page!.Rows.Select(r => r.Name));
        Assert.Equal(5000, all.Page.TotalMrr);
        Assert.Equal(["Customer b"], searched.Page!.Rows.Select(r => r.Name));
    }
}
