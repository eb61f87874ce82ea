using System.Globalization;

namespace Dashboard.Core.Exports;

/// <summary>
/// When a scheduled export runs, in the reporting time zone: daily at <see cref="At"/>, weekly on <see cref="Weekday"/>,
/// monthly on <see cref="Day"/> (1-28, so every month has it), or a five-field cron expression.
/// </summary>
public sealed record ExportSchedule(ScheduleFrequency Frequency, TimeOnly At, DayOfWeek? Weekday = null, int? Day = null, string? Cron = null)
{
    /// <summary>The cron expression the job scheduler runs (minute hour day-of-month month day-of-week), read in the reporting time zone.</summary>
    public string ToCron() => Frequency switch
    {
        ScheduleFrequency.Daily => Invariant($"{At.Minute} {At.Hour} * * *"),
        ScheduleFrequency.Weekly => Invariant($"{At.Minute} {At.Hour} * * {(int)Weekday!.Value}"),
        ScheduleFrequency.Monthly => Invariant($"{At.Minute} {At.Hour} {Day!.Value} * *"),
        _ => Cron!,
    };

    public static string FrequencyName(ScheduleFrequency frequency) => frequency.ToString().ToLowerInvariant();

    public static string WeekdayName(DayOfWeek day) => day.ToString().ToLowerInvariant();

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
