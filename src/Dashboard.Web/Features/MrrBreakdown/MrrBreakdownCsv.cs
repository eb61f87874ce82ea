using System.Globalization;
using System.Text;
using Dashboard.Core.Metrics;

namespace Dashboard.Web.Features.MrrBreakdown;

/// <summary>
/// The MRR breakdown as CSV: one line per period with its start and end day, each movement's amount (minor units, no
/// thousands separator) and count, net new MRR, MRR at the end and the currency.
/// </summary>
public static class MrrBreakdownCsv
{
    public static string Write(MrrBreakdownModel model)
    {
        var csv = new StringBuilder("date,end_date");
        foreach (var kind in MrrBreakdownModel.Kinds)
        {
            csv.Append(',').Append(kind.Kind).Append("_mrr,").Append(kind.Kind).Append("_count");
        }

        csv.Append(",net_new_mrr,mrr,currency\n");
        foreach (var row in model.Rows)
        {
            csv.Append(Day(row.Date)).Append(',').Append(Day(row.EndDate));
            foreach (var cell in row.Movements)
            {
                csv.Append(',').Append(cell.Amount.ToString(CultureInfo.InvariantCulture)).Append(',').Append(cell.Count.ToString(CultureInfo.InvariantCulture));
            }

            csv.Append(',').Append(row.NetNew.ToString(CultureInfo.InvariantCulture)).Append(',').Append(row.MrrAtEnd.ToString(CultureInfo.InvariantCulture))
                .Append(',').Append(model.Currency).Append('\n');
        }

        return csv.ToString();
    }

    /// <summary>The download's name: <c>mrr-breakdown-2026-01-01-2026-03-31-month.csv</c>.</summary>
    public static string FileName(MrrBreakdownModel model) => $"mrr-breakdown-{Day(model.Start)}-{Day(model.End)}-{Intervals.Name(model.Interval)}.csv";

    private static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
