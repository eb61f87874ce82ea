using System.Globalization;
using System.Text;
using Dashboard.Web.Features.Customers;

namespace Dashboard.Web.Features.Metrics;

/// <summary>
/// Every row of a drill-down as CSV, largest contributions first as the list shows them:
/// <c>customer_id,external_id,name,email,contribution,unit,currency,movements</c>. The contribution is the row's figure
/// as the list shows it (money in minor units, counts as counts): MRR rows rounded together by largest remainder, so the
/// column sums exactly to the list's total (docs/metrics.md "Drill-down").
/// </summary>
public static class DrillDownCsv
{
    /// <summary>The download of <paramref name="view"/>: the page's query string plus the drilled window's <c>from</c> and <c>to</c>.</summary>
    public static string Href(string metric, string query, DrillDownView view)
    {
        var window = $"from={Day(view.Start)}&to={Day(view.End)}";
        var rest = string.IsNullOrEmpty(query) ? window : query + "&" + window;
        return $"export/metrics/{Uri.EscapeDataString(metric)}/customers.csv?{rest}";
    }

    public static string Write(string metric, DrillDownView view)
    {
        var csv = new StringBuilder("customer_id,external_id,name,email,contribution,unit,currency,movements\n");
        var unit = view.ContributionUnit.ToString().ToLowerInvariant();
        foreach (var row in view.Rows)
        {
            csv.Append(row.CustomerId.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(CustomerListCsv.Text(row.ExternalId)).Append(',')
                .Append(CustomerListCsv.Text(row.Customer)).Append(',')
                .Append(CustomerListCsv.Text(row.Email)).Append(',')
                .Append(MetricValues.Raw(row.Contribution)).Append(',')
                .Append(unit).Append(',')
                .Append(view.Currency).Append(',')
                .Append(CustomerListCsv.Text(row.Movements)).Append('\n');
        }

        return csv.ToString();
    }

    /// <summary>The download's name: <c>new_mrr-customers-2026-10-01-2026-10-31.csv</c>.</summary>
    public static string FileName(string metric, DrillDownView view) => $"{metric}-customers-{Day(view.Start)}-{Day(view.End)}.csv";

    private static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
