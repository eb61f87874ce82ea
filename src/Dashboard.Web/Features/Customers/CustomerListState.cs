using System.Globalization;
using System.Text;
using Dashboard.Core.Customers;
using Dashboard.Web.Features.Metrics;

namespace Dashboard.Web.Features.Customers;

/// <summary>
/// What the customer list shows, as it lives in the URL:
/// <c>q=acme&amp;sort=mrr&amp;dir=desc&amp;page=2&amp;attribute=utm_source&amp;filter=country:eq:DE&amp;segment_id=3</c>.
/// Filters and <c>segment_id</c> mean what they mean on the metric pages (<see cref="MetricViewState"/>).
/// </summary>
public sealed record CustomerListState
{
    public const int PageSize = 25;

    public static readonly IReadOnlyList<(CustomerSortField Field, string Key)> SortKeys =
    [
        (CustomerSortField.Name, "name"),
        (CustomerSortField.Mrr, "mrr"),
        (CustomerSortField.NetRevenue, "revenue"),
        (CustomerSortField.Since, "since"),
        (CustomerSortField.Plan, "plan"),
        (CustomerSortField.Status, "status"),
        (CustomerSortField.Attribute, "attribute"),
    ];

    public string? Search { get; init; }

    public CustomerSortField Sort { get; init; } = CustomerSortField.Mrr;

    public bool Descending { get; init; } = true;

    /// <summary>1-based page number.</summary>
    public int Page { get; init; } = 1;

    /// <summary>The attribute key shown as an extra column (and sortable).</summary>
    public string? Attribute { get; init; }

    public IReadOnlyList<string> Filters { get; init; } = [];

    public long? SegmentId { get; init; }

    public int Offset => (Page - 1) * PageSize;

    public static string SortKey(CustomerSortField field) => SortKeys.First(s => s.Field == field).Key;

    /// <summary>Money sorts start with the largest; the others alphabetically or oldest first.</summary>
    public static bool DefaultDescending(CustomerSortField field) => field is CustomerSortField.Mrr or CustomerSortField.NetRevenue;

    /// <summary>Reads the state from query-string values (unknown or malformed values fall back to the defaults).</summary>
    public static CustomerListState Parse(string? search, string? sort, string? dir, string? page, string? attribute,
        IEnumerable<string>? filters, string? segmentId)
    {
        var state = new CustomerListState
        {
            Search = string.IsNullOrWhiteSpace(search) ? null : search.Trim(),
            Attribute = string.IsNullOrWhiteSpace(attribute) ? null : attribute.Trim(),
            Filters = (filters ?? []).Where(f => !string.IsNullOrWhiteSpace(f)).Select(f => f.Trim()).ToList(),
            SegmentId = long.TryParse(segmentId, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null,
            Page = int.TryParse(page, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= 1 ? number : 1,
        };

        var key = SortKeys.FirstOrDefault(s => string.Equals(s.Key, sort?.Trim(), StringComparison.OrdinalIgnoreCase));
        if (key.Key is not null && (key.Field != CustomerSortField.Attribute || state.Attribute is not null))
        {
            state = state with { Sort = key.Field };
        }

        var descending = dir?.Trim().ToLowerInvariant() switch
        {
            "asc" => false,
            "desc" => true,
            _ => DefaultDescending(state.Sort),
        };
        return state with { Descending = descending };
    }

    /// <summary>The query string (without '?') that <see cref="Parse"/> reads back to an equal state.</summary>
    public string ToQueryString()
    {
        var parts = new List<string>();
        if (Search is { } search)
        {
            parts.Add("q=" + Uri.EscapeDataString(search));
        }

        parts.Add("sort=" + SortKey(Sort));
        parts.Add("dir=" + (Descending ? "desc" : "asc"));
        if (Page > 1)
        {
            parts.Add("page=" + Page.ToString(CultureInfo.InvariantCulture));
        }

        if (Attribute is { } attribute)
        {
            parts.Add("attribute=" + Uri.EscapeDataString(attribute));
        }

        parts.AddRange(Filters.Select(f => "filter=" + Uri.EscapeDataString(f)));
        if (SegmentId is { } id)
        {
            parts.Add("segment_id=" + id.ToString(CultureInfo.InvariantCulture));
        }

        return string.Join('&', parts);
    }

    public string Href => "customers?" + ToQueryString();

    /// <summary>Sorting by <paramref name="field"/>: the same column flips the direction, another starts at its default; back to page 1.</summary>
    public CustomerListState SortedBy(CustomerSortField field) =>
        this with { Sort = field, Descending = field == Sort ? !Descending : DefaultDescending(field), Page = 1 };

    /// <summary>The segment part as the metric pages hold it, so filters resolve exactly as there.</summary>
    public MetricViewState Segment => new() { Filters = Filters, SegmentId = SegmentId };

    public bool Equals(CustomerListState? other) =>
        other is not null && Search == other.Search && Sort == other.Sort && Descending == other.Descending && Page == other.Page
        && Attribute == other.Attribute && SegmentId == other.SegmentId && Filters.SequenceEqual(other.Filters);

    public override int GetHashCode() => HashCode.Combine(Search, Sort, Descending, Page, Attribute, SegmentId, Filters.Count);

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append(ToQueryString());
        return true;
    }
}
