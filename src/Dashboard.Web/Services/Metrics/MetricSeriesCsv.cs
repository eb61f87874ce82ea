using System.Globalization;
using System.Text;
using Dashboard.Core.Metrics;

namespace Dashboard.Web.Services.Metrics;

/// <summary>
/// A metric series as CSV: one line per bucket with its start and end day, the raw value (money in minor units, no
/// thousands separator), the previous period's value when compared, the unit and the currency.
/// </summary>
public static class MetricSeriesCsv
{
    public static string Write(MetricViewData data, bool compare)
    {
        var csv = new StringBuilder();
        csv.Append("metric,date,end_date,value");
        if (compare)
        {
            csv.Append(",previous_value");
        }

        csv.Append(",unit,currency\n");
        var unit = data.Metric.Unit.ToString().ToLowerInvariant();
        foreach (var point in data.Series.Points)
        {
            csv.Append(data.Metric.Name).Append(',').Append(Day(point.Date)).Append(',').Append(Day(point.EndDate))
                .Append(',').Append(Raw(point.Value));
            if (compare)
            {
                csv.Append(',').Append(Raw(point.Previous?.Value));
            }

            csv.Append(',').Append(unit).Append(',').Append(data.Currency).Append('\n');
        }

        return csv.ToString();
    }

    /// <summary>The download's name: <c>mrr-2026-01-01-2026-03-31-month.csv</c>.</summary>
    public static string FileName(MetricViewData data) =>
        $"{data.Metric.Name}-{Day(data.Start)}-{Day(data.End)}-{Intervals.Name(data.Interval)}.csv";

    private static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Raw(decimal? value) => value is { } v ? v.ToString("0.####", CultureInfo.InvariantCulture) : string.Empty;
}
