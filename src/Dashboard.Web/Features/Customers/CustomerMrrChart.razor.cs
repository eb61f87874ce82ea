using Dashboard.Web.Components.Controls;
using System.Globalization;
using Dashboard.Core.Money;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Features.Customers;

/// <summary>One customer's MRR per month as an area chart.</summary>
public partial class CustomerMrrChart : ComponentBase
{
    [Parameter, EditorRequired]
    public required IReadOnlyList<MrrChartPoint> Points { get; set; }

    [Parameter, EditorRequired]
    public required string Currency { get; set; }

    private string FormatAxis(object value) =>
        value is IConvertible convertible ? AxisLabels.Money(convertible.ToDecimal(CultureInfo.InvariantCulture), Currency) : string.Empty;

    /// <summary>
    /// Month labels that always say the year: the chart may skip any tick when space is short, so a year shown only on
    /// January would be lost. Within one calendar year the first label has it ("Mar 2026", "Apr", ...); across years
    /// every label carries a short year ("Dec ’25", "Feb ’26").
    /// </summary>
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

        return index < 0 ? label : MonthLabel(Points, index);
    }

    /// <summary>The axis label of point <paramref name="index"/> of <paramref name="points"/>.</summary>
    public static string MonthLabel(IReadOnlyList<MrrChartPoint> points, int index)
    {
        var date = points[index].Date;
        if (points[0].Date.Year != points[^1].Date.Year)
        {
            return date.ToString("MMM", CultureInfo.InvariantCulture) + " \u2019" + (date.Year % 100).ToString("00", CultureInfo.InvariantCulture);
        }

        return index == 0 ? points[index].Label : date.ToString("MMM", CultureInfo.InvariantCulture);
    }
}

/// <summary>One month-end of a customer's MRR: <see cref="Major"/> for the chart, <see cref="Minor"/> exact.</summary>
public sealed record MrrChartPoint(DateOnly Date, string Label, double Major, long Minor);
