using System.Globalization;
using System.Text;
using Dashboard.Core.Metrics;
using Dashboard.Web.Services.Metrics;

namespace Dashboard.Web.Features.Metrics;

/// <summary>The range presets of the metric pages.</summary>
public enum RangePreset
{
    Last30Days,
    Last3Months,
    Last6Months,
    Last12Months,
    YearToDate,
    AllTime,
    Custom,
}

/// <summary>
/// What a metric view shows, as it lives in the URL so a view can be shared:
/// <c>range=12m&amp;interval=month&amp;compare=true&amp;filter=country:eq:DE&amp;segment_id=3</c>, with
/// <c>start</c> and <c>end</c> (yyyy-MM-dd) for <c>range=custom</c>.
/// </summary>
public sealed record MetricViewState : IMetricSelection
{
    public static readonly IReadOnlyList<(RangePreset Preset, string Key, string Label)> Presets =
    [
        (RangePreset.Last30Days, "30d", "Last 30 days"),
        (RangePreset.Last3Months, "3m", "3 months"),
        (RangePreset.Last6Months, "6m", "6 months"),
        (RangePreset.Last12Months, "12m", "12 months"),
        (RangePreset.YearToDate, "ytd", "Year to date"),
        (RangePreset.AllTime, "all", "All time"),
        (RangePreset.Custom, "custom", "Custom"),
    ];

    public static readonly IReadOnlyList<Interval> IntervalOptions = [Interval.Day, Interval.Week, Interval.Month, Interval.Quarter, Interval.Year];

    public RangePreset Range { get; init; } = RangePreset.Last12Months;

    /// <summary>First day of a custom range.</summary>
    public DateOnly? Start { get; init; }

    /// <summary>Last day of a custom range.</summary>
    public DateOnly? End { get; init; }

    private readonly Interval interval = Interval.Month;

    /// <summary>The bucket size. Setting it marks it as chosen (<see cref="IntervalChosen"/>).</summary>
    public Interval Interval
    {
        get => interval;
        init
        {
            interval = value;
            IntervalChosen = true;
        }
    }

    /// <summary>
    /// False when the URL names no interval: the range then picks one (<see cref="IntervalFor"/>: 30 days by day, a
    /// quarter or half-year by week, a year by month, longer by quarter) and the URL keeps not naming it.
    /// </summary>
    public bool IntervalChosen { get; init; } = true;

    /// <summary>Adds the previous period (the same number of days just before) as a second series.</summary>
    public bool Compare { get; init; }

    /// <summary>Segment filters as <c>field:op:value</c>, joined by AND.</summary>
    public IReadOnlyList<string> Filters { get; init; } = [];

    /// <summary>A saved segment whose filters apply too.</summary>
    public long? SegmentId { get; init; }

    public static string PresetKey(RangePreset preset) => Presets.First(p => p.Preset == preset).Key;

    public static string PresetLabel(RangePreset preset) => Presets.First(p => p.Preset == preset).Label;

    /// <summary>The first and last day shown. <paramref name="firstDataDay"/> starts "all time" (today when there is no data).</summary>
    public (DateOnly Start, DateOnly End) Resolve(DateOnly today, DateOnly? firstDataDay)
    {
        return Range switch
        {
            RangePreset.Last30Days => (today.AddDays(-29), today),
            RangePreset.Last3Months => (today.AddMonths(-3).AddDays(1), today),
            RangePreset.Last6Months => (today.AddMonths(-6).AddDays(1), today),
            RangePreset.Last12Months => (today.AddMonths(-12).AddDays(1), today),
            RangePreset.YearToDate => (new DateOnly(today.Year, 1, 1), today),
            RangePreset.AllTime => (firstDataDay is { } first && first < today ? first : today, today),
            _ => Custom(today),
        };
    }

    private (DateOnly Start, DateOnly End) Custom(DateOnly today)
    {
        var end = End ?? today;
        var start = Start ?? end.AddMonths(-12).AddDays(1);
        return start <= end ? (start, end) : (end, start);
    }

    /// <summary>The interval for the resolved range: the chosen one, or the one that suits the range's length.</summary>
    public Interval IntervalFor(DateOnly start, DateOnly end) => IntervalChosen ? Interval : AutoInterval(start, end);

    /// <summary>About 30 or fewer days by day, up to about half a year by week, up to three years by month, longer by quarter.</summary>
    public static Interval AutoInterval(DateOnly start, DateOnly end) => Days(start, end) switch
    {
        <= 45 => Interval.Day,
        <= 200 => Interval.Week,
        <= 1100 => Interval.Month,
        _ => Interval.Quarter,
    };

    /// <summary>The same view with <paramref name="shown"/> as its interval, still not chosen when it was not.</summary>
    public MetricViewState Showing(Interval shown) => this with { Interval = shown, IntervalChosen = IntervalChosen };

    /// <summary>The number of days of the range: the previous period is shifted by this many days.</summary>
    public static int Days(DateOnly start, DateOnly end) => end.DayNumber - start.DayNumber + 1;

    /// <summary>Reads the state from the query-string values (unknown or malformed values fall back to the defaults).</summary>
    public static MetricViewState Parse(string? range, string? start, string? end, string? interval, string? compare,
        IEnumerable<string>? filters, string? segmentId)
    {
        var state = new MetricViewState();
        var preset = Presets.FirstOrDefault(p => string.Equals(p.Key, range, StringComparison.OrdinalIgnoreCase));
        if (preset.Key is not null)
        {
            state = state with { Range = preset.Preset };
        }

        if (state.Range == RangePreset.Custom)
        {
            state = state with { Start = Date(start), End = Date(end) };
        }

        if (interval is not null && IntervalOptions.FirstOrDefault(i => Intervals.Name(i) == interval.Trim().ToLowerInvariant()) is var parsed
            && Intervals.Name(parsed) == interval.Trim().ToLowerInvariant())
        {
            state = state with { Interval = parsed };
        }
        else
        {
            // Until the range is resolved against today, a preset's usual length stands for it.
            var guess = state.Range switch
            {
                RangePreset.Last30Days => Interval.Day,
                RangePreset.Last3Months or RangePreset.Last6Months => Interval.Week,
                _ => Interval.Month,
            };
            state = state with { Interval = guess, IntervalChosen = false };
        }

        return state with
        {
            Compare = string.Equals(compare, "true", StringComparison.OrdinalIgnoreCase) || compare == "1",
            Filters = (filters ?? []).Where(f => !string.IsNullOrWhiteSpace(f)).Select(f => f.Trim()).ToList(),
            SegmentId = long.TryParse(segmentId, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null,
        };
    }

    /// <summary>The query string (without '?') that <see cref="Parse"/> reads back to an equal state.</summary>
    public string ToQueryString()
    {
        var parts = new List<string> { "range=" + PresetKey(Range) };
        if (Range == RangePreset.Custom)
        {
            if (Start is { } s)
            {
                parts.Add("start=" + Day(s));
            }

            if (End is { } e)
            {
                parts.Add("end=" + Day(e));
            }
        }

        if (IntervalChosen)
        {
            parts.Add("interval=" + Intervals.Name(Interval));
        }

        if (Compare)
        {
            parts.Add("compare=true");
        }

        parts.AddRange(Filters.Select(f => "filter=" + Uri.EscapeDataString(f)));
        if (SegmentId is { } id)
        {
            parts.Add("segment_id=" + id.ToString(CultureInfo.InvariantCulture));
        }

        return string.Join('&', parts);
    }

    public bool Equals(MetricViewState? other) =>
        other is not null && Range == other.Range && Start == other.Start && End == other.End && Interval == other.Interval
        && IntervalChosen == other.IntervalChosen && Compare == other.Compare && SegmentId == other.SegmentId && Filters.SequenceEqual(other.Filters);

    public override int GetHashCode() => HashCode.Combine(Range, Start, End, Interval, Compare, SegmentId, Filters.Count);

    public static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateOnly? Date(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append(ToQueryString());
        return true;
    }
}
