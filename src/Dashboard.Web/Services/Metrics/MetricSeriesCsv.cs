using System.Globalization;
using System.Text;
using Dashboard.Core.Metrics;
using Dashboard.Web.Features.Metrics;

namespace Dashboard.Web.Services.Metrics;

/// <summary>
/// A metric series as CSV: one line per bucket with its start and end day, the raw value (money in minor units, no
/// thousands separator), the previous period's value when compared, the unit and the currency; for a rate the first day
/// of the window its value covers (<c>window_start</c>: by day the trailing 30 days, so before <c>date</c>); last the
/// period's name as the page's table shows it (<c>period</c>: "Dec 1–7, so far", "30 days to Dec 6, 2026").
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

        var window = data.Metric.Kind == MetricKind.Window;
        csv.Append(",unit,currency").Append(window ? ",window_start" : string.Empty).Append(",period\n");
        var unit = data.Metric.Unit.ToString().ToLowerInvariant();
        foreach (var point in data.Series.Points)
        {
            csv.Append(data.Metric.Name).Append(',').Append(Day(point.Date)).Append(',').Append(Day(point.EndDate))
                .Append(',').Append(Raw(point.Value));
            if (compare)
            {
                csv.Append(',').Append(Raw(point.Previous?.Value));
            }

            csv.Append(',').Append(unit).Append(',').Append(data.Currency);
            if (window)
            {
                csv.Append(',').Append(point.WindowStart is { } windowStart ? Day(windowStart) : string.Empty);
            }

            csv.Append(',').Append(Quoted(PeriodLabels.Point(point, data.Interval, data.Today))).Append('\n');
        }

        return csv.ToString();
    }

    /// <summary>The download's name: <c>mrr-2026-01-01-2026-03-31-month.csv</c>.</summary>
    public static string FileName(MetricViewData data) =>
        $"{data.Metric.Name}-{Day(data.Start)}-{Day(data.End)}-{Intervals.Name(data.Interval)}.csv";

    /// <summary>A cell in double quotes (a period's name holds commas), quotes doubled.</summary>
    private static string Quoted(string text) => "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Raw(decimal? value) => value is { } v ? v.ToString("0.####", CultureInfo.InvariantCulture) : string.Empty;
}
