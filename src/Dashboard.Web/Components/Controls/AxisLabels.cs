using System.Globalization;
using Dashboard.Core.Metrics;
using Dashboard.Core.Money;

namespace Dashboard.Web.Components.Controls;

/// <summary>Value-axis labels shared by every chart: whole units, compact from 10,000 ($0, $2,500, $12.5k, 4.5 %).</summary>
public static class AxisLabels
{
    /// <summary>
    /// Money without cents: $0, $2,500, $12.5k, $1.2M. A tick between whole units (a chart of small or zero values
    /// puts ticks at $0.50) keeps its cents, so two ticks never read the same.
    /// </summary>
    public static string Money(decimal major, string currency) =>
        Math.Abs(major) >= 10_000m
            ? MoneyFormat.Compact(major, currency)
            : (major < 0 ? "-" : string.Empty) + MoneyFormat.Symbol(currency)
              + Math.Abs(major).ToString(major == decimal.Truncate(major) ? "#,0" : "#,0.00", CultureInfo.InvariantCulture);

    /// <summary>A Radzen axis value (money in major units) as the metric's unit shows it; empty for anything else.</summary>
    public static string For(object value, MetricUnit unit, string currency)
    {
        if (value is not IConvertible convertible)
        {
            return string.Empty;
        }

        var number = convertible.ToDecimal(CultureInfo.InvariantCulture);
        return unit switch
        {
            MetricUnit.Money => Money(number, currency),
            MetricUnit.Percent => number.ToString("0.#", CultureInfo.InvariantCulture) + " %",
            _ => number.ToString("#,0.##", CultureInfo.InvariantCulture),
        };
    }
}
