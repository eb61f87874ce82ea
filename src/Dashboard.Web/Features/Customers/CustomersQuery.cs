using Dashboard.Core.Customers;
using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Metrics;
using Dashboard.Web.Features.Metrics;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Features.Customers;

/// <summary>
/// The Customers pages' queries: the list and each customer's numbers come from the metrics engine (its in-memory
/// timelines, as of the end of today in the reporting time zone), the customer's stored history from the database.
/// </summary>
public sealed class CustomersQuery(MetricsEngineHost host, MetricViewQuery metrics, IDbContextFactory<DashboardDbContext> contexts, TimeProvider time)
{
    /// <summary>A page of the list. Throws <see cref="Core.Metrics.MetricQueryException"/> for a bad filter, segment or attribute.</summary>
    public async Task<CustomerListModel> ListAsync(CustomerListState state, CancellationToken cancellationToken)
    {
        var engine = await host.GetEngineAsync(cancellationToken);
        var today = MetricViewQuery.Today(engine, time);
        if (!engine.HasCustomers)
        {
            return CustomerListModel.Empty(state, engine.ReportingCurrency, today);
        }

        var filters = await metrics.FiltersAsync(state.Segment, cancellationToken);
        var page = engine.Customers(new CustomerListQuery(today)
        {
            Filters = filters,
            Search = state.Search,
            Sort = state.Sort,
            Descending = state.Descending,
            Offset = state.Offset,
            Limit = CustomerListState.PageSize,
            Attribute = state.Attribute,
        });
        return CustomerListModel.From(page, state, await SourceNamesAsync(cancellationToken));
    }

    /// <summary>The attribute keys the list can show as a column.</summary>
    public Task<IReadOnlyList<string>> AttributeKeysAsync(CancellationToken cancellationToken) => metrics.AttributeKeysAsync(cancellationToken);

    /// <summary>One customer's page, or null when there is no customer with that id.</summary>
    public async Task<CustomerPageModel?> CustomerAsync(long customerId, CancellationToken cancellationToken)
    {
        var engine = await host.GetEngineAsync(cancellationToken);
        CustomerRecord? record;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            record = await CustomerRecordLoader.LoadAsync(db, customerId, cancellationToken);
        }

        var today = MetricViewQuery.Today(engine, time);
        if (record is null || engine.Customer(customerId, today) is not { } numbers)
        {
            return null;
        }

        return CustomerPageModel.From(record, numbers, engine.Current.Calendar);
    }

    private async Task<IReadOnlyDictionary<long, string>> SourceNamesAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Sources.AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);
    }
}
