using System.Globalization;
using Dashboard.Core.Metrics;
using Dashboard.Web.Features.Metrics;

namespace Dashboard.Web.Features.Cohorts;

/// <summary>One cell of the heatmap: the share (plain percent) and its text; Alpha shades it (0..1).</summary>
public sealed record CohortHeatCell(int Period, string Raw, string Display, string Detail, double Alpha);

/// <summary>One cohort row: its month, size and starting MRR, then a cell per month since.</summary>
public sealed record CohortHeatRow(DateOnly Month, string Label, int Customers, string StartingMrr, IReadOnlyList<CohortHeatCell> Cells);

/// <summary>The cohort triangle as a heatmap of customer retention or net MRR retention, built without rendering.</summary>
public sealed record CohortsModel(bool ByMrr, int Periods, IReadOnlyList<CohortHeatRow> Rows)
{
    public static CohortsModel From(CohortTable table, bool byMrr)
    {
        var rows = table.Rows.Select(row => new CohortHeatRow(
            row.Month,
            row.Month.ToString("MMM yyyy", CultureInfo.InvariantCulture),
            row.Customers,
            MetricValues.Full(row.StartingMrr, MetricUnit.Money, table.Currency),
            row.Periods.Select(cell =>
            {
                var share = byMrr ? cell.MrrShare : cell.ActiveShare;
                var detail = byMrr
                    ? $"{MetricValues.Full(cell.Mrr, MetricUnit.Money, table.Currency)} of {MetricValues.Full(row.StartingMrr, MetricUnit.Money, table.Currency)} at {cell.Date.ToString("MMM d, yyyy", CultureInfo.InvariantCulture)}"
                    : $"{cell.ActiveCustomers} of {row.Customers} customers active at {cell.Date.ToString("MMM d, yyyy", CultureInfo.InvariantCulture)}";
                return new CohortHeatCell(cell.Period, MetricValues.Raw(share), share is { } s ? s.ToString("0", CultureInfo.InvariantCulture) + " %" : "–",
                    detail, share is { } v ? Math.Clamp((double)v / 100d, 0d, 1d) : 0d);
            }).ToList())).ToList();
        return new CohortsModel(byMrr, rows.Count == 0 ? 0 : rows.Max(r => r.Cells.Count), rows);
    }
}
