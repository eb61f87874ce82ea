using Dashboard.Web.Services.Customers;

namespace Dashboard.Web.Features.Customers;

/// <summary>The Customers pages' view models, built from <see cref="CustomerQueryService"/>'s answers for the pages' URL state.</summary>
public sealed class CustomersQuery(CustomerQueryService customers, CustomerNoteService notes)
{
    /// <summary>A page of the list. Throws <see cref="Core.Metrics.MetricQueryException"/> for a bad filter, segment or attribute.</summary>
    public async Task<CustomerListModel> ListAsync(CustomerListState state, CancellationToken cancellationToken)
    {
        var result = await customers.ListAsync(Request(state), cancellationToken);
        return result.Page is { } page
            ? CustomerListModel.From(page, state, result.SourceNames)
            : CustomerListModel.Empty(state, result.Currency, result.Today);
    }

    /// <summary>The service's question for the list's URL state (its page as offset and limit).</summary>
    public static CustomerListRequest Request(CustomerListState state) =>
        new(state.SegmentId, state.Filters, state.Search, state.Sort, state.Descending, state.Offset, CustomerListState.PageSize, state.Attribute);

    /// <summary>The attribute keys the list can show as a column.</summary>
    public Task<IReadOnlyList<string>> AttributeKeysAsync(CancellationToken cancellationToken) => customers.AttributeKeysAsync(cancellationToken);

    /// <summary>One customer's page, or null when there is no customer with that id.</summary>
    /// <remarks>Its <see cref="CustomerPageModel.Timeline"/> joins the record and numbers with cancellation reasons, notes and attribute changes.</remarks>
    public async Task<CustomerPageModel?> CustomerAsync(long customerId, CancellationToken cancellationToken)
    {
        if (await customers.CustomerAsync(customerId, cancellationToken) is not { } details)
        {
            return null;
        }

        var timeline = CustomerTimelineModel.From(details.Record, details.Metrics, details.Calendar,
            await notes.CancellationsAsync(customerId, cancellationToken), await notes.NotesAsync(customerId, cancellationToken),
            await notes.AttributeChangesAsync(customerId, cancellationToken));
        return CustomerPageModel.From(details.Record, details.Metrics, details.Calendar, timeline);
    }
}
