using Dashboard.Core.Metrics;
using Dashboard.Core.Segments;
using Dashboard.Web.Features.Metrics;
using Dashboard.Web.Services.Segments;

namespace Dashboard.Web.Features.Segments;

/// <summary>A saved segment on the Segments page with its MRR and paying customers at the end of today.</summary>
/// <param name="MrrMinor">MRR in minor units of the reporting currency; null when the segment's filters no longer apply.</param>
/// <param name="Customers">Active customers (MRR above zero).</param>
/// <param name="Problem">Why the numbers are missing (e.g. an attribute key that no longer exists).</param>
public sealed record SegmentRow(SavedSegment Segment, long? MrrMinor, long? Customers, string? Problem)
{
    /// <summary>Every row's numbers from one engine query per metric and segment, for today (the reporting calendar's).</summary>
    public static IReadOnlyList<SegmentRow> Compute(MetricsEngine engine, DateOnly today, IReadOnlyList<SavedSegment> segments)
    {
        var rows = new List<SegmentRow>(segments.Count);
        foreach (var segment in segments)
        {
            try
            {
                var filters = segment.Filters.Select(SegmentFilter.Parse).ToList();
                var mrr = engine.Query(new MetricQuery("mrr", today, today, Interval.Day) { Filters = filters }).Points[^1].Value;
                var customers = engine.Query(new MetricQuery("active_customers", today, today, Interval.Day) { Filters = filters }).Points[^1].Value;
                rows.Add(new SegmentRow(segment, (long?)mrr, (long?)customers, null));
            }
            catch (MetricQueryException exception)
            {
                rows.Add(new SegmentRow(segment, null, null, exception.Message));
            }
        }

        return rows;
    }
}
