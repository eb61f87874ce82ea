namespace Dashboard.Core.Exports;

/// <summary>A range named relative to the day an export runs, so a scheduled export always covers the latest data.</summary>
public enum RelativeRange
{
    Last30Days,
    Last3Months,
    Last12Months,
    MonthToDate,
    PreviousMonth,
    PreviousQuarter,
    YearToDate,
}

public static class RelativeRanges
{
    private static readonly (RelativeRange Range, string Name)[] Names =
    [
        (RelativeRange.Last30Days, "last_30_days"),
        (RelativeRange.Last3Months, "last_3_months"),
        (RelativeRange.Last12Months, "last_12_months"),
        (RelativeRange.MonthToDate, "month_to_date"),
        (RelativeRange.PreviousMonth, "previous_month"),
        (RelativeRange.PreviousQuarter, "previous_quarter"),
        (RelativeRange.YearToDate, "year_to_date"),
    ];

    public static IReadOnlyList<string> All { get; } = Names.Select(n => n.Name).ToList();

    public static string Name(RelativeRange range) => Names.First(n => n.Range == range).Name;

    public static bool TryParse(string? text, out RelativeRange range)
    {
        foreach (var (candidate, name) in Names)
        {
            if (string.Equals(name, text?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                range = candidate;
                return true;
            }
        }

        range = default;
        return false;
    }

    /// <summary>
    /// The days (both included) the range covers when run on <paramref name="today"/> (a day of the reporting time zone).
    /// "Last N months" ends today and starts the day after the same date N months back, like the metrics API's default
    /// range; the "previous" ranges are whole calendar periods before today's.
    /// </summary>
    public static (DateOnly Start, DateOnly End) Resolve(RelativeRange range, DateOnly today)
    {
        var monthStart = new DateOnly(today.Year, today.Month, 1);
        var quarterStart = new DateOnly(today.Year, ((today.Month - 1) / 3 * 3) + 1, 1);
        return range switch
        {
            RelativeRange.Last30Days => (today.AddDays(-29), today),
            RelativeRange.Last3Months => (today.AddMonths(-3).AddDays(1), today),
            RelativeRange.Last12Months => (today.AddMonths(-12).AddDays(1), today),
            RelativeRange.MonthToDate => (monthStart, today),
            RelativeRange.PreviousMonth => (monthStart.AddMonths(-1), monthStart.AddDays(-1)),
            RelativeRange.PreviousQuarter => (quarterStart.AddMonths(-3), quarterStart.AddDays(-1)),
            RelativeRange.YearToDate => (new DateOnly(today.Year, 1, 1), today),
            _ => throw new ArgumentOutOfRangeException(nameof(range), range, null),
        };
    }

    /// <summary>The range as of <paramref name="now"/>, whose day is read in the reporting time zone <paramref name="zone"/>.</summary>
    public static (DateOnly Start, DateOnly End) Resolve(RelativeRange range, DateTimeOffset now, TimeZoneInfo zone) =>
        Resolve(range, DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime));
}
