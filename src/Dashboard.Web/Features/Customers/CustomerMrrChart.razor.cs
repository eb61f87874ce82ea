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
}

/// <summary>One month-end of a customer's MRR: <see cref="Major"/> for the chart, <see cref="Minor"/> exact.</summary>
public sealed record MrrChartPoint(DateOnly Date, string Label, double Major, long Minor);
