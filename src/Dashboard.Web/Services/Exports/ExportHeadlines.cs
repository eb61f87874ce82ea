using System.Globalization;
using Dashboard.Core.Exports;
using Dashboard.Core.Metrics;
using Dashboard.Core.Money;
using Dashboard.Infrastructure.Exports;

namespace Dashboard.Web.Services.Exports;

/// <summary>
/// The headline numbers of an export's email, read from the file's own cells, so an email sent when the run happens and
/// one sent again later from the stored file say the same: for each metric column its last bucket's value and the change
/// from the bucket before (and every bucket, for a digest's bars); for a customer list the number of customers and their MRR.
/// </summary>
public static class ExportHeadlines
{
    public const string MrrColumn = "mrr";

    public static IReadOnlyList<Headline> Of(ExportKind kind, IReadOnlyList<string> header, IReadOnlyList<IReadOnlyList<string?>> rows, string currency) =>
        kind == ExportKind.Customers ? OfCustomers(header, rows, currency) : OfMetrics(header, rows, currency);

    private static List<Headline> OfMetrics(IReadOnlyList<string> header, IReadOnlyList<IReadOnlyList<string?>> rows, string currency)
    {
        var headlines = new List<Headline>();
        for (var column = 1; column < header.Count; column++)
        {
            if (!MetricCatalog.TryGet(header[column], out var metric))
            {
                continue;
            }

            var series = rows.Select(row => Number(column < row.Count ? row[column] : null)).ToList();
            var last = series.Count > 0 ? series[^1] : null;
            var before = series.Count > 1 ? series[^2] : null;
            var change = PreviousValue.Of(last, before).Percent is { } percent
                ? (percent >= 0 ? "+" : string.Empty) + MoneyFormat.Percent(percent) + " vs the bucket before"
                : null;
            headlines.Add(new Headline(metric.Title, Display(last, metric.Unit, currency), change, series.Select(v => v ?? 0).ToList()));
        }

        return headlines;
    }

    private static List<Headline> OfCustomers(IReadOnlyList<string> header, IReadOnlyList<IReadOnlyList<string?>> rows, string currency)
    {
        var mrr = header.ToList().IndexOf(MrrColumn);
        var total = mrr < 0 ? 0 : rows.Sum(row => Number(mrr < row.Count ? row[mrr] : null) ?? 0);
        return [new Headline("Customers", MoneyFormat.Count(rows.Count)), new Headline("MRR", MoneyFormat.Full(total, currency))];
    }

    /// <summary>A cell as the CSV writes numbers (invariant, money in major units); null for an empty or non-numeric cell.</summary>
    private static decimal? Number(string? cell) =>
        decimal.TryParse(cell, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static string Display(decimal? value, MetricUnit unit, string currency) => value is not { } v
        ? "n/a"
        : unit switch
        {
            MetricUnit.Money => MoneyFormat.Full(v, currency),
            MetricUnit.Percent => MoneyFormat.Percent(v),
            MetricUnit.Count => MoneyFormat.Count(v),
            _ => v.ToString("0.####", CultureInfo.InvariantCulture),
        };
}
