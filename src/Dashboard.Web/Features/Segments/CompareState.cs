using System.Globalization;
using Dashboard.Web.Features.Metrics;

namespace Dashboard.Web.Features.Segments;

/// <summary>
/// The compare view as it lives in the URL: <c>metric=ltv&amp;segment_id=1&amp;segment_id=2&amp;group=plan:eq:basic;country:eq:DE</c>
/// plus the range and interval of <see cref="MetricViewState"/>. A <c>group</c> is an unsaved segment: filters joined by ';'.
/// </summary>
public sealed record CompareState
{
    public const int MinSegments = 2;
    public const int MaxSegments = 4;

    public string Metric { get; init; } = "mrr";

    public IReadOnlyList<long> SegmentIds { get; init; } = [];

    /// <summary>Filter groups, each <c>field:op:value</c> filters separated by ';'.</summary>
    public IReadOnlyList<string> Groups { get; init; } = [];

    /// <summary>Range and interval (its filters and segment are not used here).</summary>
    public MetricViewState View { get; init; } = new();

    public int Count => SegmentIds.Count + Groups.Count;

    public bool HasValidCount => Count is >= MinSegments and <= MaxSegments;

    /// <summary>Why the view cannot be drawn with this many segments; null when it can.</summary>
    public string? CountProblem => Count switch
    {
        < MinSegments => $"Pick at least {MinSegments} segments to compare (this view has {Count}): add saved segments or filter groups below.",
        > MaxSegments => $"Compare at most {MaxSegments} segments at once (this view has {Count}): remove {Count - MaxSegments}.",
        _ => null,
    };

    public static CompareState Parse(string? metric, IEnumerable<string>? segmentIds, IEnumerable<string>? groups, string? range, string? start,
        string? end, string? interval) => new()
        {
            Metric = string.IsNullOrWhiteSpace(metric) ? "mrr" : metric.Trim(),
            SegmentIds = (segmentIds ?? [])
                .Select(s => long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : (long?)null)
                .Where(id => id is not null)
                .Select(id => id!.Value)
                .Distinct()
                .ToList(),
            Groups = (groups ?? []).Select(Normalize).Where(g => g.Length > 0).Distinct().ToList(),
            View = MetricViewState.Parse(range, start, end, interval, null, null, null),
        };

    /// <summary>Why a group cannot be compared (not <c>field:op:value</c> filters joined by ';'); null when it can.</summary>
    public static string? GroupProblem(string group)
    {
        foreach (var filter in Filters(group))
        {
            try
            {
                var parsed = Dashboard.Core.Segments.SegmentFilter.Parse(filter);
                if (parsed.Field.Length == 0)
                {
                    return $"The group \"{group}\" has a filter without a field.";
                }
            }
            catch (Dashboard.Core.Metrics.MetricQueryException problem)
            {
                return $"The group \"{group}\" is left out: {problem.Message}";
            }
        }

        return null;
    }

    /// <summary>This view without its malformed groups (see <see cref="GroupProblem"/>).</summary>
    public CompareState WithoutMalformedGroups() => this with { Groups = Groups.Where(g => GroupProblem(g) is null).ToList() };

    /// <summary>Why <paramref name="filters"/> cannot be added as one more group; null when they can.</summary>
    public string? AddProblem(IReadOnlyList<string> filters)
    {
        if (filters.Count == 0)
        {
            return "Add at least one filter to the group first.";
        }

        if (Count >= MaxSegments)
        {
            return $"Compare at most {MaxSegments} segments at once: remove one before adding another.";
        }

        var group = Normalize(string.Join(';', filters));
        return GroupProblem(group) ?? (Groups.Contains(group) ? "That group is compared already." : null);
    }

    /// <summary>A group's filters.</summary>
    public static IReadOnlyList<string> Filters(string group) =>
        group.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>"plan:eq:basic; country:eq:DE " -> "plan:eq:basic;country:eq:DE".</summary>
    public static string Normalize(string group) => string.Join(';', Filters(group));

    public string ToQueryString()
    {
        var parts = new List<string> { "metric=" + Uri.EscapeDataString(Metric) };
        parts.AddRange(SegmentIds.Select(id => "segment_id=" + id.ToString(CultureInfo.InvariantCulture)));
        parts.AddRange(Groups.Select(g => "group=" + Uri.EscapeDataString(g)));
        parts.Add(View.ToQueryString());
        return string.Join('&', parts);
    }

    public bool Equals(CompareState? other) =>
        other is not null && Metric == other.Metric && SegmentIds.SequenceEqual(other.SegmentIds) && Groups.SequenceEqual(other.Groups)
        && View.Equals(other.View);

    public override int GetHashCode() => HashCode.Combine(Metric, SegmentIds.Count, Groups.Count, View);
}
