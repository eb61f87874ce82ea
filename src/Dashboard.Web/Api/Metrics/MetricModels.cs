using Dashboard.Core.Metrics;

namespace Dashboard.Web.Api.Metrics;

/// <summary><c>GET /metrics/{metric}</c>: money in integer minor units of <see cref="Currency"/>, percent as plain numbers.</summary>
public sealed record MetricSeriesResponse(string Metric, string Unit, string Currency, string Interval, IReadOnlyList<MetricPointDto> Metrics);

public sealed record MetricPointDto(string Date, string HumanDate, decimal? Value, PreviousDto? Previous);

public sealed record PreviousDto(decimal? Value, decimal? Percent);

public sealed record MetricSummaryResponse(string Date, string Currency, IReadOnlyList<SummaryItemDto> Metrics);

public sealed record SummaryItemDto(string Metric, string Title, string Unit, decimal? Value, PreviousDto? Previous);

public sealed record DrillDownResponse(
    string Metric,
    string Unit,
    string Currency,
    string StartDate,
    string EndDate,
    decimal? Value,
    decimal Total,
    IReadOnlyList<ContributionDto> Customers,
    Infrastructure.PaginationMeta Meta);

public sealed record ContributionDto(long CustomerId, string Oid, string? Name, string? Email, decimal Contribution, IReadOnlyList<MovementDto> Movements);

public sealed record MovementDto(string Date, string Kind, long Amount);

public sealed record CohortResponse(string Currency, IReadOnlyList<CohortRowDto> Cohorts);

public sealed record CohortRowDto(string Month, int Customers, long StartingMrr, IReadOnlyList<CohortCellDto> Periods);

public sealed record CohortCellDto(int Period, string Date, int ActiveCustomers, long Mrr, decimal? ActiveShare, decimal? MrrShare);

internal static class MetricDtos
{
    public static string Unit(MetricUnit unit) => unit.ToString().ToLowerInvariant();

    public static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    public static string Human(DateOnly date, Interval interval) => interval switch
    {
        Interval.Year => date.ToString("yyyy", System.Globalization.CultureInfo.InvariantCulture),
        Interval.Quarter => $"Q{((date.Month - 1) / 3) + 1} {date.Year}",
        Interval.Month => date.ToString("MMM yyyy", System.Globalization.CultureInfo.InvariantCulture),
        _ => date.ToString("MMM d, yyyy", System.Globalization.CultureInfo.InvariantCulture),
    };

    public static PreviousDto? Previous(PreviousValue? previous) =>
        previous is null ? null : new PreviousDto(previous.Value, previous.Percent);
}
