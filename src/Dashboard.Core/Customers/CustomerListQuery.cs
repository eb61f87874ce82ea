using Dashboard.Core.Metrics;
using Dashboard.Core.Segments;

namespace Dashboard.Core.Customers;

/// <summary>Where a customer stands at the end of a day. The order is the order of a status sort.</summary>
public enum CustomerStatus
{
    /// <summary>MRR above 0, no paying subscription past due.</summary>
    Active,

    /// <summary>MRR above 0 and a paying subscription is past due (still counted, see PastDueChurnDays).</summary>
    PastDue,

    /// <summary>No MRR, a subscription in trial.</summary>
    Trialing,

    /// <summary>No MRR now, MRR above 0 before.</summary>
    Churned,

    /// <summary>Never had MRR above 0 (and not in trial): a lead, a free or fully discounted plan.</summary>
    NeverPaid,
}

/// <summary>What the customer list can be sorted by.</summary>
public enum CustomerSortField
{
    Name,
    Mrr,

    /// <summary>Net revenue to date: paid charges minus refunds.</summary>
    NetRevenue,

    /// <summary>The first day with MRR above 0 (the customer's new movement).</summary>
    Since,
    Plan,
    Status,

    /// <summary>The value of <see cref="CustomerListQuery.Attribute"/>, typed by its field.</summary>
    Attribute,
}

/// <summary>
/// One page of the customer list as of the end of <see cref="Date"/>: customers kept by <see cref="Filters"/> (segment
/// semantics: a plan filter counts only matching subscriptions and lists customers that ever had a matching plan),
/// whose name, email, external id or id contains <see cref="Search"/>, ordered by <see cref="Sort"/> then id.
/// </summary>
public sealed record CustomerListQuery(DateOnly Date)
{
    public const int MaxLimit = 500;

    public IReadOnlyList<SegmentFilter>? Filters { get; init; }

    public string? Search { get; init; }

    public CustomerSortField Sort { get; init; } = CustomerSortField.Mrr;

    public bool Descending { get; init; } = true;

    public int Offset { get; init; }

    public int Limit { get; init; } = 25;

    /// <summary>An attribute key whose value each row carries (and <see cref="CustomerSortField.Attribute"/> sorts by).</summary>
    public string? Attribute { get; init; }

    internal void Validate()
    {
        if (Offset < 0)
        {
            throw new MetricQueryException("offset", $"offset must be 0 or more, not {Offset}.");
        }

        if (Limit is < 1 or > MaxLimit)
        {
            throw new MetricQueryException("limit", $"limit must be between 1 and {MaxLimit}, not {Limit}.");
        }

        if (Sort == CustomerSortField.Attribute && string.IsNullOrWhiteSpace(Attribute))
        {
            throw new MetricQueryException("sort", "Sorting by attribute needs an attribute key.");
        }
    }
}

/// <summary>
/// One row of the customer list. Money in reporting minor units; <see cref="Mrr"/> is the engine's exact customer MRR
/// rounded once (the list is sorted by the exact value).
/// </summary>
public sealed record CustomerSummary(
    long Id,
    string ExternalId,
    string? Name,
    string? Email,
    long SourceId,
    string? Country,
    IReadOnlyList<string> Plans,
    long Mrr,
    long NetRevenue,
    DateOnly? Since,
    CustomerStatus Status,
    string? AttributeValue);

/// <summary>
/// A page of customers. <see cref="Total"/> counts every match; <see cref="TotalMrr"/> is their MRR (the exact sum,
/// rounded once), equal to the <c>mrr</c> metric of the same segment on <see cref="Date"/> when there is no search.
/// </summary>
public sealed record CustomerListPage(string Currency, DateOnly Date, int Total, long TotalMrr, int Offset, IReadOnlyList<CustomerSummary> Rows);

/// <summary>A customer's MRR at the end of a month (at the snapshot's date for its own month).</summary>
public sealed record MonthlyMrr(DateOnly Month, long Mrr);

/// <summary>
/// One customer's numbers from the engine as of the end of <see cref="Date"/>: MRR, net revenue to date (paid
/// charges minus refunds), status, the first paid day, the current plans, MRR at each month's end since the first
/// month with data, and every MRR movement up to the date (their amounts sum to <see cref="Mrr"/>).
/// </summary>
public sealed record CustomerMetrics(
    long CustomerId,
    string Currency,
    DateOnly Date,
    long Mrr,
    long NetRevenue,
    DateOnly? Since,
    CustomerStatus Status,
    IReadOnlyList<string> Plans,
    IReadOnlyList<MonthlyMrr> History,
    IReadOnlyList<MovementEntry> Movements);
