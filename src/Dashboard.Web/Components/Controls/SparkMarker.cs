using Dashboard.Web.Features.Metrics;

namespace Dashboard.Web.Components.Controls;

/// <summary>
/// A marker under a KPI card's sparkline at <see cref="X"/> (0–100 across it, the first note's bucket) for one or more
/// annotations close together; <see cref="Marker"/> is what it shows: the first note's date and every note's text.
/// </summary>
public sealed record SparkMarker(double X, IReadOnlyList<AnnotationMarker> Notes)
{
    public AnnotationMarker Marker => Notes.Count == 1
        ? Notes[0]
        : Notes[0] with { Text = string.Join("; ", Notes.Select((n, i) => i == 0 ? n.Text : $"{n.DateText}: {n.Text}")) };
}
