using System.Globalization;
using Dashboard.Core.Money;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Features.Overview;

/// <summary>
/// MRR per bucket as a line with its movements as bars (gains above zero, losses below), drawn as SVG on the server:
/// the geometry comes from <see cref="MrrChartModel"/>, the axis labels are HTML so they keep their size at any width.
/// </summary>
public partial class MrrChart : ComponentBase
{
    private static readonly string Size = MrrChartModel.Size.ToString(CultureInfo.InvariantCulture);

    [Parameter, EditorRequired]
    public required MrrChartModel Model { get; set; }

    /// <summary>Also draws net new MRR as a dashed line on the movements' axis (the MRR breakdown).</summary>
    [Parameter]
    public bool ShowNetNew { get; set; }

    /// <summary>Annotations placed in the chart's buckets, drawn as markers under it.</summary>
    [Parameter]
    public IReadOnlyList<Metrics.AnnotationMarker> Markers { get; set; } = [];

    /// <summary>A click on a bucket (its first day): the page offers to annotate it.</summary>
    [Parameter]
    public EventCallback<DateOnly> OnBucketClick { get; set; }

    private static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private static string Percent(double value) => (value / MrrChartModel.Size * 100).ToString("0.##", CultureInfo.InvariantCulture) + "%";

    private string Tooltip(MrrBucket bucket) =>
        $"{bucket.Label}: MRR {MoneyFormat.Full(bucket.MrrMinor, Model.Currency)}, net new {MoneyFormat.Full(bucket.NetNewMinor, Model.Currency)} ("
        + string.Join(", ", bucket.Movements.Select(m => $"{m.Label.ToLowerInvariant()} {MoneyFormat.Full(m.Minor, Model.Currency)}")) + ")";

}
