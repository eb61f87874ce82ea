using Dashboard.Core.Billing;
using Dashboard.Core.Metrics;
using Dashboard.Web.Components.Controls;
using Dashboard.Web.Features.Metrics;

namespace Dashboard.Web.Features.Overview;

/// <summary>
/// The annotations on a KPI card's sparkline: each under its bucket's point (<see cref="Sparkline.XOf"/>), annotations
/// outside the sparkline's buckets left out, and notes closer than <see cref="MinGap"/> merged into one marker so a
/// small card (phone width, a daily range) never shows a row of overlapping glyphs.
/// </summary>
public static class SparklineMarkers
{
    /// <summary>The least distance between two markers, in the sparkline's 0–100 width (about a glyph on a phone-width card).</summary>
    public const double MinGap = 8;

    /// <param name="annotations">The card metric's annotations and the global ones.</param>
    /// <param name="points">The sparkline's buckets.</param>
    /// <param name="label">A bucket's name, for the marker.</param>
    public static IReadOnlyList<SparkMarker> Place(IEnumerable<Annotation> annotations, IReadOnlyList<MetricPoint> points, Func<MetricPoint, string> label)
    {
        var buckets = points.Select(p => new ChartBucket(p.Date, p.EndDate, label(p))).ToList();
        var markers = new List<SparkMarker>();
        foreach (var placed in ChartNotesModel.Place(annotations, buckets).OrderBy(m => m.Date).ThenBy(m => m.Id))
        {
            var x = Sparkline.XOf(placed.Bucket, buckets.Count);
            if (markers.Count > 0 && x - markers[^1].X < MinGap)
            {
                markers[^1] = markers[^1] with { Notes = [.. markers[^1].Notes, placed] };
            }
            else
            {
                markers.Add(new SparkMarker(x, [placed]));
            }
        }

        return markers;
    }
}
