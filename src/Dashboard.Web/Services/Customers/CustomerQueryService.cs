using Dashboard.Core.Customers;
using Dashboard.Core.Segments;
using Dashboard.Core.Timelines;
using Dashboard.Infrastructure.Data;
using Dashboard.Web.Services.Metrics;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Services.Customers;

/// <summary>A page of the customer list: which customers (a saved segment and filters), search, order and window.</summary>
public sealed record CustomerListRequest(
    long? SegmentId, IReadOnlyList<string> Filters, string? Search, CustomerSortField Sort, bool Descending, int Offset, int Limit, string? Attribute);

/// <summary>A page of customers as of <see cref="Today"/>; <see cref="Page"/> is null while the store has no customers.</summary>
public sealed record CustomerListResult(CustomerListPage? Page, string Currency, DateOnly Today, IReadOnlyDictionary<long, string> SourceNames);

/// <summary>One customer: as stored (history, charges, attributes) and as the engine counts them today.</summary>
public sealed record CustomerDetails(CustomerRecord Record, CustomerMetrics Metrics, ReportingCalendar Calendar);

/// <summary>
/// Customer lists and single customers: the numbers come from the metrics engine (its in-memory timelines, as of the end
/// of today in the reporting time zone), the stored history from the database, segments through
/// <see cref="MetricQueryService"/>.
/// </summary>
public sealed class CustomerQueryService(MetricQueryService metrics, IDbContextFactory<DashboardDbContext> contexts)
{
    /// <summary>A page of the list. Throws <see cref="Core.Metrics.MetricQueryException"/> for a bad filter, segment or attribute.</summary>
    public async Task<CustomerListResult> ListAsync(CustomerListRequest request, CancellationToken cancellationToken)
    {
        var engine = await metrics.EngineAsync(cancellationToken);
        var today = metrics.Today(engine);
        if (!engine.HasCustomers)
        {
            return new CustomerListResult(null, engine.ReportingCurrency, today, new Dictionary<long, string>());
        }

        var filters = await metrics.FiltersAsync(request.SegmentId, request.Filters, cancellationToken);
        var page = engine.Customers(Query(request, today, filters, request.Offset, request.Limit));
        return new CustomerListResult(page, engine.ReportingCurrency, today, await SourceNamesAsync(cancellationToken));
    }

    /// <summary>
    /// Every customer the list's question matches (its offset and limit ignored), in its order, read from one engine
    /// snapshot in windows of <see cref="CustomerListQuery.MaxLimit"/>: what the list's CSV export writes.
    /// </summary>
    public async Task<CustomerListResult> AllAsync(CustomerListRequest request, CancellationToken cancellationToken)
    {
        var engine = await metrics.EngineAsync(cancellationToken);
        var today = metrics.Today(engine);
        if (!engine.HasCustomers)
        {
            return new CustomerListResult(null, engine.ReportingCurrency, today, new Dictionary<long, string>());
        }

        var filters = await metrics.FiltersAsync(request.SegmentId, request.Filters, cancellationToken);
        var rows = new List<CustomerSummary>();
        CustomerListPage page;
        do
        {
            cancellationToken.ThrowIfCancellationRequested();
            page = engine.Customers(Query(request, today, filters, rows.Count, CustomerListQuery.MaxLimit));
            rows.AddRange(page.Rows);
        }
        while (page.Rows.Count > 0 && rows.Count < page.Total);

        return new CustomerListResult(page with { Offset = 0, Rows = rows }, engine.ReportingCurrency, today, await SourceNamesAsync(cancellationToken));
    }

    /// <summary>The attribute keys a list can show as a column.</summary>
    public Task<IReadOnlyList<string>> AttributeKeysAsync(CancellationToken cancellationToken) => metrics.AttributeKeysAsync(cancellationToken);

    /// <summary>One customer, or null when there is no customer with that id.</summary>
    public async Task<CustomerDetails?> CustomerAsync(long customerId, CancellationToken cancellationToken)
    {
        var engine = await metrics.EngineAsync(cancellationToken);
        CustomerRecord? record;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            record = await CustomerRecordLoader.LoadAsync(db, customerId, cancellationToken);
        }

        return record is not null && engine.Customer(customerId, metrics.Today(engine)) is { } numbers
            ? new CustomerDetails(record, numbers, engine.Current.Calendar)
            : null;
    }

    private static CustomerListQuery Query(CustomerListRequest request, DateOnly today, IReadOnlyList<SegmentFilter> filters, int offset, int limit) =>
        new(today)
        {
            Filters = filters,
            Search = request.Search,
            Sort = request.Sort,
            Descending = request.Descending,
            Offset = offset,
            Limit = limit,
            Attribute = request.Attribute,
        };

    private async Task<IReadOnlyDictionary<long, string>> SourceNamesAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Sources.AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);
    }
}
