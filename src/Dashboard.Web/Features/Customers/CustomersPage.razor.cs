using Dashboard.Core.Metrics;
using Dashboard.Core.Timelines;
using Dashboard.Web.Features.Metrics;
using Dashboard.Web.Services.Metrics;
using Dashboard.Web.Services.Segments;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Features.Customers;

/// <summary>The customer list: search, sort, segment filters and page all live in the URL (<see cref="CustomerListState"/>).</summary>
public partial class CustomersPage : DataPage
{
    private CustomerListState state = new();
    private CustomerListModel? view;
    private string searchText = string.Empty;
    private string? shownHref;
    private IReadOnlyList<SavedSegment> segments = [];
    private bool noMatch;
    private IReadOnlyList<string> attributeKeys = [];

    [SupplyParameterFromQuery(Name = "q")]
    public string? SearchQuery { get; set; }

    [SupplyParameterFromQuery(Name = "sort")]
    public string? SortText { get; set; }

    [SupplyParameterFromQuery(Name = "dir")]
    public string? DirectionText { get; set; }

    [SupplyParameterFromQuery(Name = "page")]
    public string? PageText { get; set; }

    [SupplyParameterFromQuery(Name = "attribute")]
    public string? AttributeText { get; set; }

    [SupplyParameterFromQuery(Name = "filter")]
    public string[]? FilterTexts { get; set; }

    [SupplyParameterFromQuery(Name = "segment_id")]
    public string? SegmentText { get; set; }

    [Inject]
    public required CustomersQuery Query { get; init; }

    [Inject]
    public required MetricQueryService Metrics { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    [Inject]
    public required ILogger<CustomersPage> Logger { get; init; }

    protected override async Task OnParametersSetAsync()
    {
        var next = CustomerListState.Parse(SearchQuery, SortText, DirectionText, PageText, AttributeText, FilterTexts, SegmentText);
        if (next.Href == shownHref)
        {
            // Parameters are set again without a new URL (a cascading value such as the signed-in user changed): the
            // list is current, and the search box may hold text the user is typing.
            return;
        }

        state = next;
        shownHref = next.Href;
        searchText = state.Search ?? string.Empty;
        await LoadAsync(async () =>
        {
            segments = await Metrics.SegmentsAsync(Leaving);
            attributeKeys = await Query.AttributeKeysAsync(Leaving);
            view = await Query.ListAsync(state, Leaving);
            noMatch = await Metrics.MatchesNobodyAsync(state.Segment, Leaving);
        }, () => view = null);
    }

    private Task NavigateAsync(CustomerListState next)
    {
        Navigation.NavigateTo(next.Href);
        return Task.CompletedTask;
    }

    private Task SearchAsync() =>
        NavigateAsync(state with { Search = string.IsNullOrWhiteSpace(searchText) ? null : searchText.Trim(), Page = 1 });

    /// <summary>The attribute column's choices: none (no key), then every attribute key customers hold.</summary>
    private IReadOnlyList<AttributeChoice> AttributeChoices => [new(null, "None"), .. attributeKeys.Select(k => new AttributeChoice(k, k))];

    private Task OnAttributeAsync(string? key)
    {
        var next = state with { Attribute = string.IsNullOrWhiteSpace(key) ? null : key, Page = 1 };
        if (next.Attribute is null && next.Sort == Core.Customers.CustomerSortField.Attribute)
        {
            next = next with { Sort = Core.Customers.CustomerSortField.Mrr, Descending = true };
        }

        return NavigateAsync(next);
    }

    private Task OnAddFilterAsync(string filter) => NavigateAsync(state with { Filters = [.. state.Filters, filter], Page = 1 });

    private Task OnRemoveFilterAsync(string filter) => NavigateAsync(state with { Filters = state.Filters.Where(f => f != filter).ToList(), Page = 1 });

    private Task OnSegmentAsync(long? id) => NavigateAsync(state with { SegmentId = id, Page = 1 });

    private Task ClearFiltersAsync() => NavigateAsync(state with { Filters = [], SegmentId = null, Page = 1 });

    private sealed record AttributeChoice(string? Key, string Text);
}
