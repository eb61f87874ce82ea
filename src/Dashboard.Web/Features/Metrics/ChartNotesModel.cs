using System.Globalization;
using Dashboard.Core.Billing;
using Dashboard.Web.Services.ChartNotes;

namespace Dashboard.Web.Features.Metrics;

/// <summary>An annotation placed on the chart: the bucket it falls in (zero-based) and what the marker says.</summary>
public sealed record AnnotationMarker(long Id, DateOnly Date, string Text, int Bucket, string BucketLabel)
{
    public string Day => MetricViewState.Day(Date);

    public string DateText => Date.ToString("MMM d, yyyy", CultureInfo.InvariantCulture);
}

/// <summary>
/// The goal against the headline figure: <see cref="Percent"/> is how far the figure has come from the goal's start
/// amount towards its end amount, to the whole percent ("40 % of the way from $60.00 to the $150.00 goal by Mar 31,
/// 2027"). It works the same for goals that go down (churn from 5 % to 2 %: a figure of 4 % is 33 %), is negative when
/// the figure moved away from the goal and above 100 once the goal is passed; null when start and end are equal or
/// there is no figure.
/// </summary>
public sealed record GoalProgress(string Name, long Target, string TargetDisplay, string StartDisplay, DateOnly By, decimal? Percent)
{
    /// <summary>The progress of <paramref name="current"/> (the headline figure, stored unit) towards the goal.</summary>
    public static GoalProgress Of(Goal goal, decimal? current, Dashboard.Core.Metrics.MetricUnit unit, string currency)
    {
        var distance = (decimal)goal.EndAmount - goal.StartAmount;
        decimal? percent = distance != 0 && current is { } figure
            ? Math.Round((figure - goal.StartAmount) * 100m / distance, 0, MidpointRounding.AwayFromZero)
            : null;
        return new GoalProgress(goal.Name, goal.EndAmount, MetricValues.Full(goal.EndAmount, unit, currency),
            MetricValues.Full(goal.StartAmount, unit, currency), goal.EndDate, percent);
    }

    public string Text
    {
        get
        {
            var by = By.ToString("MMM d, yyyy", CultureInfo.InvariantCulture);
            if (Percent is not { } percent)
            {
                return $"The {TargetDisplay} goal by {by}";
            }

            var state = percent >= 100 ? " (reached)" : percent < 0 ? " (moving away)" : string.Empty;
            return $"{percent.ToString("0", CultureInfo.InvariantCulture)} % of the way from {StartDisplay} to the {TargetDisplay} goal by {by}{state}";
        }
    }
}

/// <summary>A point of the goal's target line on the chart (the same value at every bucket).</summary>
public sealed record GoalLinePoint(string Label, double Value);

/// <summary>One bucket of a chart: its first and last day and its label.</summary>
public sealed record ChartBucket(DateOnly Date, DateOnly EndDate, string Label);

/// <summary>What the metric page shows of its goals and annotations, placed on the page's buckets.</summary>
public sealed record ChartNotesModel(IReadOnlyList<AnnotationMarker> Markers, int Buckets, GoalProgress? Goal, IReadOnlyList<GoalLinePoint> GoalLine)
{
    public static ChartNotesModel Empty { get; } = new([], 0, null, []);

    /// <summary>The stored goal behind <see cref="Goal"/>, for the goal editor.</summary>
    public Goal? StoredGoal { get; init; }

    public static ChartNotesModel From(MetricChartNotes notes, MetricPageModel view)
    {
        var markers = Place(notes.Annotations, view.Rows.Select(r => new ChartBucket(r.Date, r.EndDate, r.Label)).ToList());
        return new ChartNotesModel(markers, view.Rows.Count, notes.Goal is { } goal ? Progress(goal, view) : null,
            notes.Goal is { } target
                ? view.Rows.Select(r => new GoalLinePoint(r.Label, MetricValues.Chart(target.EndAmount, view.Metric.Unit, view.Currency))).ToList()
                : []) { StoredGoal = notes.Goal };
    }

    public static GoalProgress Progress(Goal goal, MetricPageModel view) => GoalProgress.Of(goal, view.Current, view.Metric.Unit, view.Currency);

    /// <summary>The annotations that fall in one of <paramref name="buckets"/>, each placed in its bucket.</summary>
    public static IReadOnlyList<AnnotationMarker> Place(IEnumerable<Annotation> annotations, IReadOnlyList<ChartBucket> buckets)
    {
        var markers = new List<AnnotationMarker>();
        foreach (var annotation in annotations)
        {
            var bucket = BucketOf(buckets, annotation.Date);
            if (bucket >= 0)
            {
                markers.Add(new AnnotationMarker(annotation.Id, annotation.Date, annotation.Text, bucket, buckets[bucket].Label));
            }
        }

        return markers;
    }

    private static int BucketOf(IReadOnlyList<ChartBucket> buckets, DateOnly date)
    {
        for (var i = 0; i < buckets.Count; i++)
        {
            if (buckets[i].Date <= date && date <= buckets[i].EndDate)
            {
                return i;
            }
        }

        return -1;
    }
}
