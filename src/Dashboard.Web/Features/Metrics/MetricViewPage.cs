using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Features.Metrics;

/// <summary>
/// A page showing a view of the metrics engine whose state lives in the URL (<see cref="MetricViewState"/>): the
/// query parameters are declared here once; each page parses the ones it uses. Loading and failing: <see cref="DataPage"/>.
/// </summary>
public abstract class MetricViewPage : DataPage
{
    [SupplyParameterFromQuery(Name = "range")]
    public string? RangeKey { get; set; }

    [SupplyParameterFromQuery(Name = "start")]
    public string? StartText { get; set; }

    [SupplyParameterFromQuery(Name = "end")]
    public string? EndText { get; set; }

    [SupplyParameterFromQuery(Name = "interval")]
    public string? IntervalText { get; set; }

    [SupplyParameterFromQuery(Name = "compare")]
    public string? CompareText { get; set; }

    [SupplyParameterFromQuery(Name = "filter")]
    public string[]? FilterTexts { get; set; }

    [SupplyParameterFromQuery(Name = "segment_id")]
    public string? SegmentText { get; set; }

    /// <summary>The view the URL describes, from every parameter.</summary>
    protected MetricViewState ParseView() =>
        MetricViewState.Parse(RangeKey, StartText, EndText, IntervalText, CompareText, FilterTexts, SegmentText);
}
