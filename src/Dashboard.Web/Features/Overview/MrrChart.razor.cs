using System.Globalization;
using Dashboard.Core.Money;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Features.Overview;

/// <summary>MRR per month as an area chart (drawn as SVG in the browser; it measures its size through JS first).</summary>
public partial class MrrChart : ComponentBase
{
    [Parameter, EditorRequired]
    public required IReadOnlyList<MrrChartPoint> Points { get; set; }

    [Parameter, EditorRequired]
    public required string Currency { get; set; }

    private string FormatAxis(object value) =>
        value is IConvertible convertible ? FormatAxisValue(convertible.ToDecimal(CultureInfo.InvariantCulture), Currency) : string.Empty;

    /// <summary>Short month labels: the year only where it changes (and on the first point): "Dec 2025", "Jan 2026", "Feb".</summary>
    private string FormatCategory(object value)
    {
        var label = value as string ?? string.Empty;
        var index = -1;
        for (var i = 0; i < Points.Count; i++)
        {
            if (Points[i].Label == label)
            {
                index = i;
                break;
            }
        }

        return index <= 0 || Points[index].Date.Month == 1 ? label : Points[index].Date.ToString("MMM", CultureInfo.InvariantCulture);
    }

    /// <summary>Axis labels without cents: $0, $2,500, $12.5k, $1.2M.</summary>
    public static string FormatAxisValue(decimal major, string currency) =>
        Math.Abs(major) >= 10_000m
            ? MoneyFormat.Compact(major, currency)
            : (major < 0 ? "-" : string.Empty) + MoneyFormat.Symbol(currency) + Math.Abs(major).ToString("#,0", CultureInfo.InvariantCulture);
}
