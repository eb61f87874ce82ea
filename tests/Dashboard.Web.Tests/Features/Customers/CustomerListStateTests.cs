using Dashboard.Core.Customers;
using Dashboard.Web.Features.Customers;

namespace Dashboard.Web.Tests.Features.Customers;

public sealed class CustomerListStateTests
{
    [Fact]
    public void Defaults_to_mrr_descending_on_the_first_page()
    {
        var state = CustomerListState.Parse(null, null, null, null, null, null, null);

        Assert.Equal(CustomerSortField.Mrr, state.Sort);
        Assert.True(state.Descending);
        Assert.Equal(1, state.Page);
        Assert.Equal(0, state.Offset);
        Assert.Equal("sort=mrr&dir=desc", state.ToQueryString());
    }

    [Fact]
    public void Round_trips_search_sort_page_attribute_filters_and_segment()
    {
        var state = CustomerListState.Parse(" acme co ", "since", "asc", "3", "utm_source", ["country:eq:DE", " plan:in:a|b "], "7");

        Assert.Equal("q=acme%20co&sort=since&dir=asc&page=3&attribute=utm_source&filter=country%3Aeq%3ADE&filter=plan%3Ain%3Aa%7Cb&segment_id=7",
            state.ToQueryString());
        Assert.Equal(50, state.Offset);
        var query = System.Web.HttpUtility.ParseQueryString(state.ToQueryString());
        var again = CustomerListState.Parse(query["q"], query["sort"], query["dir"], query["page"], query["attribute"], query.GetValues("filter"), query["segment_id"]);
        Assert.Equal(state, again);
        Assert.Equal(["country:eq:DE", "plan:in:a|b"], again.Segment.Filters);
        Assert.Equal(7, again.Segment.SegmentId);
    }

    [Theory]
    [InlineData("bogus", "sideways", "-2", CustomerSortField.Mrr, true, 1)]
    [InlineData("NAME", null, "0", CustomerSortField.Name, false, 1)]
    [InlineData("revenue", null, "x", CustomerSortField.NetRevenue, true, 1)]
    [InlineData("attribute", "asc", "2", CustomerSortField.Mrr, false, 2)]
    public void Malformed_values_fall_back_to_defaults(string sort, string? dir, string page, CustomerSortField expectedSort, bool descending, int expectedPage)
    {
        var state = CustomerListState.Parse(null, sort, dir, page, null, null, "abc");

        Assert.Equal(expectedSort, state.Sort);
        Assert.Equal(descending, state.Descending);
        Assert.Equal(expectedPage, state.Page);
        Assert.Null(state.SegmentId);
    }

    [Fact]
    public void Sorting_by_the_same_column_flips_and_another_starts_at_its_default_on_page_one()
    {
        var state = new CustomerListState { Page = 4 };

        var byMrr = state.SortedBy(CustomerSortField.Mrr);
        Assert.False(byMrr.Descending);
        Assert.Equal(1, byMrr.Page);
        Assert.True(byMrr.SortedBy(CustomerSortField.Mrr).Descending);

        var byName = state.SortedBy(CustomerSortField.Name);
        Assert.Equal(CustomerSortField.Name, byName.Sort);
        Assert.False(byName.Descending);
        Assert.True(state.SortedBy(CustomerSortField.NetRevenue).Descending);
    }
}
