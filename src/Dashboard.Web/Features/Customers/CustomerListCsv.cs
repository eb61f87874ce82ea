using System.Globalization;
using System.Text;
using Dashboard.Core.Customers;

namespace Dashboard.Web.Features.Customers;

/// <summary>
/// The customer list as CSV, one line per customer in the list's order:
/// <c>id,external_id,name,email,plans,mrr,net_revenue,currency,since,status,source,country[,attribute:KEY]</c>. Money is in
/// integer minor units of the reporting currency (as the metric CSVs), dates yyyy-MM-dd, plans joined by "; ". A text
/// cell that a spreadsheet would read as a formula (starting with =, +, -, @) is prefixed with an apostrophe.
/// </summary>
public static class CustomerListCsv
{
    public static string Write(CustomerListPage page, string? attribute, IReadOnlyDictionary<long, string> sourceNames)
    {
        var csv = new StringBuilder("id,external_id,name,email,plans,mrr,net_revenue,currency,since,status,source,country");
        if (attribute is not null)
        {
            csv.Append(',').Append(Text("attribute:" + attribute));
        }

        csv.Append('\n');
        foreach (var row in page.Rows)
        {
            csv.Append(row.Id.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(Text(row.ExternalId)).Append(',')
                .Append(Text(row.Name)).Append(',')
                .Append(Text(row.Email)).Append(',')
                .Append(Text(string.Join("; ", row.Plans))).Append(',')
                .Append(row.Mrr.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(row.NetRevenue.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(page.Currency).Append(',')
                .Append(row.Since?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append(',')
                .Append(CustomerListModel.StatusKey(row.Status)).Append(',')
                .Append(Text(sourceNames.GetValueOrDefault(row.SourceId))).Append(',')
                .Append(Text(row.Country));
            if (attribute is not null)
            {
                csv.Append(',').Append(Text(row.AttributeValue));
            }

            csv.Append('\n');
        }

        return csv.ToString();
    }

    /// <summary>The download's name: <c>customers-2026-12-07.csv</c> (the day the numbers are for).</summary>
    public static string FileName(DateOnly date) => $"customers-{date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.csv";

    /// <summary>A text cell: quoted when it holds a comma, quote or line break; formula-like text made inert.</summary>
    public static string Text(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
