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

    private static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private static string Percent(double value) => (value / MrrChartModel.Size * 100).ToString("0.##", CultureInfo.InvariantCulture) + "%";

    private string Tooltip(MrrBucket bucket) =>
        $"{bucket.Label}: MRR {MoneyFormat.Full(bucket.MrrMinor, Model.Currency)}, net new {MoneyFormat.Full(bucket.NetNewMinor, Model.Currency)} ("
        + string.Join(", ", bucket.Movements.Select(m => $"{m.Label.ToLowerInvariant()} {MoneyFormat.Full(m.Minor, Model.Currency)}")) + ")";

    /// <summary>Axis labels without cents: $0, $2,500, $12.5k, $1.2M.</summary>
    public static string FormatAxisValue(decimal major, string currency) =>
        Math.Abs(major) >= 10_000m
            ? MoneyFormat.Compact(major, currency)
            : (major < 0 ? "-" : string.Empty) + MoneyFormat.Symbol(currency) + Math.Abs(major).ToString("#,0", CultureInfo.InvariantCulture);
}
