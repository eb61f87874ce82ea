using System.Globalization;
using Dashboard.Core.Metrics;
using Dashboard.Core.Segments;
using Dashboard.Web.Services.Metrics;

namespace Dashboard.Web.Api.Metrics;

/// <summary>The query-string parameters the metrics endpoints share: the date range and the segment.</summary>
internal sealed record MetricRequest(DateOnly Start, DateOnly End, IReadOnlyList<SegmentFilter> Filters)
{
    /// <summary>Reads start_date and end_date (default: the twelve months up to today) and the segment.</summary>
    public static async Task<MetricRequest> ReadAsync(HttpRequest request, MetricQueryService metrics, CancellationToken cancellationToken)
    {
        var end = OptionalDate(request, "end_date") ?? metrics.Today(await metrics.EngineAsync(cancellationToken));
        var start = OptionalDate(request, "start_date") ?? end.AddMonths(-12).AddDays(1);
        if (end < start)
        {
            throw new MetricQueryException("end_date", $"end_date {end:yyyy-MM-dd} is before start_date {start:yyyy-MM-dd}.");
        }

        return new MetricRequest(start, end, await FiltersAsync(request, metrics, cancellationToken));
    }

    /// <summary>The saved segment's filters (segment_id) and every <c>filter=field:op:value</c>, joined by AND.</summary>
    public static Task<IReadOnlyList<SegmentFilter>> FiltersAsync(HttpRequest request, MetricQueryService metrics, CancellationToken cancellationToken)
    {
        long? segmentId = null;
        if (request.Query["segment_id"] is { Count: > 0 } segmentText)
        {
            segmentId = long.TryParse(segmentText.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                ? id
                : throw new MetricQueryException("segment_id", $"segment_id '{segmentText}' is not a segment id.");
        }

        return metrics.FiltersAsync(segmentId, request.Query["filter"], cancellationToken);
    }

    public static DateOnly? OptionalDate(HttpRequest request, string name)
    {
        if (request.Query[name] is not { Count: > 0 } values)
        {
            return null;
        }

        var text = values.ToString();
        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new MetricQueryException(name, $"{name} '{text}' is not a date in the form YYYY-MM-DD.");
    }

    public static int? OptionalInt(HttpRequest request, string name)
    {
        if (request.Query[name] is not { Count: > 0 } values)
        {
            return null;
        }

        var text = values.ToString();
        return int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new MetricQueryException(name, $"{name} '{text}' is not a whole number.");
    }
}
