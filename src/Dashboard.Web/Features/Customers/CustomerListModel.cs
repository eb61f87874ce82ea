using System.Globalization;
using Dashboard.Core.Customers;
using Dashboard.Core.Money;
using Dashboard.Web.Components.Controls;

namespace Dashboard.Web.Features.Customers;

/// <summary>One row of the customer list, formatted; raw money in minor units for data attributes.</summary>
public sealed record CustomerRowView(
    long Id,
    string Href,
    string Name,
    string? Email,
    string Plans,
    long Mrr,
    string MrrDisplay,
    long NetRevenue,
    string NetRevenueDisplay,
    string Since,
    CustomerStatus Status,
    string StatusLabel,
    string Source,
    string Country,
    string? Attribute);

/// <summary>A numbered page link of the pager, or a gap ("…") between numbers when <see cref="Number"/> is null.</summary>
public sealed record PageLink(int? Number, string? Href, bool Current);

/// <summary>A sortable column header: its link sorts by it (or flips the direction when it already does).</summary>
public sealed record SortHeader(string Label, CustomerSortField Field, string Href, string? AriaSort, bool Numeric);

/// <summary>
/// The customer list as the page shows it, built without rendering: rows, headers with their sort links, the pager
/// and the summary line. <see cref="StoreIsEmpty"/> switches to the "import your data" state.
/// </summary>
public sealed record CustomerListModel(
    CustomerListState State,
    bool StoreIsEmpty,
    string Currency,
    DateOnly Date,
    int Total,
    string Summary,
    long TotalMrr,
    IReadOnlyList<SortHeader> Headers,
    IReadOnlyList<CustomerRowView> Rows,
    string? AttributeTitle)
{
    /// <summary>The list's pages (the shared <see cref="Components.Controls.Pager"/>); the page asked for, even past the last.</summary>
    public PagerModel Pager => new(State.Page, CustomerListState.PageSize, Total, page => (State with { Page = page }).Href);

    /// <summary>The CSV of every customer of this list on all its pages (<see cref="CustomerExportEndpoints"/>).</summary>
    public string CsvHref => "export/customers.csv?" + (State with { Page = 1 }).ToQueryString();

    public static CustomerListModel Empty(CustomerListState state, string currency, DateOnly date) =>
        new(state, true, currency, date, 0, string.Empty, 0, [], [], null);

    public static CustomerListModel From(CustomerListPage page, CustomerListState state, IReadOnlyDictionary<long, string> sourceNames)
    {
        var rows = page.Rows.Select(r => new CustomerRowView(
            r.Id,
            "customers/" + r.Id.ToString(CultureInfo.InvariantCulture),
            string.IsNullOrWhiteSpace(r.Name) ? r.ExternalId : r.Name!,
            r.Email,
            r.Plans.Count == 0 ? "–" : string.Join(", ", r.Plans),
            r.Mrr,
            MoneyFormat.Full(r.Mrr, page.Currency),
            r.NetRevenue,
            MoneyFormat.Full(r.NetRevenue, page.Currency),
            r.Since is { } since ? since.ToString("MMM d, yyyy", CultureInfo.InvariantCulture) : "–",
            r.Status,
            StatusLabel(r.Status),
            sourceNames.TryGetValue(r.SourceId, out var source) ? source : "Source " + r.SourceId.ToString(CultureInfo.InvariantCulture),
            r.Country ?? "–",
            r.AttributeValue)).ToList();

        var summary = $"{Count(page.Total)} {(page.Total == 1 ? "customer" : "customers")} · MRR {NumberFormat.Money(page.TotalMrr, page.Currency, NumberFormat.HeadlineStyle([page.TotalMrr], page.Currency))} · as of {page.Date.ToString("MMM d, yyyy", CultureInfo.InvariantCulture)}";
        return new CustomerListModel(
            state,
            false,
            page.Currency,
            page.Date,
            page.Total,
            summary,
            page.TotalMrr,
            BuildHeaders(state),
            rows,
            state.Attribute);
    }

    public static string StatusLabel(CustomerStatus status) => status switch
    {
        CustomerStatus.Active => "Active",
        CustomerStatus.PastDue => "Past due",
        CustomerStatus.Trialing => "Trialing",
        CustomerStatus.Churned => "Churned",
        _ => "Never paid",
    };

    /// <summary>The status as a CSS/data value: active, past_due, trialing, churned, never_paid.</summary>
    public static string StatusKey(CustomerStatus status) => status switch
    {
        CustomerStatus.Active => "active",
        CustomerStatus.PastDue => "past_due",
        CustomerStatus.Trialing => "trialing",
        CustomerStatus.Churned => "churned",
        _ => "never_paid",
    };

    private static string Count(int n) => n.ToString("#,0", CultureInfo.InvariantCulture);

    private static List<SortHeader> BuildHeaders(CustomerListState state)
    {
        var headers = new List<SortHeader>
        {
            Header("Customer", CustomerSortField.Name, false),
            Header("Plan", CustomerSortField.Plan, false),
            Header("MRR", CustomerSortField.Mrr, true),
            Header("Net revenue", CustomerSortField.NetRevenue, true),
            Header("Since", CustomerSortField.Since, false),
            Header("Status", CustomerSortField.Status, false),
        };
        if (state.Attribute is { } attribute)
        {
            headers.Add(Header(attribute, CustomerSortField.Attribute, false));
        }

        return headers;

        SortHeader Header(string label, CustomerSortField field, bool numeric) => new(
            label,
            field,
            state.SortedBy(field).Href,
            state.Sort == field ? (state.Descending ? "descending" : "ascending") : null,
            numeric);
    }
}
