using Dashboard.Core.Metrics;

namespace Dashboard.Web.Api.Metrics;

/// <summary>
/// <c>GET /metrics/{metric}</c>: money in integer minor units of <see cref="Currency"/>, percent as plain numbers.
/// <see cref="Summary"/> is the one figure for the whole range (metrics.md, "One figure for a whole range").
/// </summary>
public sealed record MetricSeriesResponse(string Metric, string Unit, string Currency, string Interval, IReadOnlyList<MetricPointDto> Metrics)
{
    public RangeFigureDto? Summary { get; init; }
}

/// <summary>
/// One figure for start_date..end_date: a stock at the end, a flow summed over the range, a rate with the range as its
/// window; <c>previous</c> is the same figure for the range <c>compare_to</c> days earlier.
/// </summary>
public sealed record RangeFigureDto(string StartDate, string EndDate, decimal? Value, PreviousDto? Previous);

/// <summary>One bucket as Baremetrics shows it: <c>date</c> its first day in unix seconds, <c>human_date</c> the same day as YYYY-MM-DD.</summary>
public sealed record MetricPointDto(long Date, string HumanDate, decimal? Value, PreviousDto? Previous)
{
    /// <summary>
    /// Ours, on rates only: the first day (YYYY-MM-DD) of the window the value covers, which ends on the bucket's last day;
    /// by day the trailing 30 days, so 29 days before <c>human_date</c>. Absent for stocks and flows.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? WindowStartDate { get; init; }
}

/// <summary>The bucket <c>compare_to</c> days earlier.</summary>
public sealed record PreviousDto(long Date, string HumanDate, decimal? Value, decimal? Percent);

/// <summary>
/// <c>GET /metrics?start_date=&amp;end_date=</c>: one point per day, each with every metric under Baremetrics' slug
/// (see <see cref="Dashboard.Core.Metrics.BaremetricsSlugs"/>) and under our name.
/// </summary>
public sealed record MetricSummaryResponse(string Currency, IReadOnlyList<IReadOnlyDictionary<string, object?>> Metrics)
{
    /// <summary>
    /// Every metric as one figure for the whole of start_date..end_date (stocks at its end, flows summed, rates over the
    /// range), under our names, with <c>start_date</c> and <c>end_date</c>.
    /// </summary>
    public IReadOnlyDictionary<string, object?>? Range { get; init; }
}

/// <summary><c>GET /metrics/{metric}/plans</c>: the metric over the range for each plan.</summary>
public sealed record PlanBreakoutResponse(string Metric, string Unit, string Currency, IReadOnlyList<PlanBreakoutDto> Metrics);

public sealed record PlanBreakoutDto(long Date, string HumanDate, decimal? Value, Plans.PlanDto Plan);

public sealed record DrillDownResponse(
    string Metric,
    string Unit,
    string Currency,
    string StartDate,
    string EndDate,
    decimal? Value,
    decimal Total,
    IReadOnlyList<ContributionDto> Customers,
    Infrastructure.PaginationMeta Meta,
    IReadOnlyList<DrillDownPointDto> Metrics);

/// <summary>
/// The same page in Baremetrics' shape: one point for the range (<c>date</c> its first day) whose customers carry their
/// contribution as <c>mrr</c> (in the metric's unit) and the nested customer.
/// </summary>
public sealed record DrillDownPointDto(long Date, string HumanDate, decimal? Value, IReadOnlyList<DrillDownCustomerDto> Customers);

public sealed record DrillDownCustomerDto(decimal Mrr, Customers.CustomerBriefDto Customer);

public sealed record ContributionDto(long CustomerId, string Oid, string? Name, string? Email, decimal Contribution, IReadOnlyList<MovementDto> Movements);

public sealed record MovementDto(string Date, string Kind, long Amount);

public sealed record CohortResponse(string Currency, IReadOnlyList<CohortRowDto> Cohorts);

public sealed record CohortRowDto(string Month, int Customers, long StartingMrr, IReadOnlyList<CohortCellDto> Periods);

public sealed record CohortCellDto(int Period, string Date, int ActiveCustomers, long Mrr, decimal? ActiveShare, decimal? MrrShare);

internal static class MetricDtos
{
    public static string Unit(MetricUnit unit) => unit.ToString().ToLowerInvariant();

    public static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The day's start (midnight UTC) in unix seconds, as Baremetrics dates its points.</summary>
    public static long Unix(DateOnly date) => new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeSeconds();

    /// <summary>One day of the summary: <c>human_date</c>, <c>date</c>, every Baremetrics slug, then our names not spelled so.</summary>
    public static IReadOnlyDictionary<string, object?> SummaryPoint(SummaryDay day)
    {
        var point = new Dictionary<string, object?> { ["human_date"] = Day(day.Date), ["date"] = Unix(day.Date) };
        var values = day.Items.ToDictionary(i => i.Metric, i => i.Value, StringComparer.Ordinal);
        foreach (var slug in BaremetricsSlugs.Summary)
        {
            point[slug] = values[MetricCatalog.Get(slug).Name];
        }

        foreach (var item in day.Items)
        {
            point.TryAdd(item.Metric, item.Value);
        }

        return point;
    }

    /// <summary>The whole range's figure of a series (<see cref="MetricSeries.WholeRange"/>).</summary>
    public static RangeFigureDto? RangeFigure(MetricSeries series, int? compareToDays) => series.WholeRange is not { } whole
        ? null
        : new RangeFigureDto(Day(whole.Date), Day(whole.EndDate), whole.Value, Previous(whole.Date, whole.Previous, compareToDays));

    /// <summary>The range summary: <c>start_date</c>, <c>end_date</c>, then every metric's figure for the whole range.</summary>
    public static IReadOnlyDictionary<string, object?> RangeSummary(DateOnly start, DateOnly end, IReadOnlyList<SummaryItem> items)
    {
        var range = new Dictionary<string, object?> { ["start_date"] = Day(start), ["end_date"] = Day(end) };
        foreach (var item in items)
        {
            range[item.Metric] = item.Value;
        }

        return range;
    }

    public static MetricPointDto Point(MetricPoint point, int? compareToDays) =>
        new(Unix(point.Date), Day(point.Date), point.Value, Previous(point.Date, point.Previous, compareToDays))
        {
            WindowStartDate = point.WindowStart is { } windowStart ? Day(windowStart) : null,
        };

    private static PreviousDto? Previous(DateOnly date, PreviousValue? previous, int? compareToDays) =>
        previous is null || compareToDays is not { } days
            ? null
            : new PreviousDto(Unix(date.AddDays(-days)), Day(date.AddDays(-days)), previous.Value, previous.Percent);
}

/// <summary>
/// One monthly cohort as Baremetrics lists it: the month (<c>begin</c>..<c>end</c>), its customers and the MRR they
/// started with (reporting minor units), and one cell per month since. <c>mrr_formatted</c> is the MRR written out.
/// </summary>
public sealed record BaremetricsCohortDto(string Begin, string End, long Mrr, int Customers, string MrrFormatted, IReadOnlyList<BaremetricsCohortCellDto> Cells)
{
    public static BaremetricsCohortDto From(Dashboard.Core.Metrics.CohortRow row, string currency) =>
        new(MetricDtos.Day(row.Month), MetricDtos.Day(row.Month.AddMonths(1).AddDays(-1)), row.StartingMrr, row.Customers,
            Dashboard.Core.Money.MoneyFormat.Full(row.StartingMrr, currency),
            row.Periods.Select(c => new BaremetricsCohortCellDto(
                MetricDtos.Day(row.Month.AddMonths(c.Period)), MetricDtos.Day(c.Date),
                new CohortUserDto(row.Customers, c.ActiveCustomers, Fraction(c.ActiveShare)),
                new CohortRevenueDto(row.StartingMrr, c.Mrr, Fraction(c.MrrShare), Dashboard.Core.Money.MoneyFormat.Full(c.Mrr, currency),
                    Dashboard.Core.Money.MoneyFormat.Full(row.StartingMrr, currency)))).ToList());

    /// <summary>Baremetrics writes shares as fractions (0.98), ours are percent numbers (98).</summary>
    private static decimal? Fraction(decimal? percent) => percent is { } p ? Math.Round(p / 100m, 4, MidpointRounding.AwayFromZero) : null;
}

/// <summary>A cohort in one month: <c>end</c> is the day it is measured at (the month's end, or the range's end if earlier).</summary>
public sealed record BaremetricsCohortCellDto(string Begin, string End, CohortUserDto User, CohortRevenueDto Revenue);

/// <summary>Customers: the cohort's (<c>total</c>), those paying in the cell (<c>absolute</c>) and their share (0..1).</summary>
public sealed record CohortUserDto(int Total, int Absolute, decimal? Percentage);

/// <summary>MRR in reporting minor units: the cohort's starting MRR (<c>total</c>), its MRR in the cell (<c>absolute</c>) and their ratio.</summary>
public sealed record CohortRevenueDto(long Total, long Absolute, decimal? Percentage, string AbsoluteFormatted, string TotalFormatted);
