namespace Dashboard.Core.Timelines;

/// <summary>
/// Maps instants to reporting days. A day is identified by <see cref="DateOnly.DayNumber"/> of the calendar date in
/// the reporting time zone, so an instant belongs to the local day it falls in (a DST day simply has 23 or 25 hours).
/// </summary>
public sealed class ReportingCalendar
{
    private readonly bool isUtc;

    public ReportingCalendar(string timeZoneId)
    {
        try
        {
            Zone = TimeZoneInfo.FindSystemTimeZoneById(timeZoneId);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new ArgumentException($"'{timeZoneId}' is not a known IANA time zone.", nameof(timeZoneId), e);
        }

        isUtc = Zone.BaseUtcOffset == TimeSpan.Zero && !Zone.SupportsDaylightSavingTime;
    }

    public TimeZoneInfo Zone { get; }

    /// <summary>The reporting day (DayNumber) an instant falls in.</summary>
    public int DayOf(DateTimeOffset instant)
    {
        if (isUtc)
        {
            return (int)(instant.UtcTicks / TimeSpan.TicksPerDay);
        }

        var local = TimeZoneInfo.ConvertTime(instant, Zone);
        return (int)(local.Ticks / TimeSpan.TicksPerDay);
    }

    /// <summary>The instant a reporting day starts (local midnight, or the first valid local time after it).</summary>
    public DateTimeOffset StartOf(DateOnly date)
    {
        var local = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        while (Zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(30);
        }

        return new DateTimeOffset(local, Zone.GetUtcOffset(local));
    }

    public static DateOnly DateOf(int day) => DateOnly.FromDayNumber(day);
}
